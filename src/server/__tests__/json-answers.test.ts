import { MAX_NESTING, nestsDeeperThan } from '../nesting-limit'
import { basicAuth, call, testServerForFile } from './helpers'
import { head, RawConnection } from '../../http/__tests__/socket'

const session = testServerForFile()

const auth = basicAuth('answers-key')
const json = { 'content-type': 'application/json' }
const settings = { clientId: 'demo', producerToken: 'demo-producer-token' }

/** An object nested `levels` deep: {"a": {"a": ... 1}}. */
const nested = (levels: number): string => '{"a":'.repeat(levels - 1) + '{"a":1' + '}'.repeat(levels)
const track = (properties: string) =>
  `{"type":"track","event":"Deep","userId":"deep-user","timestamp":"2024-03-07T12:00:00.000Z","properties":${properties}}`

type Init = Parameters<typeof call>[1]

describe('every error is JSON', () => {
  it.each<[string, string, Init, number, RegExp]>([
    [
      'a preflight without its headers',
      '/sendEvent',
      { method: 'OPTIONS' },
      400,
      /^A CORS preflight \(OPTIONS\) carries Origin and Access-Control-Request-Method/
    ],
    ['an unknown route', '/nowhere', {}, 404, /^No route GET \/nowhere\.$/],
    ['a method the route has not', '/authenticate', {}, 404, /^No route GET \/authenticate\.$/],
    ['a method no route has', '/events', { method: 'PUT', json: {} }, 404, /^No route PUT \/events\.$/],
    [
      'a content type the Tracking API does not read',
      '/v1/track',
      { body: '<track/>', headers: { ...auth, 'content-type': 'application/xml' } },
      415,
      /^Content-Type application\/xml is not accepted here/
    ],
    [
      'a body without a content type',
      '/events',
      { body: '{"type":"track"}', headers: {} },
      415,
      /^Content-Type \(none\) is not accepted here: send the body as application\/json\.$/
    ],
    [
      'a body over the limit',
      '/events',
      { body: `[${'1,'.repeat(600_000)}1]`, headers: json },
      413,
      /over this route's limit of 1024 KB/
    ],
    [
      'an event over 32 KB',
      '/v1/track',
      { json: { userId: 'u', event: 'Big', properties: { text: 'x'.repeat(40_000) } }, headers: auth },
      400,
      /over this route's limit of 32 KB/
    ],
    ['malformed JSON', '/events', { body: '{"type":', headers: json }, 400, /^The body is not valid JSON/],
    ['an empty JSON body', '/authenticate', { body: '', headers: json }, 400, /^The body is not valid JSON/],
    [
      'a prototype poisoning body',
      '/events',
      { body: '{"type":"track","__proto__":{"x":1}}', headers: json },
      400,
      /^The body is not valid JSON/
    ],
    [
      'a body nested too deep',
      '/events',
      { body: track(nested(MAX_NESTING)), headers: json },
      400,
      /^The body nests objects and arrays deeper than 256 levels: flatten it\.$/
    ],
    [
      'a call nested too deep',
      '/v1/track',
      { body: track(nested(1000)), headers: { ...json, ...auth } },
      400,
      /deeper than 256 levels/
    ],
    [
      'an action payload nested too deep',
      '/sendEvent',
      { body: `{"settings":${JSON.stringify(settings)},"payload":${track(nested(10_000))}}`, headers: json },
      400,
      /deeper than 256 levels/
    ]
  ])('%s (%s)', async (_, path, init, status, message) => {
    const reply = await call<Record<string, unknown>>(`${session.server.url}${path}`, init)

    expect(reply.status).toBe(status)
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(reply.body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: expect.stringMatching(message)
    })
  })

  it('delivers an event nested as deep as allowed', async () => {
    const body = track(nested(MAX_NESTING - 1))

    const reply = await call<{ ok: boolean }[]>(`${session.server.url}/events`, { body, headers: json })

    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject([{ ok: true, status: 202 }])
  })

  it('answers a request that is not HTTP with JSON too', async () => {
    const connection = await RawConnection.open(session.server.url)
    try {
      await connection.write('NOT HTTP AT ALL\r\n\r\n')
      const answer = await connection.answer()

      expect(answer?.status).toBe(400)
      expect(JSON.parse(answer!.body)).toMatchObject({ statusCode: 400 })
    } finally {
      connection.close()
    }
  })

  it('keeps a connection after a refused body, for the next request', async () => {
    const connection = await RawConnection.open(session.server.url)
    try {
      await connection.write(head('POST', '/events', { ...json, 'content-length': 8 }) + '{"type":')
      expect((await connection.answer())?.status).toBe(400)

      await connection.write(head('GET', '/manifest', {}))
      expect((await connection.answer())?.status).toBe(200)
    } finally {
      connection.close()
    }
  })
})

describe('nestsDeeperThan', () => {
  it.each([
    [1, 0, true],
    [1, 1, false],
    [3, 2, true],
    [3, 3, false]
  ])('an object %i levels deep against a limit of %i: %p', (levels, limit, expected) => {
    expect(nestsDeeperThan(JSON.parse(nested(levels)), limit)).toBe(expected)
  })

  it('counts arrays as levels, and scalars as none', () => {
    expect(nestsDeeperThan([[[]]], 2)).toBe(true)
    expect(nestsDeeperThan([[], [[]]], 2)).toBe(true)
    expect(nestsDeeperThan('text', 0)).toBe(false)
    expect(nestsDeeperThan(null, 0)).toBe(false)
  })

  it('walks a million levels without running out of stack', () => {
    const deep = JSON.parse('['.repeat(1_000_000) + ']'.repeat(1_000_000)) as unknown

    expect(nestsDeeperThan(deep, MAX_NESTING)).toBe(true)
  })
})
