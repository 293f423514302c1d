import { AUTHORIZED, audiencePath, call, eventsPath, liveLikeEvent, sendEvents, useSandbox } from './helpers'

jest.setTimeout(120_000)

describe('LiveLike API of the sandbox', () => {
  const sandbox = useSandbox()

  describe('authentication', () => {
    it('validates the demo application with its Producer Token', async () => {
      const answer = await call(sandbox(), 'GET', '/api/v1/applications/demo/validate-app/', undefined, AUTHORIZED)
      expect(answer).toMatchObject({ status: 200, body: { client_id: 'demo', valid: true } })
    })

    it('answers 401 with a detail when the token is missing', async () => {
      const answer = await call(sandbox(), 'GET', '/api/v1/applications/demo/validate-app/')
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual({ detail: 'Authentication credentials were not provided.' })
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/)
    })

    it('answers 401 for a wrong token and records nothing', async () => {
      const answer = await call(
        sandbox(),
        'POST',
        eventsPath(),
        { events: [liveLikeEvent()] },
        {
          authorization: 'Bearer not-the-token'
        }
      )
      expect(answer).toMatchObject({ status: 401, body: { detail: 'Invalid token.' } })
      expect((await call(sandbox(), 'GET', '/_sandbox/stats')).body).toMatchObject({ received: 0, recorded: 0 })
    })

    it('answers 401 for a token sent without the Bearer scheme', async () => {
      const answer = await call(sandbox(), 'GET', '/api/v1/applications/demo/validate-app/', undefined, {
        authorization: 'demo-producer-token'
      })
      expect(answer.status).toBe(401)
      expect((answer.body as { detail: string }).detail).toContain('Authorization: Bearer <Producer Token>')
    })

    it('answers 404 for an unknown client ID', async () => {
      const answer = await call(
        sandbox(),
        'POST',
        eventsPath('someone-else'),
        { events: [liveLikeEvent()] },
        AUTHORIZED
      )
      expect(answer).toMatchObject({ status: 404, body: { detail: 'No Application matches the given query.' } })
    })
  })

  describe('segment-events', () => {
    it('answers 202 and records each event exactly as received, in order', async () => {
      const events = [
        liveLikeEvent({ message_id: 'm-1', properties: { nested: { list: [1, 'two', null] } } }),
        liveLikeEvent({
          message_id: 'm-2',
          event_type: 'page',
          event_name: 'Home',
          custom_id: undefined,
          livelike_profile_id: 'p-9'
        })
      ]
      const answer = await sendEvents(sandbox(), events)
      expect(answer).toMatchObject({ status: 202, body: { received: 2, recorded: 2, deduplicated: 0 } })
      const recorded = await call(sandbox(), 'GET', '/_sandbox/events')
      expect(recorded.body).toEqual({ total: 2, events: JSON.parse(JSON.stringify(events)) })
    })

    it('accepts a resent message_id, counts it as deduplicated and records it once', async () => {
      await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'same' })])
      const resend = await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'same' })])
      expect(resend).toMatchObject({ status: 202, body: { received: 1, recorded: 0, deduplicated: 1 } })
      const stats = await call(sandbox(), 'GET', '/_sandbox/stats')
      expect(stats.body).toEqual({
        received: 2,
        recorded: 1,
        deduplicated: 1,
        rejected: 0,
        by_event_name: { 'Video Watched': 1 },
        by_user: { 'fan-1': 1 }
      })
    })

    it('records an event without message_id again each time it is sent', async () => {
      await sendEvents(sandbox(), [liveLikeEvent()])
      await sendEvents(sandbox(), [liveLikeEvent()])
      expect((await call(sandbox(), 'GET', '/_sandbox/stats')).body).toMatchObject({ recorded: 2, deduplicated: 0 })
    })

    it('deduplicates a message_id repeated inside one request', async () => {
      const answer = await sendEvents(sandbox(), [
        liveLikeEvent({ message_id: 'twice' }),
        liveLikeEvent({ message_id: 'twice' })
      ])
      expect(answer.body).toEqual({ received: 2, recorded: 1, deduplicated: 1 })
    })

    it('counts the user by livelike_profile_id, then custom_id, then segment_user_id', async () => {
      await sendEvents(sandbox(), [
        liveLikeEvent({ livelike_profile_id: 'profile', custom_id: 'custom', segment_user_id: 'segment' }),
        liveLikeEvent({ livelike_profile_id: '', custom_id: 'custom', segment_user_id: 'segment' }),
        liveLikeEvent({ custom_id: undefined, segment_user_id: 'segment' })
      ])
      const stats = await call(sandbox(), 'GET', '/_sandbox/stats')
      expect((stats.body as { by_user: unknown }).by_user).toEqual({ profile: 1, custom: 1, segment: 1 })
    })
  })

  describe('validation refuses the whole request, naming the item and the field', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'an event without identity',
        { custom_id: undefined },
        'events[1]: At least one of livelike_profile_id, custom_id, segment_user_id must be a non-empty string'
      ],
      ['an event whose identities are all empty', { custom_id: '', segment_user_id: '' }, 'events[1]: At least one of'],
      [
        'a timestamp that is not ISO 8601',
        { timestamp: '07/03/2024 12:00' },
        'events[1].timestamp: Datetime has wrong format'
      ],
      ['an impossible date', { timestamp: '2023-02-29T12:00:00Z' }, 'events[1].timestamp: Datetime has wrong format'],
      ['a missing timestamp', { timestamp: undefined }, 'events[1].timestamp: This field is required.'],
      [
        'an unknown event_type',
        { event_type: 'identify' },
        'events[1].event_type: "identify" is not a valid choice: use track, page, screen.'
      ],
      ['a missing event_name', { event_name: undefined }, 'events[1].event_name: This field is required.'],
      ['a blank event_name', { event_name: '  ' }, 'events[1].event_name: This field may not be blank.'],
      ['an event_name that is not a string', { event_name: 42 }, 'events[1].event_name: Not a valid string.'],
      ['properties that are not an object', { properties: [1] }, 'events[1].properties: Expected a JSON object.'],
      [
        'a custom_id over 255 characters',
        { custom_id: 'x'.repeat(256) },
        'events[1].custom_id: Ensure this field has no more than 255 characters.'
      ]
    ]

    it.each(cases)('answers 400 for %s', async (_name, overrides, detail) => {
      const answer = await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'good' }), liveLikeEvent(overrides)])
      expect(answer.status).toBe(400)
      expect((answer.body as { detail: string }).detail).toContain(detail)
      const stats = await call(sandbox(), 'GET', '/_sandbox/stats')
      expect(stats.body).toMatchObject({ received: 2, recorded: 0, rejected: 2 })
    })

    it('accepts ISO 8601 with an offset, without seconds or with a space', async () => {
      const timestamps = [
        '2024-03-07T12:00:00+05:30',
        '2024-03-07T12:00Z',
        '2024-03-07 12:00:00.123456',
        '2024-02-29T00:00:00-0800'
      ]
      const answer = await sendEvents(
        sandbox(),
        timestamps.map((timestamp) => liveLikeEvent({ timestamp }))
      )
      expect(answer.status).toBe(202)
    })

    const bodies: [string, unknown, string][] = [
      ['a body without events', {}, 'events: This field is required.'],
      ['events that are not a list', { events: { event_name: 'x' } }, 'events: must be array.'],
      ['an item that is not an object', { events: [liveLikeEvent(), 'x'] }, 'events[1]: must be object.'],
      ['malformed JSON', '{"events": [', 'JSON parse error']
    ]

    it.each(bodies)('answers 400 for %s', async (_name, body, detail) => {
      const answer = await call(sandbox(), 'POST', eventsPath(), body, AUTHORIZED)
      expect(answer.status).toBe(400)
      expect((answer.body as { detail: string }).detail).toContain(detail)
    })

    it('answers 415 for a body that is not JSON', async () => {
      const answer = await call(sandbox(), 'POST', eventsPath(), 'events', {
        ...AUTHORIZED,
        'content-type': 'text/plain'
      })
      expect(answer.status).toBe(415)
      expect(answer.body).toEqual({ detail: 'Unsupported media type in request: send application/json.' })
    })

    it("accepts a batch of 1,000 events, the destination's largest", async () => {
      const events = Array.from({ length: 1000 }, (_, i) => liveLikeEvent({ message_id: `batch-${i}` }))
      const answer = await sendEvents(sandbox(), events)
      expect(answer).toMatchObject({ status: 202, body: { received: 1000, recorded: 1000 } })
    })

    it('answers 413 for a body over the limit', async () => {
      const big = liveLikeEvent({ properties: { text: 'x'.repeat(2_621_440) } })
      const answer = await sendEvents(sandbox(), [big])
      expect(answer).toMatchObject({ status: 413, body: { detail: 'Request body is too large: the limit is 2.5 MB.' } })
    })
  })

  describe('segment-audience-sync', () => {
    const item = (overrides: Record<string, unknown>) => ({
      audience_id: 'aud_1',
      audience_name: 'Loyal fans',
      action: true,
      timestamp: '2024-03-07T12:00:00Z',
      user_id: 'fan-1',
      ...overrides
    })

    it('adds and removes members of the group for each audience, in order', async () => {
      const answer = await call(
        sandbox(),
        'POST',
        audiencePath(),
        [
          item({}),
          item({ user_id: undefined, livelike_profile_id: 'profile-2' }),
          item({ user_id: undefined, email: 'three@example.com' }),
          item({ audience_id: 'aud_2', user_id: 'fan-1' }),
          item({ action: false })
        ],
        AUTHORIZED
      )
      expect(answer).toMatchObject({ status: 202, body: { received: 5 } })
      const groups = await call(sandbox(), 'GET', '/_sandbox/user-groups')
      expect(groups.body).toEqual({ aud_1: ['profile-2', 'three@example.com'], aud_2: ['fan-1'] })
    })

    const cases: [string, Record<string, unknown>, string][] = [
      ['an item without member', { user_id: undefined }, '[1]: At least one of user_id, livelike_profile_id, email'],
      ['an item without audience_id', { audience_id: undefined }, '[1].audience_id: This field is required.'],
      ['an action that is not a boolean', { action: 'add' }, '[1].action: Must be a valid boolean'],
      ['a bad timestamp', { timestamp: 'yesterday' }, '[1].timestamp: Datetime has wrong format']
    ]

    it.each(cases)('answers 400 for %s and changes no group', async (_name, overrides, detail) => {
      const answer = await call(sandbox(), 'POST', audiencePath(), [item({}), item(overrides)], AUTHORIZED)
      expect(answer.status).toBe(400)
      expect((answer.body as { detail: string }).detail).toContain(detail)
      expect((await call(sandbox(), 'GET', '/_sandbox/user-groups')).body).toEqual({})
    })

    it('answers 400 when the body is not a list', async () => {
      const answer = await call(sandbox(), 'POST', audiencePath(), item({}), AUTHORIZED)
      expect(answer).toMatchObject({ status: 400, body: { detail: 'body: must be array.' } })
    })
  })

  it('answers an unknown route with 404 JSON', async () => {
    const answer = await call(sandbox(), 'GET', '/api/v1/nowhere/')
    expect(answer).toMatchObject({ status: 404, body: { detail: 'Not found.' } })
  })
})
