import definition from '../../destinations/livelike-cloud'
import { call, testServerForFile } from './helpers'

const settings = { clientId: 'demo', producerToken: 'demo-producer-token' }

const session = testServerForFile()

const trackEvent = {
  type: 'track',
  event: 'Video Watched',
  userId: 'tester-user',
  messageId: 'tester-1',
  timestamp: '2024-03-07T12:00:00.000Z',
  properties: { video_id: 'intro' }
}

describe('Actions Tester routes', () => {
  it('serves the destination definition at GET /manifest, as JSON has it, with its directory name', async () => {
    const reply = await call<Record<string, unknown>>(`${session.server.url}/manifest`)

    expect(reply.status).toBe(200)
    expect(reply.body).toEqual(JSON.parse(JSON.stringify({ ...definition, directoryName: 'livelike-cloud' })))
    expect(reply.body).toMatchObject({
      name: 'LiveLike',
      slug: 'actions-livelike-cloud',
      directoryName: 'livelike-cloud'
    })
    expect(Object.keys(reply.body.actions as object)).toEqual([
      'sendEvent',
      'trackEvent',
      'syncToUserGroup',
      'invokeRewardAction'
    ])
  })

  it('says ok for the demo credentials at POST /authenticate', async () => {
    const reply = await call(`${session.server.url}/authenticate`, { json: settings })

    expect(reply).toMatchObject({ status: 200, body: { ok: true } })
  })

  it.each([
    [
      'a wrong token',
      { ...settings, producerToken: 'wrong' },
      'producerToken',
      'LiveLike answered 401: Invalid token. Check the Producer Token'
    ],
    [
      'an unknown Client ID',
      { ...settings, clientId: 'nobody' },
      'clientId',
      'LiveLike has no application with this Client ID'
    ]
  ])(
    'says not ok for %s as upstream does, "Credentials are invalid: " and why, and names the field',
    async (_, body, field, reason) => {
      const reply = await call<{ ok: boolean; error: string; fields: Record<string, string> }>(
        `${session.server.url}/authenticate`,
        { json: body }
      )

      expect(reply.status).toBe(200)
      expect(Object.keys(reply.body)).toEqual(['ok', 'error', 'fields'])
      expect(reply.body.ok).toBe(false)
      // actions-core's words: "Credentials are invalid: <status> <message>", the status empty when none came.
      expect(reply.body.error).toMatch(/^Credentials are invalid: +/)
      expect(reply.body.error).toContain(reason)
      expect(reply.body.fields).toEqual({ [field]: reply.body.error.replace(/^Credentials are invalid: +/, '') })
      expect(JSON.stringify(reply.body)).not.toContain('wrong')
    }
  )

  it('says not ok for a missing Producer Token, naming the field', async () => {
    const reply = await call(`${session.server.url}/authenticate`, { json: { clientId: 'demo' } })

    expect(reply.body).toEqual({
      ok: false,
      error: 'Producer Token is required.',
      fields: { producerToken: 'Producer Token is required.' }
    })
  })

  it('runs an action on one event and shows the request with the token redacted and the response', async () => {
    const reply = await call<unknown[]>(`${session.server.url}/sendEvent`, { json: { payload: trackEvent, settings } })

    expect(reply.status).toBe(200)
    expect(reply.body).toEqual([
      {
        request: {
          url: `${session.server.sandbox!.apiBaseUrl}/applications/demo/segment-events/`,
          method: 'POST',
          headers: expect.objectContaining({ authorization: '<redacted>', 'content-type': 'application/json' }),
          body: JSON.stringify({
            events: [
              {
                event_name: 'Video Watched',
                event_type: 'track',
                segment_user_id: 'tester-user',
                timestamp: '2024-03-07T12:00:00.000Z',
                properties: { video_id: 'intro' },
                message_id: 'tester-1'
              }
            ]
          })
        },
        response: {
          statusCode: 202,
          statusMessage: 'Accepted',
          headers: expect.objectContaining({ 'content-type': expect.stringContaining('application/json') }),
          // parsed, as upstream's serve gives a JSON answer
          body: { received: 1, recorded: 1, deduplicated: 0 }
        }
      }
    ])
    expect(JSON.stringify(reply.body)).not.toContain(settings.producerToken)
  })

  it('runs an array payload as one batch, overlaying the mapping on the defaults', async () => {
    const payload = [trackEvent, { ...trackEvent, messageId: 'tester-2', userId: 'other-user' }]

    const reply = await call<{ request: { body: string } }[]>(`${session.server.url}/sendEvent`, {
      json: { payload, settings, mapping: { event_name: 'Renamed' } }
    })

    expect(reply.body).toHaveLength(1)
    const sent = JSON.parse(reply.body[0].request.body) as { events: { event_name: string; message_id: string }[] }
    expect(sent.events.map(({ event_name, message_id }) => [event_name, message_id])).toEqual([
      ['Renamed', 'tester-1'],
      ['Renamed', 'tester-2']
    ])
  })

  it('answers a refused action in the Tester failure shape: status, message, stack lines', async () => {
    const reply = await call(`${session.server.url}/sendEvent`, {
      json: { payload: trackEvent, settings: { ...settings, producerToken: 'wrong-token' } }
    })

    expect(reply.body).toEqual([
      {
        statusCode: 401,
        message: expect.stringMatching(/^LiveLike answered 401: Invalid token\. Check the Producer Token/),
        stack: expect.arrayContaining([expect.stringMatching(/^InvalidAuthenticationError: LiveLike answered 401/)]),
        requestError: true
      }
    ])
    expect(JSON.stringify(reply.body)).not.toContain('wrong-token')
  })

  it('names the fields a mapping leaves invalid, as upstream does from the validation error', async () => {
    const reply = await call(`${session.server.url}/sendEvent`, {
      json: { payload: { ...trackEvent, event: undefined }, settings }
    })

    // actions-core's validation error carries no status, so upstream's serve says 500, and keys a field by its path.
    const message = "The root value is missing the required field 'event_name'."
    expect(reply.body).toEqual([
      { statusCode: 500, message, stack: expect.any(Array), fields: { $: message }, requestError: true }
    ])
  })

  it('answers a batch whose every event is invalid with one failure per event', async () => {
    const invalid = { ...trackEvent, userId: undefined }

    const reply = await call(`${session.server.url}/sendEvent`, { json: { payload: [invalid, invalid], settings } })

    expect(reply.body).toEqual([
      {
        statusCode: 400,
        message: expect.stringMatching(/^Payload 1 of 2 was not sent: The event has no LiveLike identity/),
        requestError: true
      },
      {
        statusCode: 400,
        message: expect.stringMatching(/^Payload 2 of 2 was not sent: The event has no LiveLike identity/),
        requestError: true
      }
    ])
  })

  it.each([0, 1, 2])(
    'lists the request of a batch as carrying only the valid events, and the one invalid at %i as not sent',
    async (refused) => {
      const payload = ['tester-a', 'tester-b', 'tester-c'].map((messageId, index) =>
        index === refused ? { ...trackEvent, messageId, userId: undefined } : { ...trackEvent, messageId }
      )

      const reply = await call<[{ request: { body: string }; response: { statusCode: number } }, unknown]>(
        `${session.server.url}/sendEvent`,
        { json: { payload, settings } }
      )

      expect(reply.body).toHaveLength(2)
      const [sent, failure] = reply.body
      expect(sent.response.statusCode).toBe(202)
      const carried = (JSON.parse(sent.request.body) as { events: { message_id: string }[] }).events
      expect(carried.map((item) => item.message_id)).toEqual(
        payload.filter((_, index) => index !== refused).map((event) => event.messageId)
      )
      expect(failure).toEqual({
        statusCode: 400,
        message: expect.stringMatching(
          new RegExp(`^Payload ${refused + 1} of 3 was not sent: The event has no LiveLike identity`)
        ),
        requestError: true
      })
    }
  )

  it('answers an invalid event with its validation message', async () => {
    const reply = await call(`${session.server.url}/sendEvent`, {
      json: { payload: { ...trackEvent, userId: undefined }, settings }
    })

    expect(reply.body).toEqual([
      {
        statusCode: 400,
        message: expect.stringMatching(/^The event has no LiveLike identity/),
        stack: expect.any(Array),
        requestError: true
      }
    ])
  })

  it.each([
    [
      'an unknown action',
      '/sendEvents',
      { json: { payload: trackEvent, settings } },
      404,
      /Unknown action "sendEvents": this destination has sendEvent, trackEvent, syncToUserGroup, invokeRewardAction/
    ],
    [
      'a body without settings',
      '/sendEvent',
      { json: { payload: trackEvent } },
      400,
      /must have required property 'settings'/
    ],
    [
      'malformed JSON',
      '/sendEvent',
      { body: '{"payload"', headers: { 'content-type': 'application/json' } },
      400,
      /not valid JSON/
    ],
    [
      'malformed JSON',
      '/authenticate',
      { body: '{', headers: { 'content-type': 'application/json' } },
      400,
      /not valid JSON/
    ],
    [
      'a body over 1 MB',
      '/sendEvent',
      { json: { payload: { ...trackEvent, properties: { text: 'x'.repeat(1_100_000) } }, settings } },
      413,
      /over this route's limit/
    ],
    ['an unknown route', '/v1/nothing/here', { json: {} }, 404, /No route POST \/v1\/nothing\/here/]
  ])('refuses %s on %s with a JSON error and keeps serving', async (_, path, init, status, message) => {
    const reply = await call<{ statusCode: number; message: string }>(`${session.server.url}${path}`, init)

    expect(reply.status).toBe(status)
    expect(reply.body.statusCode).toBe(status)
    expect(reply.body.message).toMatch(message)
    expect((await call(`${session.server.url}/authenticate`, { json: settings })).body).toEqual({ ok: true })
  })
})

describe('POST /events', () => {
  it('delivers synchronously and answers one outcome per event', async () => {
    const reply = await call(`${session.server.url}/events`, {
      json: [
        { ...trackEvent, messageId: 'events-1' },
        { type: 'identify', userId: 'tester-user', messageId: 'events-2' }
      ]
    })

    expect(reply.status).toBe(200)
    expect(reply.body).toEqual([
      {
        messageId: 'events-1',
        subscription: 'Track Calls',
        action: 'sendEvent',
        ok: true,
        status: 202,
        retryable: false,
        attempts: 1
      },
      {
        messageId: 'events-2',
        ok: false,
        status: 0,
        retryable: false,
        message: 'No subscription matched this event.',
        attempts: 0
      }
    ])
  })

  it.each([
    ['an event without type', { userId: 'u' }],
    ['an empty array', []],
    ['a string', 'track']
  ])('refuses %s with a JSON error', async (_, json) => {
    const reply = await call<{ statusCode: number; message: string }>(`${session.server.url}/events`, { json })

    expect(reply.status).toBe(400)
    expect(reply.body.message).toMatch(/^Invalid request: body/)
  })
})

describe('CORS', () => {
  const preflight = (path: string, origin: string) =>
    call(`${session.server.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
    })

  it.each(['https://app.segment.com', 'https://eu1.app.segment.com', 'http://localhost:8000'])(
    'lets %s drive the destination',
    async (origin) => {
      const reply = await preflight('/authenticate', origin)

      expect(reply.headers['access-control-allow-origin']).toBe(origin)
    }
  )

  it('does not let another site drive the destination', async () => {
    const reply = await preflight('/sendEvent', 'https://example.com')

    expect(reply.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('lets any web page send tracking calls', async () => {
    const reply = await preflight('/v1/t', 'https://shop.example.com')

    expect(reply.headers['access-control-allow-origin']).toBe('https://shop.example.com')
  })
})
