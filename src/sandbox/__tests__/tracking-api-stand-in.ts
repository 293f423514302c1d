import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import { createServer } from 'net'
import type { Server } from 'net'

/** One track call as Segment's Tracking API received it from analytics-node, with the write key it came under. */
export interface ReceivedCall {
  writeKey: string
  event: Record<string, unknown>
}

/** A Tracking API that records every call posted to /v1/batch; it can go down and come back on its port. */
export class TrackingApiStandIn {
  readonly received: ReceivedCall[] = []
  /** Connections cut while down: each one is a delivery attempt that failed. */
  refused = 0
  private app?: FastifyInstance
  private cutter?: Server
  private port = 0

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    await new Promise((resolve) => (this.cutter ? this.cutter.close(resolve) : resolve(undefined)))
    this.cutter = undefined
    const app = Fastify()
    app.post<{ Body: { batch: Record<string, unknown>[] } }>('/v1/batch', async (request) => {
      const auth = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString()
      for (const event of request.body.batch) {
        this.received.push({ writeKey: auth.split(':')[0], event })
      }
      return { success: true }
    })
    await app.listen({ host: '127.0.0.1', port: this.port })
    const address = app.server.address()
    this.port = typeof address === 'object' && address ? address.port : this.port
    this.app = app
  }

  /** Goes down: every connection to its port is cut at once, until `start` again. */
  async down(): Promise<void> {
    await this.stop()
    const cutter = createServer((socket) => {
      this.refused += 1
      socket.destroy()
    })
    await new Promise<void>((resolve) => cutter.listen(this.port, '127.0.0.1', resolve))
    this.cutter = cutter
  }

  async stop(): Promise<void> {
    await this.app?.close()
    this.app = undefined
    await new Promise((resolve) => (this.cutter ? this.cutter.close(resolve) : resolve(undefined)))
    this.cutter = undefined
  }

  events(name: string): Record<string, unknown>[] {
    return this.received.filter(({ event }) => event.event === name).map(({ event }) => event)
  }
}
