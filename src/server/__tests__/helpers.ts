import { startServer } from '../server'
import type { RunningServer, ServerOptions } from '../server'

export { call, eventually } from '../../runtime/__tests__/http'

/** A dev server and its sandbox on free ports, quiet, with quick retries and a short linger. */
export function startTestServer(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    sandboxPort: 0,
    logger: false,
    backoff: { baseMs: 1, maxMs: 5 },
    lingerMs: 10,
    ...options
  })
}

/** The test server of a whole test file: started before its first test, closed after its last. */
export function testServerForFile(): { server: RunningServer } {
  const session = {} as { server: RunningServer }
  beforeAll(async () => {
    session.server = await startTestServer()
  })
  afterAll(async () => {
    await session.server?.close()
  })
  return session
}

export function basicAuth(writeKey: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` }
}
