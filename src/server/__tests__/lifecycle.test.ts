import { defaultValues } from '@segment/actions-core'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import syncToUserGroup from '../../destinations/livelike-cloud/syncToUserGroup'
import { startSandbox } from '../../sandbox'
import { parseOptions } from '../options'
import { basicAuth, call, eventually, startTestServer } from './helpers'

jest.setTimeout(120_000)

const auth = basicAuth('lifecycle-key')

describe('--subscriptions', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'server-subscriptions-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('runs saved mappings: an Engage identify adds a user to a user group and a later one removes them', async () => {
    const file = join(dir, 'engage.json')
    const subscription = {
      name: 'Engage Audience',
      subscribe: 'type = "identify"',
      partnerAction: 'syncToUserGroup',
      mapping: defaultValues(syncToUserGroup.fields)
    }
    await writeFile(file, JSON.stringify([subscription]))
    const options = await parseOptions(['--subscriptions', file], {})
    const server = await startTestServer({ ...options, port: 0, sandboxPort: 0 })
    const identify = (member: boolean, messageId: string) => ({
      userId: 'fan-1',
      messageId,
      traits: { super_fans: member, email: 'fan@example.com' },
      context: {
        personas: { computation_class: 'audience', computation_id: 'aud_fans', computation_key: 'super_fans' }
      }
    })
    const groups = () => call<Record<string, string[]>>(`${server.sandbox!.url}/_sandbox/user-groups`)

    try {
      await call(`${server.url}/v1/identify`, { json: identify(true, 'enter-1'), headers: auth })
      await eventually(async () => ((await groups()).body.aud_fans?.includes('fan-1') ? true : undefined))
      await call(`${server.url}/v1/identify`, { json: identify(false, 'exit-1'), headers: auth })
      await eventually(async () => ((await groups()).body.aud_fans?.length === 0 ? true : undefined))
    } finally {
      await server.close()
    }
  })
})

describe('stopping', () => {
  it('delivers every accepted event before it stops, and then accepts no more', async () => {
    const sandbox = await startSandbox({ faults: { latencyMs: 100 } })
    process.env.LIVELIKE_API_BASE_URL = sandbox.apiBaseUrl
    // Live credentials keep the server off its own sandbox, so that this one outlives it and can be read.
    const server = await startTestServer({
      live: { clientId: 'demo', producerToken: 'demo-producer-token' },
      lingerMs: 600_000
    })
    const url = server.url
    try {
      for (let request = 0; request < 3; request++) {
        const batch = Array.from({ length: 90 }, (_, n) => ({
          type: 'track',
          event: 'Pending',
          userId: `user-${n}`,
          messageId: `stop-${request}-${n}`
        }))
        expect((await call(`${url}/v1/batch`, { json: { batch }, headers: auth })).status).toBe(200)
      }

      await server.close()

      const stats = await call<{ recorded: number }>(`${sandbox.url}/_sandbox/stats`)
      expect(stats.body.recorded).toBe(270)
      await expect(call(`${url}/manifest`)).rejects.toThrow(/ECONNREFUSED/)
    } finally {
      await sandbox.close()
      delete process.env.LIVELIKE_API_BASE_URL
    }
  })
})

describe('logging', () => {
  it('writes one line per request with method, path, status and time, and never a token', async () => {
    const lines: string[] = []
    const logStream = new PassThrough()
    logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)))
    const server = await startTestServer({ logger: true, logStream })
    try {
      await call(`${server.url}/v1/track?debug=1`, { json: { userId: 'log-user', event: 'Logged' }, headers: auth })
      await call(`${server.url}/authenticate`, { json: { clientId: 'demo', producerToken: 'demo-producer-token' } })
      await call(`${server.url}/authenticate`, { json: { clientId: 'demo', producerToken: 'secret-wrong-token' } })
    } finally {
      await server.close()
    }

    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg)
    const requests = messages.filter((msg) => /^(GET|POST) /.test(msg))
    expect(requests.map((msg) => msg.replace(/ [\d.]+ ms$/, ' <ms>'))).toEqual([
      'POST /v1/track 200 <ms>',
      'POST /authenticate 200 <ms>',
      'POST /authenticate 200 <ms>'
    ])
    const all = lines.join('\n')
    for (const secret of ['demo-producer-token', 'secret-wrong-token', auth.authorization]) {
      expect(all).not.toContain(secret)
    }
  })
})
