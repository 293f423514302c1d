import { Analytics } from '@segment/analytics-node'
import { profileIdFor } from '../../sandbox/profile-ids'
import type { RunningServer } from '../server'
import { basicAuth, call, eventually, startTestServer } from './helpers'

jest.setTimeout(120_000)

interface LiveLikeEvent {
  event_name: string
  event_type: string
  segment_user_id?: string
  anonymous_id?: string
  timestamp: string
  properties?: Record<string, unknown>
  message_id: string
}

let server: RunningServer
let sandboxUrl: string

beforeAll(async () => {
  server = await startTestServer()
  sandboxUrl = server.sandbox!.url
})

afterAll(async () => {
  await server.close()
})

async function recordedEvents(): Promise<LiveLikeEvent[]> {
  const reply = await call<{ events: LiveLikeEvent[] }>(`${sandboxUrl}/_sandbox/events?limit=10000`)
  return reply.body.events
}

/** Waits until LiveLike recorded the event with this message_id. */
function recordedWith(messageId: string): Promise<LiveLikeEvent> {
  return eventually(async () => (await recordedEvents()).find((event) => event.message_id === messageId))
}

/** The points of a LiveLike profile ID (the sandbox derives one for a user known by custom_id or segment_user_id). */
async function balance(profileId: string): Promise<number | undefined> {
  const reply = await call<{ balances: Record<string, { points?: number }> }>(`${sandboxUrl}/_sandbox/rewards`)
  return reply.body.balances[profileId]?.points
}

function expectNear(iso: string, expected: number) {
  expect(Math.abs(Date.parse(iso) - expected)).toBeLessThan(60_000)
}

describe('Tracking API with @segment/analytics-node', () => {
  it('delivers track, page and screen calls to LiveLike with the wire body and the messageId the library made', async () => {
    const analytics = new Analytics({ writeKey: 'test-write-key', host: server.url, flushAt: 1 })
    const sent = (emit: (done: (error: unknown, ctx?: { event: { messageId?: string } }) => void) => void) =>
      new Promise<string>((resolve, reject) =>
        emit((error, ctx) => (error || !ctx?.event.messageId ? reject(error) : resolve(ctx.event.messageId)))
      )
    const when = new Date('2024-03-07T12:00:00.000Z')

    const trackId = await sent((done) =>
      analytics.track(
        { userId: 'node-user', event: 'Video Watched', properties: { video_id: 'intro' }, timestamp: when },
        done
      )
    )
    const pageId = await sent((done) =>
      analytics.page({ anonymousId: 'anon-7', name: 'Home', properties: { livelike_profile_id: 'profile-7' } }, done)
    )
    const screenId = await sent((done) =>
      analytics.screen({ userId: 'node-user', name: 'Lobby', properties: { custom_id: 'custom-9' } }, done)
    )
    await analytics.closeAndFlush()

    const track = await recordedWith(trackId)
    expectNear(track.timestamp, when.getTime())
    expect(track).toEqual({
      event_name: 'Video Watched',
      event_type: 'track',
      segment_user_id: 'node-user',
      timestamp: track.timestamp,
      properties: { video_id: 'intro' },
      message_id: trackId
    })
    const page = await recordedWith(pageId)
    expectNear(page.timestamp, Date.now())
    expect(page).toEqual({
      event_name: 'Home',
      event_type: 'page',
      livelike_profile_id: 'profile-7',
      anonymous_id: 'anon-7',
      timestamp: page.timestamp,
      properties: expect.objectContaining({ livelike_profile_id: 'profile-7' }),
      message_id: pageId
    })
    const screen = await recordedWith(screenId)
    expect(screen).toEqual({
      event_name: 'Lobby',
      event_type: 'screen',
      segment_user_id: 'node-user',
      custom_id: 'custom-9',
      timestamp: screen.timestamp,
      properties: { custom_id: 'custom-9' },
      message_id: screenId
    })
    // LiveLike rewards the first identity of livelike_profile_id, custom_id, segment_user_id.
    const users = [profileIdFor('segment_user_id', 'node-user'), 'profile-7', profileIdFor('custom_id', 'custom-9')]
    expect([await balance(users[0]), await balance(users[1]), await balance(users[2])]).toEqual([10, 10, 10])
  })
})

describe('POST /v1/*', () => {
  const auth = basicAuth('any-key')

  it('answers {"success": true} and delivers a call once, however often its messageId is sent', async () => {
    const event = { userId: 'resend-user', event: 'Quiz Answered', messageId: 'resend-1' }

    for (let i = 0; i < 3; i++) {
      const reply = await call(`${server.url}/v1/track`, { json: event, headers: auth })
      expect(reply).toMatchObject({ status: 200, body: { success: true } })
    }

    await recordedWith('resend-1')
    const resendUser = profileIdFor('segment_user_id', 'resend-user')
    await eventually(async () => ((await balance(resendUser)) === 10 ? true : undefined))
    const resentAtSandbox = await call(`${server.url}/events`, { json: { ...event, type: 'track' } })
    expect(resentAtSandbox.body).toEqual([expect.objectContaining({ ok: true, messageId: 'resend-1' })])
    expect(await balance(resendUser)).toBe(10)
    expect((await recordedEvents()).filter((e) => e.message_id === 'resend-1')).toHaveLength(1)
  })

  it('corrects the timestamp for the client clock by sentAt', async () => {
    const skewMs = 3_600_000
    const now = Date.now()
    const batch = {
      batch: [
        {
          type: 'track',
          userId: 'skew-user',
          event: 'Skewed',
          messageId: 'skew-1',
          timestamp: new Date(now + skewMs - 5000).toISOString()
        }
      ],
      sentAt: new Date(now + skewMs).toISOString()
    }

    await call(`${server.url}/v1/batch`, { json: batch, headers: auth })

    const recorded = await recordedWith('skew-1')
    expect(Math.abs(Date.parse(recorded.timestamp) - (now - 5000))).toBeLessThan(30_000)
  })

  it('passes a timestamp with nothing to correct on exactly as the client sent it', async () => {
    await call(`${server.url}/v1/track`, {
      json: { userId: 'exact-user', event: 'Exact', messageId: 'exact-1', timestamp: '2019-09-30T15:59:44.933696Z' },
      headers: auth
    })

    expect((await recordedWith('exact-1')).timestamp).toBe('2019-09-30T15:59:44.933696Z')
  })

  it('fills a messageId when the call has none', async () => {
    await call(`${server.url}/v1/screen`, { json: { userId: 'no-id-user', name: 'Settings' }, headers: auth })

    const recorded = await eventually(async () => (await recordedEvents()).find((e) => e.event_name === 'Settings'))
    expect(recorded.message_id).toMatch(/^api-[0-9a-f-]{36}$/)
  })

  it('takes analytics.js short paths with text/plain JSON and the write key in the body', async () => {
    const body = JSON.stringify({
      writeKey: 'browser-key',
      userId: 'browser-user',
      event: 'Clicked',
      messageId: 'ajs-1'
    })

    const reply = await call(`${server.url}/v1/t`, { body, headers: { 'content-type': 'text/plain' } })
    const batch = JSON.stringify({
      writeKey: 'browser-key',
      batch: [{ type: 'page', userId: 'browser-user', name: 'Pricing', messageId: 'ajs-2' }]
    })
    const batchReply = await call(`${server.url}/v1/b`, { body: batch, headers: { 'content-type': 'text/plain' } })

    expect([reply.status, batchReply.status]).toEqual([200, 200])
    expect((await recordedWith('ajs-1')).event_name).toBe('Clicked')
    expect((await recordedWith('ajs-2')).event_name).toBe('Pricing')
  })

  it('reports background outcomes at GET /_deliveries, with the write key of their source', async () => {
    await call(`${server.url}/v1/track`, {
      json: { userId: 'd-user', event: 'Logged In', messageId: 'deliveries-1' },
      headers: auth
    })

    const outcome = await eventually(async () => {
      const reply = await call<{ outcomes: { messageId: string }[] }>(`${server.url}/_deliveries?limit=1000`)
      return reply.body.outcomes.find((o) => o.messageId === 'deliveries-1')
    })
    expect(outcome).toEqual({
      messageId: 'deliveries-1',
      subscription: 'Track Calls',
      action: 'sendEvent',
      ok: true,
      status: 202,
      retryable: false,
      attempts: 1,
      source: 'any-key'
    })
  })

  it.each([
    [
      'malformed JSON',
      '/v1/track',
      { body: '{"userId": ', headers: { 'content-type': 'application/json' } },
      400,
      /not valid JSON/
    ],
    [
      'malformed text/plain JSON',
      '/v1/t',
      { body: '{"userId": ', headers: { 'content-type': 'text/plain' } },
      400,
      /not valid JSON/
    ],
    ['no write key', '/v1/track', { json: { userId: 'u', event: 'E' } }, 401, /No write key/],
    [
      'no userId or anonymousId',
      '/v1/track',
      { json: { event: 'E' }, headers: auth },
      400,
      /neither "userId" nor "anonymousId"/
    ],
    ['a track without event', '/v1/track', { json: { userId: 'u' }, headers: auth }, 400, /track call without "event"/],
    [
      'an unknown type in a batch',
      '/v1/batch',
      { json: { batch: [{ type: 'tracks', userId: 'u' }] }, headers: auth },
      400,
      /"type" "tracks"/
    ],
    ['a batch that is not an array', '/v1/batch', { json: { batch: {} }, headers: auth }, 400, /batch must be array/],
    [
      'an event over 32 KB',
      '/v1/track',
      { json: { userId: 'u', event: 'E', properties: { text: 'x'.repeat(33_000) } }, headers: auth },
      400,
      /over this route's limit of 32 KB/
    ],
    [
      'a batch event over 32 KB',
      '/v1/batch',
      {
        json: { batch: [{ type: 'track', userId: 'u', event: 'E', properties: { text: 'x'.repeat(33_000) } }] },
        headers: auth
      },
      400,
      /over 32 KB/
    ],
    [
      'a batch over 500 KB',
      '/v1/batch',
      {
        json: {
          batch: Array(20).fill({ type: 'track', userId: 'u', event: 'E', properties: { text: 'x'.repeat(30_000) } })
        },
        headers: auth
      },
      400,
      /limit of 500 KB/
    ],
    [
      'more than 2,500 events',
      '/v1/batch',
      { json: { batch: Array(2501).fill({ type: 'track', userId: 'u', event: 'E' }) }, headers: auth },
      400,
      /must NOT have more than 2500 items/
    ]
  ])('refuses %s with a JSON reason and keeps serving', async (_, path, init, status, message) => {
    const reply = await call<{ message: string }>(`${server.url}${path}`, init)

    expect(reply.status).toBe(status)
    expect(reply.body.message).toMatch(message)
    expect((await call(`${server.url}/manifest`)).status).toBe(200)
  })
})

describe('GET /v1/projects/:writeKey/settings', () => {
  it('points analytics.js at this server', async () => {
    const reply = await call<{ integrations: Record<string, { apiKey: string; apiHost: string; protocol: string }> }>(
      `${server.url}/v1/projects/browser-key/settings`
    )

    expect(reply.status).toBe(200)
    expect(reply.body.integrations['Segment.io']).toMatchObject({
      apiKey: 'browser-key',
      apiHost: `${server.url.replace('http://', '')}/v1`,
      protocol: 'http'
    })
  })
})
