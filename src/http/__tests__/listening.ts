import Fastify from 'fastify'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'

/** A bare fastify app on a free loopback port, set up by `routes`, with its base URL. */
export async function listening(
  routes: (app: FastifyInstance) => void,
  options: FastifyServerOptions = {}
): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify(options)
  routes(app)
  await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` }
}
