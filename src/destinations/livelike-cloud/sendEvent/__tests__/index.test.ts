import { inspect } from 'util'
import nock from 'nock'
import {
  APIError,
  createTestEvent,
  createTestIntegration,
  defaultValues,
  InvalidAuthenticationError,
  PayloadValidationError,
  RetryableError
} from '@segment/actions-core'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import destination from '../../index'
import sendEvent from '../index'
import { headersOf, liveLikeApi, segmentEventsPath, settings } from '../../__tests__/helpers'

const trackEvent = (overrides: Partial<SegmentEvent> = {}): SegmentEvent =>
  createTestEvent({
    type: 'track',
    event: 'Video Watched',
    userId: 'user-42',
    anonymousId: 'anon-7',
    messageId: 'msg-1',
    timestamp: '2024-03-07T12:00:00.000Z',
    properties: { livelike_profile_id: 'profile-9', video: 'intro' },
    ...overrides
  })

async function send(event: SegmentEvent, mapping?: JSONObject) {
  return createTestIntegration(destination).testAction('sendEvent', {
    event,
    settings,
    mapping,
    useDefaultMappings: true
  })
}

async function sendAndCapture(event: SegmentEvent, mapping?: JSONObject) {
  let body: unknown
  let headers: Record<string, string> = {}
  liveLikeApi()
    .post(segmentEventsPath())
    .reply(function (_uri, sent) {
      body = sent
      headers = headersOf(this.req)
      return [202, { detail: 'accepted' }]
    })
  const [response] = await send(event, mapping)
  return { body, headers, response }
}

async function sendAndCatch(event: SegmentEvent): Promise<Error> {
  return send(event).then(
    () => {
      throw new Error('expected the action to fail')
    },
    (error: Error) => error
  )
}

const presetMapping = (name: string): JSONObject => {
  const preset = destination.presets?.find((candidate) => candidate.name === name)
  if (preset?.type !== 'automatic' || !preset.mapping) {
    throw new Error(`no automatic preset named ${name}`)
  }
  return preset.mapping
}

describe('sendEvent', () => {
  describe('single event', () => {
    it('posts the event to LiveLike with the Producer Token and exactly the LiveLike event keys', async () => {
      const { body, headers, response } = await sendAndCapture(trackEvent())

      expect(response.status).toBe(202)
      expect(response.options.method).toBe('POST')
      expect(response.url).toBe(`https://cf-blast.livelikecdn.com${segmentEventsPath()}`)
      expect(headers).toMatchObject({
        authorization: `Bearer ${settings.producerToken}`,
        'content-type': 'application/json'
      })
      expect(body).toEqual({
        events: [
          {
            event_name: 'Video Watched',
            event_type: 'track',
            segment_user_id: 'user-42',
            livelike_profile_id: 'profile-9',
            anonymous_id: 'anon-7',
            timestamp: '2024-03-07T12:00:00.000Z',
            properties: { livelike_profile_id: 'profile-9', video: 'intro' },
            message_id: 'msg-1'
          }
        ]
      })
    })

    it.each<[string, Partial<SegmentEvent>, Record<string, unknown>]>([
      [
        'a custom ID',
        { userId: undefined, properties: { custom_id: 'crm-1' } },
        { custom_id: 'crm-1', properties: { custom_id: 'crm-1' } }
      ],
      [
        'a LiveLike profile ID',
        { userId: undefined },
        { livelike_profile_id: 'profile-9', properties: { livelike_profile_id: 'profile-9', video: 'intro' } }
      ],
      ['a Segment user ID', { properties: {} }, { segment_user_id: 'user-42', properties: {} }]
    ])(
      'accepts %s as the only identity',
      async (_identity: string, overrides: Partial<SegmentEvent>, identityKeys: Record<string, unknown>) => {
        const { body } = await sendAndCapture(trackEvent(overrides))

        expect(body).toEqual({
          events: [
            {
              event_name: 'Video Watched',
              event_type: 'track',
              anonymous_id: 'anon-7',
              timestamp: '2024-03-07T12:00:00.000Z',
              message_id: 'msg-1',
              ...identityKeys
            }
          ]
        })
      }
    )

    it('rejects an event with no LiveLike identity and says which fields to map', async () => {
      const error = await sendAndCatch(trackEvent({ userId: undefined, properties: { video: 'intro' } }))

      expect(error).toBeInstanceOf(PayloadValidationError)
      expect(error).toMatchObject({ status: 400, code: 'PAYLOAD_VALIDATION_FAILED' })
      expect(error.message).toBe(
        'The event has no LiveLike identity: map at least one of the fields LiveLike User Profile ID (livelike_profile_id), ' +
          'Custom ID (custom_id) or User ID (segment_user_id). Send `livelike_profile_id` or `custom_id` in the event ' +
          'properties, or identify the user so that the event carries a `userId`.'
      )
    })

    it('treats blank identity values as missing', async () => {
      const error = await sendAndCatch(
        trackEvent({ userId: '  ', properties: { livelike_profile_id: '', custom_id: ' ' } })
      )

      expect(error).toBeInstanceOf(PayloadValidationError)
    })

    it('rejects a custom ID longer than 255 characters, naming the field', async () => {
      const error = await sendAndCatch(trackEvent({ properties: { custom_id: 'x'.repeat(256) } }))

      expect(error.name).toBe('AggregateAjvError')
      expect(error.message).toBe('Custom ID must be 255 characters or fewer but it was 256 characters.')
    })

    it('rejects an event type LiveLike does not take, naming the field and the allowed values', async () => {
      const error = await sendAndCatch(trackEvent({ type: 'identify' }))

      expect(error.name).toBe('AggregateAjvError')
      expect(error.message).toBe('Event Type must be one of: "track", "page", or "screen".')
    })

    it('never sends the batching fields to LiveLike', async () => {
      const { body } = await sendAndCapture(trackEvent(), { enable_batching: true, batch_size: 50 })

      const [event] = (body as { events: object[] }).events
      expect(event).not.toHaveProperty('enable_batching')
      expect(event).not.toHaveProperty('batch_size')
    })

    it.each<[SegmentEvent['type'], string, string, string]>([
      ['page', 'Page Calls', 'Pricing Page', 'Pricing'],
      ['screen', 'Screen Calls', 'Home Screen', 'Home']
    ])(
      'names a %s event after its name, else after its title',
      async (type: SegmentEvent['type'], preset: string, name: string, title: string) => {
        const event = (overrides: Partial<SegmentEvent>) =>
          trackEvent({ type, event: undefined, properties: { title, custom_id: 'crm-1' }, ...overrides })

        const named = await sendAndCapture(event({ name }), presetMapping(preset))
        const untitled = await sendAndCapture(event({}), presetMapping(preset))

        expect((named.body as { events: object[] }).events[0]).toMatchObject({ event_name: name, event_type: type })
        expect((untitled.body as { events: object[] }).events[0]).toMatchObject({ event_name: title, event_type: type })
      }
    )

    it('names a page event after its title when the page name is empty', async () => {
      const event = trackEvent({ type: 'page', event: undefined, name: '', properties: { title: 'Pricing' } })

      const { body } = await sendAndCapture(event, presetMapping('Page Calls'))

      expect((body as { events: object[] }).events[0]).toMatchObject({ event_name: 'Pricing' })
    })

    it('rejects a blank event name, naming the field', async () => {
      const error = await sendAndCatch(trackEvent({ event: '   ' }))

      expect(error).toBeInstanceOf(PayloadValidationError)
      expect(error.message).toBe(
        'The Event Name field (event_name) is blank: LiveLike lists events by name. Send a name with the call, or map the field to another property.'
      )
    })

    it('maps the track preset to the action defaults', () => {
      expect(presetMapping('Track Calls')).toEqual(defaultValues(sendEvent.fields))
    })

    it.each([
      [
        'a UTC timestamp with microseconds exactly as it came',
        '2019-09-30T15:59:44.933696Z',
        '2019-09-30T15:59:44.933696Z'
      ],
      ['a UTC timestamp without a fraction exactly as it came', '2024-03-10T14:22:05Z', '2024-03-10T14:22:05Z'],
      ['an ISO timestamp with an offset in UTC', '2024-03-07T17:30:00+05:30', '2024-03-07T12:00:00Z'],
      [
        'an offset timestamp with microseconds in UTC, every digit kept',
        '2024-03-07T07:00:00.123456-0500',
        '2024-03-07T12:00:00.123456Z'
      ],
      ['an ISO timestamp without an offset, read as UTC', '2024-03-07T12:00:00', '2024-03-07T12:00:00Z'],
      ['a date alone as its midnight in UTC', '2024-03-07', '2024-03-07T00:00:00Z'],
      ['epoch milliseconds as a number', 1709812800000, '2024-03-07T12:00:00.000Z'],
      ['epoch milliseconds as a string', '1709812800000', '2024-03-07T12:00:00.000Z'],
      ['epoch seconds', 1709812800, '2024-03-07T12:00:00.000Z']
    ])('sends %s', async (_name, timestamp, expected) => {
      const { body } = await sendAndCapture(trackEvent({ timestamp: timestamp as string }))

      expect((body as { events: { timestamp: string }[] }).events[0].timestamp).toBe(expected)
    })

    it.each(['yesterday', 'March 7, 2024', '2024-13-45T99:00:00Z', '1e400'])(
      'rejects the unparseable timestamp %p, naming the field',
      async (timestamp) => {
        const error = await sendAndCatch(trackEvent({ timestamp }))

        expect(error).toBeInstanceOf(PayloadValidationError)
        expect(error.message).toBe(
          `The Timestamp field (timestamp) is "${timestamp}", which is not a date. ` +
            'Map it to an ISO 8601 date-time such as 2024-03-07T12:00:00Z, or to epoch milliseconds.'
        )
      }
    )
  })

  describe('client IDs', () => {
    it('keeps a hostile client ID inside its own path segment', async () => {
      const clientId = '../x?y#z'
      const scope = nock('https://cf-blast.livelikecdn.com')
        .post('/api/v1/applications/..%2Fx%3Fy%23z/segment-events/')
        .reply(202)

      await createTestIntegration(destination).testAction('sendEvent', {
        event: trackEvent(),
        settings: { ...settings, clientId },
        useDefaultMappings: true
      })

      expect(scope.isDone()).toBe(true)
    })

    it.each(['.', '..'])('refuses the dot segment %p as a client ID before any request', async (clientId) => {
      const request = createTestIntegration(destination).testAction('sendEvent', {
        event: trackEvent(),
        settings: { ...settings, clientId },
        useDefaultMappings: true
      })

      await expect(request).rejects.toBeInstanceOf(InvalidAuthenticationError)
      await expect(request).rejects.toThrow('The Client ID setting is not a LiveLike Client ID')
    })
  })

  describe('batch events', () => {
    const mapping = defaultValues(sendEvent.fields)
    const events = (count: number) =>
      Array.from({ length: count }, (_, i) =>
        trackEvent({ messageId: `msg-${i}`, properties: { custom_id: `c-${i}` } })
      )
    const sendBatch = (batch: SegmentEvent[]) =>
      createTestIntegration(destination).executeBatch('sendEvent', { events: batch, mapping, settings })

    it('sends a batch of 100 valid events in exactly one request', async () => {
      const bodies: { events: { message_id: string }[] }[] = []
      liveLikeApi()
        .post(segmentEventsPath(), (body: { events: { message_id: string }[] }) => bodies.push(body) > 0)
        .reply(202, {})

      const results = await sendBatch(events(100))

      expect(bodies).toHaveLength(1)
      expect(bodies[0].events.map((event) => event.message_id)).toEqual(events(100).map((event) => event.messageId))
      expect(results).toHaveLength(100)
      expect(results.every((result) => result.status === 202)).toBe(true)
    })

    it('sends only the valid events and reports each invalid one where it stood', async () => {
      const bodies: { events: { message_id: string }[] }[] = []
      liveLikeApi()
        .post(segmentEventsPath(), (body: { events: { message_id: string }[] }) => bodies.push(body) > 0)
        .reply(202, {})
      const batch = [
        trackEvent({ messageId: 'ok-1' }),
        trackEvent({ messageId: 'no-identity', userId: undefined, properties: {} }),
        trackEvent({ messageId: 'ok-2' }),
        trackEvent({ messageId: 'bad-time', timestamp: 'soon' }),
        trackEvent({ messageId: 'no-name', event: undefined })
      ]

      const results = await sendBatch(batch)

      expect(bodies).toHaveLength(1)
      expect(bodies[0].events.map((event) => event.message_id)).toEqual(['ok-1', 'ok-2'])
      expect(results.map((result) => result.status)).toEqual([202, 400, 202, 400, 400])
      expect(results[1]).toMatchObject({
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: expect.stringContaining('The event has no LiveLike identity')
      })
      expect(results[3]).toMatchObject({
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: expect.stringContaining('The Timestamp field (timestamp) is "soon"')
      })
      expect(results[4]).toMatchObject({ errortype: 'PAYLOAD_VALIDATION_FAILED' })
      expect(results[0]).toMatchObject({ sent: { message_id: 'ok-1', event_name: 'Video Watched' }, body: {} })
    })

    it('delivers every other event when LiveLike rejects a batch because of one poisoned event', async () => {
      let requests = 0
      liveLikeApi()
        .persist()
        .post(segmentEventsPath())
        .reply((_uri, body) => {
          requests++
          const poisoned = (body as { events: { message_id: string }[] }).events.some(
            (event) => event.message_id === 'msg-37'
          )
          return poisoned ? [400, { detail: 'Invalid event in position 0.' }] : [202, {}]
        })

      const results = await sendBatch(events(100))

      expect(results).toHaveLength(100)
      expect(results.filter((result) => result.status === 202)).toHaveLength(99)
      expect(results[37]).toMatchObject({
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: expect.stringContaining('LiveLike answered 400: Invalid event in position 0.'),
        sent: expect.objectContaining({ message_id: 'msg-37' }),
        body: 'Invalid event in position 0.'
      })
      expect(requests).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(100)))
    })

    it('isolates every event of a batch LiveLike rejects whole, never more than 8 requests at once', async () => {
      let inFlight = 0
      let mostInFlight = 0
      let requests = 0
      const scope = liveLikeApi()
        .persist()
        .post(segmentEventsPath())
        .delay(5)
        .reply(400, { detail: 'Unknown event type.' })
      scope.on('request', () => {
        requests++
        inFlight++
        mostInFlight = Math.max(mostInFlight, inFlight)
      })
      scope.on('replied', () => inFlight--)

      const results = await sendBatch(events(64))

      expect(results.map((result) => result.status)).toEqual(Array(64).fill(400))
      expect(requests).toBe(2 * 64 - 1)
      expect(mostInFlight).toBe(8)
    })

    it('isolates a batch LiveLike refuses as too large and rejects the single oversized event', async () => {
      liveLikeApi()
        .persist()
        .post(segmentEventsPath())
        .reply((_uri, body) => {
          const events = (body as { events: { message_id: string }[] }).events
          return events.some((event) => event.message_id === 'msg-3') ? [413, 'Request Entity Too Large'] : [202, {}]
        })

      const results = await sendBatch(events(8))

      expect(results.map((result) => result.status)).toEqual([202, 202, 202, 413, 202, 202, 202, 202])
      expect(results[3]).toMatchObject({
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: expect.stringContaining('The event is too large for LiveLike')
      })
    })

    it.each([
      [503, 'SERVICE_UNAVAILABLE'],
      [500, 'INTERNAL_SERVER_ERROR'],
      [408, 'REQUEST_TIMEOUT']
    ])('marks every event retryable when LiveLike answers %d', async (status: number, errortype: string) => {
      liveLikeApi().post(segmentEventsPath()).reply(status, { detail: 'Try later.' })

      const results = await sendBatch(events(3))

      expect(results).toEqual(
        Array(3).fill(
          expect.objectContaining({
            status,
            errortype,
            errormessage: `LiveLike answered ${status}: Try later. LiveLike is busy or unavailable; Segment will retry.`
          })
        )
      )
    })

    it('keeps 429 on every event and passes on how long LiveLike asked to wait', async () => {
      liveLikeApi().post(segmentEventsPath()).reply(429, { detail: 'Request was throttled.' }, { 'Retry-After': '30' })

      const results = await sendBatch(events(3))

      expect(results.map((result) => result.status)).toEqual([429, 429, 429])
      expect(results[0]).toMatchObject({
        errortype: 'TOO_MANY_REQUESTS',
        errormessage:
          'LiveLike answered 429: Request was throttled. LiveLike is busy or unavailable; Segment will retry. LiveLike asked to wait 30 s.'
      })
    })

    it('passes on a Retry-After given as a date', async () => {
      liveLikeApi()
        .post(segmentEventsPath())
        .reply(503, 'Down for maintenance', { 'Retry-After': 'Wed, 02 Dec 2026 07:28:00 GMT' })

      const [result] = await sendBatch(events(1))

      expect(result).toMatchObject({
        status: 503,
        errormessage:
          'LiveLike answered 503: Down for maintenance. LiveLike is busy or unavailable; Segment will retry. LiveLike asked to wait until Wed, 02 Dec 2026 07:28:00 GMT.'
      })
    })

    it('marks every event retryable when the connection is reset', async () => {
      liveLikeApi().post(segmentEventsPath()).replyWithError('socket hang up')

      const results = await sendBatch(events(2))

      expect(results).toEqual(
        Array(2).fill(
          expect.objectContaining({
            status: 503,
            errortype: 'RETRYABLE_ERROR',
            errormessage: 'Could not reach LiveLike (network error); Segment will retry.'
          })
        )
      )
    })

    it.each([401, 403])(
      'marks every event %d with the settings to check when LiveLike refuses the token',
      async (status: number) => {
        liveLikeApi().post(segmentEventsPath()).reply(status, { detail: 'Invalid token.' })

        const results = await sendBatch(events(3))

        expect(results).toEqual(
          Array(3).fill(
            expect.objectContaining({
              status,
              errortype: 'INVALID_AUTHENTICATION',
              errormessage: expect.stringContaining('Check the Producer Token and Client ID settings')
            })
          )
        )
      }
    )

    it('does not split on a 404, which no smaller request would fix', async () => {
      const scope = liveLikeApi().post(segmentEventsPath()).once().reply(404, { detail: 'Not found.' })

      const results = await sendBatch(events(4))

      expect(scope.isDone()).toBe(true)
      expect(results.map((result) => result.status)).toEqual([404, 404, 404, 404])
    })
  })

  describe('LiveLike answers', () => {
    it.each([
      [200, 'OK', 'text/plain'],
      [201, { id: 'evt-1' }, 'application/json'],
      [202, '', 'text/html'],
      [204, '', 'text/plain']
    ])(
      'takes %d as success whatever the body',
      async (status: number, reply: string | { id: string }, contentType: string) => {
        liveLikeApi()
          .post(segmentEventsPath())
          .reply(status, reply as string, { 'Content-Type': contentType })

        const [response] = await send(trackEvent())

        expect(response.status).toBe(status)
      }
    )

    it.each([
      [400, APIError, 400, 'LiveLike rejected the data: correct the mapping or the event and send it again.'],
      [401, InvalidAuthenticationError, 401, 'Check the Producer Token and Client ID settings'],
      [403, InvalidAuthenticationError, 401, 'Check the Producer Token and Client ID settings'],
      [404, APIError, 404, 'LiveLike has no application with this Client ID: check the Client ID setting.'],
      [409, APIError, 409, 'LiveLike rejected the data'],
      [413, PayloadValidationError, 400, 'The event is too large for LiveLike: send fewer or smaller properties.'],
      [422, APIError, 422, 'LiveLike rejected the data'],
      [501, APIError, 501, 'LiveLike does not support this request: contact LiveLike support'],
      [408, RetryableError, 408, 'LiveLike is busy or unavailable; Segment will retry.'],
      [429, RetryableError, 429, 'LiveLike is busy or unavailable; Segment will retry.'],
      [500, RetryableError, 500, 'LiveLike is busy or unavailable; Segment will retry.'],
      [502, RetryableError, 502, 'LiveLike is busy or unavailable; Segment will retry.'],
      [503, RetryableError, 503, 'LiveLike is busy or unavailable; Segment will retry.'],
      [504, RetryableError, 504, 'LiveLike is busy or unavailable; Segment will retry.']
    ])(
      'turns a %d from LiveLike into a %p with status %d',
      async (status: number, errorClass: new (...args: never[]) => Error, segmentStatus: number, advice: string) => {
        liveLikeApi().post(segmentEventsPath()).reply(status, { detail: 'event_name is required' })

        const error = await sendAndCatch(trackEvent())

        expect(error).toBeInstanceOf(errorClass)
        expect(error.message).toContain(`LiveLike answered ${status}: event_name is required. `)
        expect(error.message).toContain(advice)
        expect(error).toHaveProperty('status', segmentStatus)
        expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(settings.producerToken)
      }
    )

    it('summarises an error body that is not LiveLike JSON', async () => {
      liveLikeApi()
        .post(segmentEventsPath())
        .reply(502, '<html>\n  <body>Bad   Gateway</body>\n</html>', { 'Content-Type': 'text/html' })

      const error = await sendAndCatch(trackEvent())

      expect(error.message).toBe(
        'LiveLike answered 502: <html> <body>Bad Gateway</body> </html>. LiveLike is busy or unavailable; Segment will retry.'
      )
    })

    it('keeps field errors when LiveLike sends them instead of a detail', async () => {
      liveLikeApi()
        .post(segmentEventsPath())
        .reply(400, { events: [{ timestamp: ['Datetime has wrong format.'] }] })

      const error = await sendAndCatch(trackEvent())

      expect(error.message).toContain(
        'LiveLike answered 400: {"events":[{"timestamp":["Datetime has wrong format."]}]}'
      )
    })

    it('redacts the Producer Token should LiveLike ever echo it', async () => {
      liveLikeApi()
        .post(segmentEventsPath())
        .reply(401, { detail: `Token ${settings.producerToken} is not valid.` })

      const error = await sendAndCatch(trackEvent())

      expect(error.message).toContain('Token [redacted] is not valid.')
      expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(settings.producerToken)
    })

    it('turns a connection reset into a retryable error that names the cause', async () => {
      liveLikeApi().post(segmentEventsPath()).replyWithError('ECONNRESET')

      const error = await sendAndCatch(trackEvent())

      expect(error).toBeInstanceOf(RetryableError)
      expect(error).toMatchObject({ status: 503 })
      expect(error.message).toMatch(/^Could not reach LiveLike \(.+\); Segment will retry\.$/)
      expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(settings.producerToken)
    })
  })
})
