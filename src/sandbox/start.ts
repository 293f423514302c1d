import type { FastifyInstance } from 'fastify'
import { createSandbox } from './app'
import type { SandboxOptions } from './options'

export interface RunningSandbox {
  /** 'http://127.0.0.1:PORT' */
  url: string
  /** url + '/api/v1', what LIVELIKE_API_BASE_URL is set to. */
  apiBaseUrl: string
  app: FastifyInstance
  /**
   * Resolves once every call LiveLike's source made so far has its delivery result (at once without a source). A
   * stop that delivers everything waits for it while the Tracking API it sends to still listens.
   */
  sourceSettled(): Promise<void>
  /** Stops; the source first delivers what it holds (for at most 10 s). */
  close(): Promise<void>
}

/** Builds a sandbox and listens; host default 127.0.0.1, port default 0 (any free port). */
export async function startSandbox(
  options: SandboxOptions & { host?: string; port?: number } = {}
): Promise<RunningSandbox> {
  const { host = '127.0.0.1', port = 0, ...sandboxOptions } = options
  const { app, state } = createSandbox(sandboxOptions)
  await app.listen({ host, port })
  const address = app.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`
  return {
    url,
    apiBaseUrl: `${url}/api/v1`,
    app,
    sourceSettled: async () => state.source?.settled(),
    close: () => app.close()
  }
}
