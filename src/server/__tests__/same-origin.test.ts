import type { RunningServer } from '../server'
import { call, startTestServer } from './helpers'

jest.setTimeout(120_000)

let server: RunningServer
let port: string

beforeAll(async () => {
  server = await startTestServer()
  port = new URL(server.url).port
})

afterAll(async () => {
  await server.close()
})

const settings = { clientId: 'demo', producerToken: 'demo-producer-token' }
const event = { type: 'track', event: 'Guarded', userId: 'guard-user', timestamp: '2024-03-07T12:00:00.000Z' }
const json = { 'content-type': 'application/json' }

const recorded = async () => (await call<{ recorded: number }>(`${server.sandbox!.url}/_sandbox/stats`)).body.recorded

describe('routes that change state refuse other origins', () => {
  it.each([
    ['another site', { origin: 'https://example.com' }],
    ['a sandboxed frame or a file', { origin: 'null' }],
    [
      'a site whose name was made to point here',
      { origin: `http://rebound.example:PORT`, host: 'rebound.example:PORT' }
    ],
    ["Segment's app, on a route that is not the Actions Tester's", { origin: 'https://app.segment.com' }]
  ])('POST /events from %s: 403, and nothing is delivered', async (_, headers) => {
    const before = await recorded()
    const withPort = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, value.replace('PORT', port)])
    )

    const reply = await call<{ message: string }>(`${server.url}/events`, {
      json: { ...event, messageId: `guard-${headers.origin}` },
      headers: withPort
    })

    expect(reply.status).toBe(403)
    expect(reply.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: `A page from ${withPort.origin} may not change anything here; these may: this server's own pages.`
    })
    expect(await recorded()).toBe(before)
  })

  it.each([`http://127.0.0.1:PORT`, `http://localhost:PORT`])(
    'POST /events from its own page at %s',
    async (origin) => {
      const own = origin.replace('PORT', port)

      const reply = await call(`${server.url}/events`, {
        json: { ...event, messageId: `own-${own}` },
        headers: { origin: own, host: new URL(own).host }
      })

      expect(reply).toMatchObject({ status: 200, body: [{ ok: true, status: 202 }] })
    }
  )

  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['a multipart form', 'multipart/form-data; boundary=x']
  ])('refuses %s, which a page may send without asking, with 415', async (_, type) => {
    const reply = await call<{ message: string }>(`${server.url}/events`, {
      body: JSON.stringify(event),
      headers: { 'content-type': type }
    })

    expect(reply.status).toBe(415)
    expect(reply.body.message).toBe(`Content-Type ${type} is not accepted here: send the body as application/json.`)
  })

  it('refuses a body without a content type with 415', async () => {
    const reply = await call<{ statusCode: number }>(`${server.url}/events`, { body: JSON.stringify(event) })

    expect(reply).toMatchObject({ status: 415, body: { statusCode: 415 } })
  })
})

describe("the Actions Tester's routes", () => {
  it.each(['https://app.segment.com', 'https://eu1.app.segment.build', 'http://localhost:8000'])(
    'answer %s',
    async (origin) => {
      const authenticate = await call(`${server.url}/authenticate`, { json: settings, headers: { origin } })
      const action = await call(`${server.url}/sendEvent`, {
        json: { payload: { ...event, messageId: `tester-${origin}` }, settings },
        headers: { origin }
      })

      expect(authenticate).toMatchObject({ status: 200, body: { ok: true } })
      expect(action).toMatchObject({ status: 200, body: [{ response: { statusCode: 202 } }] })
      expect(action.headers['access-control-allow-origin']).toBe(origin)
    }
  )

  it.each(['/authenticate', '/sendEvent', '/syncToUserGroup', '/invokeRewardAction/program_id'])(
    'refuse another site on %s',
    async (path) => {
      const reply = await call<{ message: string }>(`${server.url}${path}`, {
        json: { payload: event, settings },
        headers: { origin: 'https://example.com' }
      })

      expect(reply.status).toBe(403)
      expect(reply.body.message).toMatch(
        /^A page from https:\/\/example\.com may not change anything here; these may: .*https:\/\/app\.segment\.com/
      )
    }
  )

  it('refuse a text/plain body', async () => {
    const reply = await call(`${server.url}/sendEvent`, {
      body: JSON.stringify({ payload: event, settings }),
      headers: { 'content-type': 'text/plain', origin: 'https://app.segment.com' }
    })

    expect(reply.status).toBe(415)
  })

  it('still let anyone read the manifest', async () => {
    const reply = await call(`${server.url}/manifest`, { headers: { origin: 'https://example.com' } })

    expect(reply.status).toBe(200)
  })
})

describe('the Tracking API', () => {
  it('stays open to any web page, text/plain included', async () => {
    const reply = await call(`${server.url}/v1/t`, {
      body: JSON.stringify({ userId: 'page-user', event: 'From A Page', writeKey: 'any' }),
      headers: { 'content-type': 'text/plain', origin: 'https://shop.example.com' }
    })

    expect(reply).toMatchObject({ status: 200, body: { success: true } })
  })
})

describe("the sandbox's control routes", () => {
  const foreign = { origin: 'https://example.com' }

  it.each<[string, Parameters<typeof call>[1]]>([
    ['PUT /_sandbox/faults', { method: 'PUT', json: { failureRate: 1 }, headers: foreign }],
    ['PUT /_sandbox/rewards/rules', { method: 'PUT', json: [], headers: foreign }],
    ['DELETE /_sandbox', { method: 'DELETE', headers: foreign }]
  ])('refuse %s from another site, in LiveLike style', async (route, init) => {
    const path = route.split(' ')[1]

    const reply = await call(`${server.sandbox!.url}${path}`, init)

    expect(reply).toMatchObject({
      status: 403,
      body: { detail: expect.stringMatching(/^A page from https:\/\/example\.com/) }
    })
  })

  it('refuse a body that is not JSON', async () => {
    const reply = await call(`${server.sandbox!.url}/_sandbox/faults`, {
      method: 'PUT',
      body: '{"failureRate": 1}',
      headers: { 'content-type': 'text/plain' }
    })

    expect(reply.status).toBe(415)
  })

  it('still take JSON from a client that is not a browser, and a reset without a body', async () => {
    const faults = await call(`${server.sandbox!.url}/_sandbox/faults`, { method: 'PUT', json: {}, headers: json })
    const reset = await call(`${server.sandbox!.url}/_sandbox`, { method: 'DELETE' })

    expect([faults.status, reset.status]).toEqual([200, 200])
  })
})
