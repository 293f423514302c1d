import { inspect } from 'node:util'
import fc from 'fast-check'
import nock from 'nock'
import {
  APIError,
  createTestIntegration,
  IntegrationError,
  InvalidAuthenticationError,
  PayloadValidationError,
  RetryableError
} from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import { AggregateAjvError } from '@segment/ajv-human-errors'
import destination from '../index'
import { PRODUCTION_API_BASE_URL } from '../constants'
import { audienceSyncPath, segmentEventsPath, settings } from './helpers'

const TOKEN = settings.producerToken
const ORIGIN = new URL(PRODUCTION_API_BASE_URL).origin

type ActionKey = 'sendEvent' | 'syncToUserGroup'

const isRefusedClientId = (clientId: string) =>
  clientId === '' || clientId === '.' || clientId === '..' || /\p{Cs}/u.test(clientId)

type Reply =
  | { kind: 'accepted' }
  | { kind: 'rejected'; detail: string }
  | { kind: 'unauthorized'; detail: string }
  | { kind: 'throttled'; retryAfter: string }
  | { kind: 'unavailable'; body: string }
  | { kind: 'reset' }

// LiveLike might echo the Authorization header back; the token must still never reach Segment.
const liveLikeText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.constantFrom(`Invalid token ${TOKEN}`, `Bearer ${TOKEN}`, `<html><body>${TOKEN}</body></html>`)
)

const replyArb: fc.Arbitrary<Reply> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'accepted' as const }) },
  fc.record({ kind: fc.constant('rejected' as const), detail: liveLikeText }),
  fc.record({ kind: fc.constant('unauthorized' as const), detail: liveLikeText }),
  fc.record({ kind: fc.constant('throttled' as const), retryAfter: fc.nat({ max: 3600 }).map(String) }),
  fc.record({ kind: fc.constant('unavailable' as const), body: liveLikeText }),
  fc.constant({ kind: 'reset' as const })
)

// For a batch: one reply per request in order; the last one answers every further request.
const repliesArb = fc.array(replyArb, { minLength: 1, maxLength: 4 })

const statusOf: Record<Reply['kind'], number> = {
  accepted: 202,
  rejected: 400,
  unauthorized: 401,
  throttled: 429,
  unavailable: 503,
  reset: 503
}

type ErrorClass = new (...args: never[]) => Error

const errorClassOf: Record<Reply['kind'], ErrorClass | undefined> = {
  accepted: undefined,
  rejected: APIError,
  unauthorized: InvalidAuthenticationError,
  throttled: RetryableError,
  unavailable: RetryableError,
  reset: RetryableError
}

interface SeenRequest {
  path: string
  authorization: unknown
  body: string
}

function interceptLiveLike(replies: Reply[], seen: SeenRequest[]): void {
  replies.forEach((reply, index) => {
    const scope = nock(ORIGIN).persist(index === replies.length - 1)
    scope.on('request', (req: { path: string; headers: Record<string, unknown> }, _interceptor, body: string) => {
      seen.push({ path: req.path, authorization: req.headers.authorization, body })
    })
    const interceptor = scope.post(() => true)
    switch (reply.kind) {
      case 'accepted':
        interceptor.reply(202, { status: 'accepted' })
        break
      case 'rejected':
        interceptor.reply(400, { detail: reply.detail })
        break
      case 'unauthorized':
        interceptor.reply(401, { detail: reply.detail })
        break
      case 'throttled':
        interceptor.reply(429, { detail: 'Request was throttled.' }, { 'Retry-After': reply.retryAfter })
        break
      case 'unavailable':
        interceptor.reply(503, reply.body)
        break
      case 'reset':
        interceptor.replyWithError('ECONNRESET')
        break
    }
  })
}

// The interceptors take any POST to LiveLike's host; anything else (another host, another method) lands here.
const strayRequests: string[] = []
const recordStray = (req: { host?: string; hostname?: string; path?: string }) => {
  strayRequests.push(`${req.hostname ?? req.host}${req.path}`)
}
beforeAll(() => nock.emitter.on('no match', recordStray))
afterAll(() => nock.emitter.removeListener('no match', recordStray))

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\t\n', '🎉🔥👩‍👩‍👧', 'naïve café', 'مرحبا', '\u0000', '../x?y#z')
)

const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 })
)

/** A value the event should carry as a string: mostly a string, sometimes missing, blank or of another type. */
const stringish = fc.oneof({ weight: 6, arbitrary: text }, fc.constant(undefined), notAString)

const identifier = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
  stringish,
  fc.constantFrom(undefined, '', '   '),
  fc.string({ unit: 'binary', minLength: 256, maxLength: 300 }),
  fc.string({ minLength: 255, maxLength: 255 })
)

interface Timestamp {
  raw: unknown
  /** What LiveLike must receive for it, for the forms Segment sends. */
  sent?: string
}

const pad = (value: number) => String(value).padStart(2, '0')

// From 1980: earlier epoch milliseconds are too small to tell from epoch seconds.
const instant = fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2100, 0, 1) })

// Up to nanoseconds: digits past the millisecond must reach LiveLike too.
const subMillisecondDigits = fc.stringMatching(/^\d{0,6}$/)

const isoInUtc = fc.tuple(instant, subMillisecondDigits).map(([ms, digits]): Timestamp => {
  const raw = `${new Date(ms).toISOString().slice(0, 23)}${digits}Z`
  return { raw, sent: raw }
})

const isoWithOffset = fc
  .tuple(instant, fc.integer({ min: -14, max: 14 }), fc.constantFrom(0, 30, 45), subMillisecondDigits)
  .map(([ms, hours, minutes, digits]): Timestamp => {
    const offsetMinutes = (hours < 0 ? -1 : 1) * (Math.abs(hours) * 60 + minutes)
    const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23)
    return {
      raw: `${local}${digits}${hours < 0 ? '-' : '+'}${pad(Math.abs(hours))}:${pad(minutes)}`,
      sent: `${new Date(ms).toISOString().slice(0, 23)}${digits}Z`
    }
  })

const goodTimestamp: fc.Arbitrary<Timestamp> = fc.oneof(
  isoInUtc,
  isoWithOffset,
  instant.map((ms) => ({ raw: ms, sent: new Date(ms).toISOString() })),
  instant.map((ms) => ({ raw: String(ms), sent: new Date(ms).toISOString() })),
  instant.map((ms) => ({ raw: Math.floor(ms / 1000), sent: new Date(Math.floor(ms / 1000) * 1000).toISOString() }))
)

const badTimestamp: fc.Arbitrary<Timestamp> = fc
  .oneof(
    fc.string(),
    fc.constantFrom('', ' ', 'yesterday', '2024-13-45T99:99:99Z', 'NaN', 'Infinity', '1e400', '-1', null, undefined),
    fc.constantFrom(1e20, 8.64e15 + 1, Number.MAX_VALUE, Infinity, -Infinity, NaN),
    fc.integer({ max: -1 }),
    fc.double(),
    fc.date().map(String)
  )
  .map((raw) => ({ raw }))

const timestampArb = fc.oneof({ weight: 6, arbitrary: goodTimestamp }, badTimestamp)

// About 32 KB, the most Segment accepts in one event.
const HUGE_PROPERTIES = Object.fromEntries(
  Array.from({ length: 300 }, (_, i) => [`key_${i}`, `value ${i} `.repeat(10)])
)

// Deep enough to matter, shallow enough for actions-core's own recursion, which overflows a few thousand levels down.
const DEEP_PROPERTIES = Array.from({ length: 200 }).reduce<Record<string, unknown>>((inner) => ({ nested: inner }), {
  bottom: '🎯'
})

const extraProperties = fc.oneof(
  { weight: 10, arbitrary: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) },
  fc.constant(HUGE_PROPERTIES),
  fc.constant(DEEP_PROPERTIES)
)

// Events shaped in ways SegmentEvent's type forbids are the point of these tests.
const asSegmentEvent = (fields: Record<string, unknown>) => fields as unknown as SegmentEvent

const sendEventArb = fc
  .record({
    type: fc.constantFrom('track', 'page', 'screen', 'identify'),
    event: stringish,
    name: stringish,
    userId: identifier,
    anonymousId: stringish,
    messageId: stringish,
    timestamp: timestampArb,
    properties: fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(extraProperties, fc.record({ livelike_profile_id: identifier, custom_id: identifier }))
          .map(([extra, ids]) => ({ ...extra, ...ids }))
      },
      stringish
    )
  })
  .map(({ timestamp, ...fields }) => ({ event: asSegmentEvent({ ...fields, timestamp: timestamp.raw }), timestamp }))

const audienceKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('livelike_fans', '🎧 fans', 'a.b', '__proto__', 'constructor', '') },
  text
)

const syncEventArb = fc
  .record({
    type: fc.constantFrom('identify', 'track'),
    userId: identifier,
    computationId: stringish,
    computationKey: audienceKey,
    hasPersonas: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
    membership: fc.oneof({ weight: 4, arbitrary: fc.boolean() }, fc.constantFrom('true', 'false', 'yes', 1, null)),
    carrier: fc.constantFrom('traits', 'properties', 'neither'),
    identity: fc.record({ livelike_profile_id: identifier, email: identifier }),
    extra: extraProperties,
    timestamp: timestampArb
  })
  .map(({ computationId, computationKey, hasPersonas, membership, carrier, identity, extra, timestamp, ...fields }) => {
    const bag = { ...extra, [computationKey]: membership, ...identity }
    return asSegmentEvent({
      ...fields,
      timestamp: timestamp.raw,
      context: hasPersonas ? { personas: { computation_id: computationId, computation_key: computationKey } } : {},
      traits: carrier === 'traits' ? bag : undefined,
      properties: carrier === 'properties' ? bag : identity
    })
  })

const syncMappingArb = fc.oneof(fc.constant({}), fc.record({ action: fc.boolean() }))

const clientIdArb = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'test-client-id',
      '../x?y#z',
      '..',
      '.',
      '...',
      'a\uD800',
      'a/b',
      '%2e%2e',
      '.%2e',
      '%2E.',
      'x/../..',
      "it's",
      'a b',
      ' ',
      '',
      '?',
      '#',
      '/',
      '\\',
      '%',
      '@evil.example.com',
      'ünïcødé',
      '🎉',
      '\u0000',
      'a\nb'
    )
  },
  fc.string(),
  fc.string({ unit: 'binary', minLength: 1 })
)

const newIntegration = () => createTestIntegration(destination)

interface Run {
  error?: unknown
  seen: SeenRequest[]
  integration: ReturnType<typeof newIntegration>
}

async function run(replies: Reply[], call: (integration: Run['integration']) => Promise<unknown>): Promise<Run> {
  const seen: SeenRequest[] = []
  interceptLiveLike(replies, seen)
  const integration = newIntegration()
  try {
    await call(integration)
    return { seen, integration }
  } catch (error) {
    return { error, seen, integration }
  }
}

const settingsFor = (clientId: string) => ({ clientId, producerToken: TOKEN })

const describeError = (error: unknown) =>
  error instanceof Error ? `${error.constructor.name}: ${error.message}` : `non-error ${inspect(error)}`

const TYPED_ERRORS: ErrorClass[] = [IntegrationError, RetryableError, InvalidAuthenticationError, AggregateAjvError]
const PAYLOAD_ERRORS: ErrorClass[] = [AggregateAjvError, PayloadValidationError]

const isAnyOf = (error: unknown, types: ErrorClass[]) => types.some((type) => error instanceof type)

const holdsToken = (error: unknown) =>
  (error instanceof Error && error.message.includes(TOKEN)) ||
  inspect(error, { depth: 10 }).includes(TOKEN) ||
  (JSON.stringify(error) ?? '').includes(TOKEN)

// What Date.parse reads as the same instant with or without the digits past the millisecond.
const isIsoUtc = (value: unknown) =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?Z$/i.test(value) &&
  !Number.isNaN(Date.parse(value.replace(/(\.\d{3})\d+/, '$1')))

const SENT_KEYS: Record<ActionKey, Set<string>> = {
  sendEvent: new Set([
    'event_name',
    'event_type',
    'segment_user_id',
    'livelike_profile_id',
    'anonymous_id',
    'custom_id',
    'timestamp',
    'properties',
    'message_id'
  ]),
  syncToUserGroup: new Set([
    'audience_id',
    'audience_name',
    'action',
    'timestamp',
    'user_id',
    'livelike_profile_id',
    'email'
  ])
}

const itemsOf = (action: ActionKey, body: string): Record<string, unknown>[] =>
  action === 'sendEvent' ? JSON.parse(body).events : JSON.parse(body)

/** Every request went to the exact path for the client ID, with the token, and carried well-formed items. */
function requestViolations(action: ActionKey, clientId: string, seen: SeenRequest[]): string[] {
  const found = strayRequests.map((stray) => `request to an unexpected destination: ${stray}`)
  if (seen.length === 0) {
    return found
  }
  const builtPath = action === 'sendEvent' ? segmentEventsPath(clientId) : audienceSyncPath(clientId)
  // node-fetch's URL parsing escapes the ' that encodeURIComponent leaves: the same segment, spelled differently.
  const expectedPath = builtPath.replace(/'/g, '%27')
  for (const { path, authorization, body } of seen) {
    if (path !== expectedPath) {
      found.push(`request to ${path} instead of ${expectedPath}`)
    }
    if (authorization !== `Bearer ${TOKEN}`) {
      found.push(`request with Authorization ${inspect(authorization)}`)
    }
    const items = itemsOf(action, body)
    if (!Array.isArray(items) || items.length === 0) {
      found.push(`request without items: ${body.slice(0, 200)}`)
      continue
    }
    for (const item of items) {
      const unexpected = Object.keys(item).filter((key) => !SENT_KEYS[action].has(key))
      if (unexpected.length > 0) {
        found.push(`item with unexpected keys ${unexpected.join(', ')}`)
      }
      if (!isIsoUtc(item.timestamp)) {
        found.push(`item with timestamp ${inspect(item.timestamp)}, not ISO 8601 in UTC`)
      }
    }
  }
  return found
}

/** What a single event may throw: the error for LiveLike's answer if it got one, else a data or settings error. */
function expectedErrors(clientId: string, reply: Reply, requests: number): ErrorClass[] {
  if (requests === 1) {
    const answerError = errorClassOf[reply.kind]
    return answerError ? [answerError] : []
  }
  return isRefusedClientId(clientId) ? [...PAYLOAD_ERRORS, InvalidAuthenticationError] : PAYLOAD_ERRORS
}

function singleViolations(action: ActionKey, clientId: string, reply: Reply, { error, seen }: Run): string[] {
  const found = requestViolations(action, clientId, seen)
  if (error === undefined) {
    if (seen.length !== 1) {
      found.push(`succeeded after ${seen.length} requests`)
    } else if (reply.kind !== 'accepted') {
      found.push(`succeeded although LiveLike answered ${statusOf[reply.kind]}`)
    } else if (itemsOf(action, seen[0].body).length !== 1) {
      found.push('sent more than one item for one event')
    }
    return found
  }
  if (!isAnyOf(error, TYPED_ERRORS)) {
    found.push(`threw an untyped ${describeError(error)}`)
  }
  if (holdsToken(error)) {
    found.push(`the error holds the Producer Token: ${describeError(error)}`)
  }
  if (seen.length > 1 || !isAnyOf(error, expectedErrors(clientId, reply, seen.length))) {
    found.push(`after ${seen.length} requests (reply ${reply.kind}) threw ${describeError(error)}`)
  }
  return found
}

function batchViolations(action: ActionKey, clientId: string, size: number, replies: Reply[], outcome: Run): string[] {
  const { error, seen, integration } = outcome
  const found = requestViolations(action, clientId, seen)
  // Halving a rejected batch to find the bad items takes at most 2n - 1 requests.
  if (seen.length > 2 * size - 1) {
    found.push(`${seen.length} requests for ${size} events`)
  }
  if (error !== undefined) {
    // Only settings that can never work may fail a whole batch; an answer from LiveLike never does.
    if (!(isRefusedClientId(clientId) && error instanceof InvalidAuthenticationError && seen.length === 0)) {
      found.push(`the batch threw ${describeError(error)} after ${seen.length} requests`)
    }
    if (holdsToken(error)) {
      found.push('the error holds the Producer Token')
    }
    return found
  }
  const multistatus = integration.results[0]?.multistatus ?? []
  if (multistatus.length !== size) {
    found.push(`${multistatus.length} results for ${size} events`)
  }
  const possibleStatuses = new Set([400, ...replies.map((reply) => statusOf[reply.kind])])
  for (let index = 0; index < size; index++) {
    const status = multistatus[index]?.status
    if (typeof status !== 'number' || !possibleStatuses.has(status)) {
      found.push(`event ${index} has status ${inspect(status)}`)
    }
  }
  if (JSON.stringify(multistatus).includes(TOKEN)) {
    found.push('the results hold the Producer Token')
  }
  if (isRefusedClientId(clientId) && seen.length > 0) {
    found.push(`${seen.length} requests with a refused client ID`)
  }
  return found
}

const batchOf = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 5 })

const cleanUp = () => {
  nock.cleanAll()
  strayRequests.length = 0
}

describe('sendEvent with generated events', () => {
  it('sends one event in exactly one request to the segment-events path of the encoded client ID, or throws a typed error without the token', async () => {
    await fc.assert(
      fc
        .asyncProperty(clientIdArb, sendEventArb, replyArb, async (clientId, { event, timestamp }, reply) => {
          const outcome = await run([reply], (integration) =>
            integration.testAction('sendEvent', { event, settings: settingsFor(clientId), useDefaultMappings: true })
          )
          expect(singleViolations('sendEvent', clientId, reply, outcome)).toEqual([])
          if (outcome.error === undefined && timestamp.sent !== undefined) {
            const [sent] = itemsOf('sendEvent', outcome.seen[0].body)
            expect(sent.timestamp).toBe(timestamp.sent)
          }
        })
        .afterEach(cleanUp),
      { numRuns: 700 }
    )
  })

  it('answers every batch with one numeric status per event, whatever LiveLike replies', async () => {
    await fc.assert(
      fc
        .asyncProperty(clientIdArb, batchOf(sendEventArb), repliesArb, async (clientId, generated, replies) => {
          const events = generated.map(({ event }) => event)
          const outcome = await run(replies, (integration) =>
            integration.testBatchAction('sendEvent', {
              events,
              settings: settingsFor(clientId),
              useDefaultMappings: true
            })
          )
          expect(batchViolations('sendEvent', clientId, events.length, replies, outcome)).toEqual([])
        })
        .afterEach(cleanUp),
      { numRuns: 250 }
    )
  })
})

describe('syncToUserGroup with generated audience events', () => {
  it('sends one membership change in exactly one request to the segment-audience-sync path of the encoded client ID, or throws a typed error without the token', async () => {
    await fc.assert(
      fc
        .asyncProperty(clientIdArb, syncEventArb, syncMappingArb, replyArb, async (clientId, event, mapping, reply) => {
          const outcome = await run([reply], (integration) =>
            integration.testAction('syncToUserGroup', {
              event,
              mapping,
              settings: settingsFor(clientId),
              useDefaultMappings: true
            })
          )
          expect(singleViolations('syncToUserGroup', clientId, reply, outcome)).toEqual([])
        })
        .afterEach(cleanUp),
      { numRuns: 700 }
    )
  })

  it('answers every batch with one numeric status per audience event, whatever LiveLike replies', async () => {
    await fc.assert(
      fc
        .asyncProperty(
          clientIdArb,
          batchOf(syncEventArb),
          syncMappingArb,
          repliesArb,
          async (clientId, events, mapping, replies) => {
            const outcome = await run(replies, (integration) =>
              integration.testBatchAction('syncToUserGroup', {
                events,
                mapping,
                settings: settingsFor(clientId),
                useDefaultMappings: true
              })
            )
            expect(batchViolations('syncToUserGroup', clientId, events.length, replies, outcome)).toEqual([])
          }
        )
        .afterEach(cleanUp),
      { numRuns: 250 }
    )
  })
})

describe('client IDs that would leave their path segment', () => {
  it('refuses empty and dot-only client IDs with InvalidAuthenticationError before any request, in every action and mode', async () => {
    const validEvent: SegmentEvent = {
      type: 'track',
      event: 'Video Watched',
      userId: 'user-1',
      properties: { livelike_profile_id: 'profile-1' },
      context: { personas: { computation_id: 'aud_1', computation_key: 'fans' } },
      traits: { fans: true }
    }
    await fc.assert(
      fc
        .asyncProperty(
          fc.constantFrom('', '.', '..'),
          fc.constantFrom<ActionKey>('sendEvent', 'syncToUserGroup'),
          fc.boolean(),
          repliesArb,
          async (clientId, action, batch, replies) => {
            const options = { settings: settingsFor(clientId), useDefaultMappings: true }
            const outcome = await run(replies, (integration) =>
              batch
                ? integration.testBatchAction(action, { ...options, events: [validEvent, validEvent] })
                : integration.testAction(action, { ...options, event: validEvent })
            )
            expect(outcome.error).toBeInstanceOf(InvalidAuthenticationError)
            expect(outcome.seen).toEqual([])
            expect(strayRequests).toEqual([])
          }
        )
        .afterEach(cleanUp),
      { numRuns: 100 }
    )
  })
})
