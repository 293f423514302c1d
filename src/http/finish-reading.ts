import type { FastifyInstance, FastifyRequest } from 'fastify'

/** How long a client may take to finish sending a body that was already answered. */
export const REST_OF_BODY_MS = 10_000

function disconnectUnlessFinished(request: FastifyRequest, withinMs: number): void {
  const { raw } = request
  const timer = setTimeout(() => raw.socket.destroy(), withinMs)
  const clear = () => clearTimeout(timer)
  raw.once('end', clear)
  raw.socket.once('close', clear)
}

/**
 * Every request gets an answer it can read. fastify answers a body it refuses while parsing (too large, not JSON)
 * with `Connection: close` and closes at once, even while the client is still sending; the unread bytes then make the
 * connection reset, which can discard the answer before a busy client has read it. Here the connection stays open
 * instead: Node reads and drops the rest of the body, and a client that has not finished sending `withinMs` after its
 * answer went out is disconnected.
 */
export function finishReading(app: FastifyInstance, withinMs = REST_OF_BODY_MS): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    // Only fastify's body parsing sets this on the reply; a server that is closing sets it on the raw response.
    if (reply.getHeader('connection') === 'close') {
      reply.removeHeader('connection')
    }
    if (!request.raw.complete) {
      disconnectUnlessFinished(request, withinMs)
    }
    done(null, payload)
  })
}
