import Fastify from 'fastify'
import { PassThrough } from 'node:stream'
import { loggerOptions } from '../logging'
import type { ServerOptions } from '../server'
import { basicAuth, call, startTestServer } from './helpers'

jest.setTimeout(120_000)

const auth = basicAuth('logging-key')
const secrets = ['demo-producer-token', 'secret-wrong-token', auth.authorization]
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g

/** The lines a server writes while it answers three requests, one of them with a wrong token. */
async function logOf(options: ServerOptions, terminal = false): Promise<string[]> {
  const logStream = Object.assign(new PassThrough(), terminal ? { isTTY: true } : {})
  let text = ''
  logStream.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const server = await startTestServer({ logger: true, logStream, ...options })
  try {
    await call(`${server.url}/v1/track?debug=1`, { json: { userId: 'log-user', event: 'Logged' }, headers: auth })
    await call(`${server.url}/authenticate`, { json: { clientId: 'demo', producerToken: 'secret-wrong-token' } })
    await call(`${server.url}/nowhere`, { headers: { authorization: 'Bearer demo-producer-token' } })
  } finally {
    await server.close()
  }
  return text.split('\n').filter(Boolean)
}

const requestLines = (lines: string[]) =>
  lines.filter((line) => /(^| )(GET|POST) \//.test(line)).map((line) => line.replace(/ [\d.]+ ms/, ' <ms>'))

describe('the pretty log', () => {
  it('writes one readable line per request: time, level, method, path, status, ms and request id', async () => {
    const lines = await logOf({ logFormat: 'pretty' })

    expect(requestLines(lines)).toEqual([
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/v1\/track 200 <ms> \(req-\w+\)$/),
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/authenticate 200 <ms> \(req-\w+\)$/),
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/nowhere 404 <ms> \(req-\w+\)$/)
    ])
    for (const line of lines) {
      expect(() => JSON.parse(line)).toThrow()
    }
    for (const secret of secrets) {
      expect(lines.join('\n')).not.toContain(secret)
    }
  })

  it('never shows a token an entry carries, in a header or in settings', async () => {
    let text = ''
    const destination = new PassThrough().on('data', (chunk: Buffer) => (text += chunk.toString()))
    const app = Fastify({ logger: loggerOptions({ enabled: true, format: 'pretty', destination }) })

    app.log.warn(
      { headers: { authorization: 'Bearer demo-producer-token' }, settings: { producerToken: 'demo-producer-token' } },
      'delivery failed'
    )
    await app.close()

    expect(text).toMatch(/WARN: delivery failed .*"authorization":"\[redacted\]".*"producerToken":"\[redacted\]"/)
    expect(text).not.toContain('demo-producer-token')
  })

  it('is the default on a terminal, in colour unless NO_COLOR is set', async () => {
    const lines = await logOf({}, true)

    expect(requestLines(lines.map((line) => line.replace(ANSI, '')))).toHaveLength(3)
    expect(lines.join('\n').includes('\x1b[')).toBe(!process.env.NO_COLOR)
  })
})

describe('the JSON log', () => {
  it('is written on a terminal too when asked (the lines without a terminal are in lifecycle.test.ts)', async () => {
    const lines = await logOf({ logFormat: 'json' }, true)

    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg)
    expect(requestLines(messages)).toEqual([
      'POST /v1/track 200 <ms>',
      'POST /authenticate 200 <ms>',
      'GET /nowhere 404 <ms>'
    ])
  })
})
