import type { FastifyInstance } from 'fastify'
import { buildSandbox } from './app'
import type { SandboxOptions } from './options'

export interface RunningSandbox {
  /** 'http://127.0.0.1:PORT' */
  url: string
  /** url + '/api/v1', what LIVELIKE_API_BASE_URL is set to. */
  apiBaseUrl: string
  app: FastifyInstance
  close(): Promise<void>
}

/** Builds a sandbox and listens; host default 127.0.0.1, port default 0 (any free port). */
export async function startSandbox(
  options: SandboxOptions & { host?: string; port?: number } = {}
): Promise<RunningSandbox> {
  const { host = '127.0.0.1', port = 0, ...sandboxOptions } = options
  const app = buildSandbox(sandboxOptions)
  await app.listen({ host, port })
  const address = app.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`
  return { url, apiBaseUrl: `${url}/api/v1`, app, close: () => app.close() }
}
