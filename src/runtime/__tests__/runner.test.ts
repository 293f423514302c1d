import { defaultValues } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import type { FastifyInstance } from 'fastify'
import sendEvent from '../../destinations/livelike-cloud/sendEvent'
import { buildSandbox } from '../../sandbox'
import type { SandboxOptions } from '../../sandbox'
import { createRunner } from '..'
import type { DeliveryOutcome, RunnerOptions, Subscription } from '..'
import { call } from './http'

jest.setTimeout(120_000)

const settings = { clientId: 'demo', producerToken: 'demo-producer-token' }
const fast = { baseMs: 1, maxMs: 5 }

interface Sandbox {
  url: string
  /** Requests LiveLike's event endpoint received. */
  eventRequests: () => number
  close: () => Promise<void>
}

const opened: Sandbox[] = []

/** A sandbox the destination points at, counting the requests it receives. */
async function sandboxWith(options: SandboxOptions = {}): Promise<Sandbox> {
  const app: FastifyInstance = buildSandbox(options)
  let requests = 0
  app.addHook('onRequest', async (request) => {
    if (request.method === 'POST' && request.url.endsWith('/segment-events/')) {
      requests++
    }
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  process.env.LIVELIKE_API_BASE_URL = `${url}/api/v1`
  const sandbox = { url, eventRequests: () => requests, close: () => app.close() }
  opened.push(sandbox)
  return sandbox
}

afterAll(async () => {
  await Promise.all(opened.map((sandbox) => sandbox.close()))
  delete process.env.LIVELIKE_API_BASE_URL
})

function track(n: number, extra: Partial<SegmentEvent> = {}): SegmentEvent {
  return {
    type: 'track',
    event: 'Video Watched',
    userId: `user-${n}`,
    messageId: `message-${n}`,
    timestamp: '2024-03-07T12:00:00.000Z',
    properties: { video_id: `video-${n}` },
    ...extra
  }
}

const tracks = (count: number) => Array.from({ length: count }, (_, n) => track(n))

function trackSubscription(mapping: Record<string, unknown>, name = 'Track Calls'): Subscription {
  return {
    name,
    subscribe: 'type = "track"',
    partnerAction: 'sendEvent',
    mapping: { ...defaultValues(sendEvent.fields), ...mapping }
  }
}

function runner(options: Partial<RunnerOptions> = {}) {
  return createRunner({ settings, backoff: fast, ...options })
}

describe('createRunner', () => {
  it('delivers track, page and screen calls through the presets and reports an unmatched call with status 0', async () => {
    const sandbox = await sandboxWith()
    const events: SegmentEvent[] = [
      track(1),
      { type: 'page', name: 'Home', userId: 'user-2', messageId: 'message-2', timestamp: '2024-03-07T12:00:00.000Z' },
      {
        type: 'screen',
        name: 'Lobby',
        userId: 'user-3',
        messageId: 'message-3',
        timestamp: '2024-03-07T12:00:00.000Z'
      },
      { type: 'identify', userId: 'user-4', messageId: 'message-4', traits: {} }
    ]

    const outcomes = await runner().deliver(events)

    expect(outcomes).toEqual([
      {
        messageId: 'message-1',
        subscription: 'Track Calls',
        action: 'sendEvent',
        ok: true,
        status: 202,
        retryable: false,
        attempts: 1
      },
      {
        messageId: 'message-2',
        subscription: 'Page Calls',
        action: 'sendEvent',
        ok: true,
        status: 202,
        retryable: false,
        attempts: 1
      },
      {
        messageId: 'message-3',
        subscription: 'Screen Calls',
        action: 'sendEvent',
        ok: true,
        status: 202,
        retryable: false,
        attempts: 1
      },
      {
        messageId: 'message-4',
        ok: false,
        status: 0,
        retryable: false,
        message: 'No subscription matched this event.',
        attempts: 0
      }
    ])
    const recorded = await call<{ events: unknown[] }>(`${sandbox.url}/_sandbox/events`)
    expect(recorded.body.events).toEqual([
      {
        event_name: 'Video Watched',
        event_type: 'track',
        segment_user_id: 'user-1',
        timestamp: '2024-03-07T12:00:00.000Z',
        properties: { video_id: 'video-1' },
        message_id: 'message-1'
      },
      {
        event_name: 'Home',
        event_type: 'page',
        segment_user_id: 'user-2',
        timestamp: '2024-03-07T12:00:00.000Z',
        message_id: 'message-2'
      },
      {
        event_name: 'Lobby',
        event_type: 'screen',
        segment_user_id: 'user-3',
        timestamp: '2024-03-07T12:00:00.000Z',
        message_id: 'message-3'
      }
    ])
  })

  it('sends one request per Batch Size when the subscription batches', async () => {
    const sandbox = await sandboxWith()

    const outcomes = await runner({ subscriptions: [trackSubscription({ batch_size: 2 })] }).deliver(tracks(5))

    expect(outcomes.map((outcome) => [outcome.messageId, outcome.ok, outcome.status])).toEqual(
      tracks(5).map((event) => [event.messageId, true, 202])
    )
    expect(sandbox.eventRequests()).toBe(3)
  })

  it('sends one request per event when batching is off', async () => {
    const sandbox = await sandboxWith()

    const outcomes = await runner({ subscriptions: [trackSubscription({ enable_batching: false })] }).deliver(tracks(3))

    expect(outcomes.every((outcome) => outcome.ok && outcome.status === 202)).toBe(true)
    expect(sandbox.eventRequests()).toBe(3)
  })

  it('gives an event one outcome from each subscription it matches', async () => {
    await sandboxWith()
    const subscriptions = [trackSubscription({}, 'Everything'), trackSubscription({ event_name: 'Copy' }, 'Copies')]

    const outcomes = await runner({ subscriptions }).deliver([track(1)])

    expect(outcomes.map(({ subscription, ok }) => [subscription, ok])).toEqual([
      ['Everything', true],
      ['Copies', true]
    ])
  })

  it('ends an event LiveLike cannot take after one attempt, with the validation message', async () => {
    const sandbox = await sandboxWith()

    const [outcome] = await runner().deliver([track(1, { userId: undefined, anonymousId: 'anon-1' })])

    expect(outcome).toMatchObject({ ok: false, status: 400, retryable: false, attempts: 1 })
    expect(outcome.message).toMatch(/^The event has no LiveLike identity/)
    expect(sandbox.eventRequests()).toBe(0)
  })

  it('does not retry a wrong Producer Token, and no outcome holds the token', async () => {
    const sandbox = await sandboxWith()
    const attempts: DeliveryOutcome[] = []
    const wrong = { clientId: 'demo', producerToken: 'not-the-demo-token' }

    const outcomes = await createRunner({ settings: wrong, backoff: fast, onAttempt: (o) => attempts.push(o) }).deliver(
      tracks(2)
    )

    expect(outcomes.map(({ status, retryable, attempts }) => ({ status, retryable, attempts }))).toEqual([
      { status: 401, retryable: false, attempts: 1 },
      { status: 401, retryable: false, attempts: 1 }
    ])
    expect(outcomes[0].message).toMatch(/^LiveLike answered 401: .*Check the Producer Token and Client ID settings/)
    expect(JSON.stringify([outcomes, attempts])).not.toContain(wrong.producerToken)
    expect(sandbox.eventRequests()).toBe(1)
  })

  it('retries a 429 no sooner than LiveLike asked, a bounded number of times', async () => {
    const sandbox = await sandboxWith({ faults: { rateLimitedRate: 1, retryAfterSeconds: 1 } })
    const attempts: DeliveryOutcome[] = []
    const started = Date.now()

    const [outcome] = await runner({ retries: 1, onAttempt: (o) => attempts.push(o) }).deliver([track(1)])

    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(outcome).toMatchObject({ ok: false, status: 429, retryable: true, attempts: 2 })
    expect(outcome.message).toContain('LiveLike asked to wait 1 s.')
    expect(attempts.map((a) => a.attempts)).toEqual([1, 2])
    expect(sandbox.eventRequests()).toBe(2)
  })

  it('ends retryable after the last attempt when LiveLike stays unavailable', async () => {
    await sandboxWith({ faults: { unavailableRate: 1 } })

    const outcomes = await runner({ retries: 2 }).deliver(tracks(3))

    expect(outcomes.map(({ status, retryable, attempts }) => ({ status, retryable, attempts }))).toEqual(
      Array(3).fill({ status: 503, retryable: true, attempts: 3 })
    )
  })

  it('retries lost responses until delivered, and LiveLike records and rewards each event once', async () => {
    const sandbox = await sandboxWith({ faults: { lostResponseRate: 0.5, unavailableRate: 0.2 }, seed: 7 })
    const events = tracks(40)

    const outcomes = await runner({ retries: 20, subscriptions: [trackSubscription({ batch_size: 5 })] }).deliver(
      events
    )

    expect(outcomes.every((outcome) => outcome.ok)).toBe(true)
    expect(outcomes.some((outcome) => outcome.attempts > 1)).toBe(true)
    const stats = await call<{ recorded: number; deduplicated: number }>(`${sandbox.url}/_sandbox/stats`)
    expect(stats.body.recorded).toBe(40)
    expect(stats.body.deduplicated).toBeGreaterThan(0)
    const rewards = await call<{ grants_total: number }>(`${sandbox.url}/_sandbox/rewards`)
    expect(rewards.body.grants_total).toBe(40)
  })
})

describe("the runner's subscriptions at run time", () => {
  it('takes a new list for later deliveries, leaves out subscriptions turned off, and refuses a bad list whole', async () => {
    await sandboxWith()
    const delivering = runner({ subscriptions: [trackSubscription({}, 'First')] })
    const second = trackSubscription({}, 'Second')
    delivering.replaceSubscriptions([{ ...trackSubscription({}, 'First'), enabled: false }, second])
    expect(delivering.subscriptions().map(({ name, enabled }) => [name, enabled])).toEqual([
      ['First', false],
      ['Second', undefined]
    ])
    const outcomes = await delivering.deliver([track(1)])
    expect(outcomes.map((outcome) => [outcome.subscription, outcome.ok])).toEqual([['Second', true]])

    expect(() => delivering.replaceSubscriptions([second, second])).toThrow('has the name of an earlier one')
    expect(delivering.subscriptions().map(({ name }) => name)).toEqual(['First', 'Second'])
  })

  it('delivers through given subscriptions alone when asked, leaving its own list as it was', async () => {
    const sandbox = await sandboxWith()
    const delivering = runner({ subscriptions: [trackSubscription({}, 'Own')] })
    const outcomes = await delivering.deliver([track(2)], undefined, {
      through: [trackSubscription({ event_name: 'Tested' }, 'Draft')]
    })
    expect(outcomes.map((outcome) => [outcome.subscription, outcome.status])).toEqual([['Draft', 202]])
    const recorded = await call<{ events: { event_name: string }[] }>(`${sandbox.url}/_sandbox/events`)
    expect(recorded.body.events.map((event) => event.event_name)).toEqual(['Tested'])
    expect(delivering.subscriptions().map(({ name }) => name)).toEqual(['Own'])
  })
})
