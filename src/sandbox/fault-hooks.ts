import type { FastifyReply, FastifyRequest } from 'fastify'
import { setTimeout as delay } from 'timers/promises'
import { SandboxError } from './http-errors'
import type { SandboxState } from './state'

const UNAVAILABLE = 'Service temporarily unavailable, try again later.'

/**
 * The faults of PUT /_sandbox/faults for the calls the destination makes: `onRequest` waits the latency and rolls
 * the dice (503 and 429 end the call before anything is read); `answer` sends the reply, or loses it after the
 * handler recorded the call's events.
 */
export function faultHooks(state: SandboxState) {
  const lostResponses = new WeakSet<FastifyRequest>()

  async function onRequest(request: FastifyRequest): Promise<void> {
    const decision = state.faults.roll()
    const { latencyMs, retryAfterSeconds } = state.faults.current
    if (latencyMs > 0) {
      await delay(latencyMs)
    }
    if (decision === 'unavailable') {
      throw new SandboxError(503, UNAVAILABLE)
    }
    if (decision === 'rate-limited') {
      const detail = `Request was throttled. Expected available in ${retryAfterSeconds} seconds.`
      throw new SandboxError(429, detail, { 'retry-after': String(retryAfterSeconds) })
    }
    if (decision === 'lost-response') {
      lostResponses.add(request)
    }
  }

  function answer(request: FastifyRequest, reply: FastifyReply, status: number, body: object): FastifyReply {
    if (!lostResponses.has(request)) {
      return reply.code(status).send(body)
    }
    if (state.faults.dropsConnection()) {
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    }
    return reply.code(503).send({ detail: UNAVAILABLE })
  }

  return { onRequest, answer }
}
