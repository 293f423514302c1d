import type { ChildProcess } from 'child_process'
import { spawn } from 'child_process'
import { once } from 'events'
import path from 'path'

jest.setTimeout(180_000)

const MAIN = path.join(__dirname, '..', 'main.ts')

function runMain(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  return child
}

/** Everything the child printed on a stream until the text matches, or until it exits. */
async function readUntil(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<string> {
  let text = ''
  for await (const chunk of stream) {
    text += chunk
    if (pattern.test(text)) {
      break
    }
  }
  return text
}

describe('src/sandbox/main.ts', () => {
  let child: ChildProcess | undefined

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
  })

  it('prints its URL and the demo credentials, serves the API and stops on SIGTERM', async () => {
    child = runMain({ SANDBOX_PORT: '0', SANDBOX_CLIENT_ID: '', SANDBOX_PRODUCER_TOKEN: '' })
    const banner = await readUntil(child.stdout!, /Inspect/)
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1]
    expect(url).toBeDefined()
    expect(banner).toContain(`API base URL     ${url}/api/v1`)
    expect(banner).toContain('Client ID        demo')
    expect(banner).toContain('Producer Token   demo-producer-token')
    const response = await fetch(`${url}/api/v1/applications/demo/validate-app/`, {
      headers: { authorization: 'Bearer demo-producer-token' }
    })
    expect(response.status).toBe(200)
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  })

  it('hides a Producer Token given through the environment', async () => {
    child = runMain({ SANDBOX_PORT: '0', SANDBOX_CLIENT_ID: 'my-app', SANDBOX_PRODUCER_TOKEN: 'my-secret-token' })
    const banner = await readUntil(child.stdout!, /Inspect/)
    expect(banner).toContain('Client ID        my-app')
    expect(banner).not.toContain('my-secret-token')
    expect(banner).toContain('Producer Token   (the value of SANDBOX_PRODUCER_TOKEN)')
  })

  it('refuses a SANDBOX_PORT that is not a port, saying how to fix it', async () => {
    child = runMain({ SANDBOX_PORT: 'eighty' })
    const [errors, [code]] = await Promise.all([readUntil(child.stderr!, /\n$/), once(child, 'exit')])
    expect(code).toBe(1)
    expect(errors).toContain('SANDBOX_PORT is "eighty": set it to a port number from 0 to 65535')
  })
})
