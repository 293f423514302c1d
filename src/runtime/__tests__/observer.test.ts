import { defaultValues } from '@segment/actions-core'
import sendEvent from '../../destinations/livelike-cloud/sendEvent'
import { startSandbox } from '../../sandbox'
import type { RunningSandbox } from '../../sandbox'
import { createRunner } from '..'
import type { AttemptReport, DeliveryOutcome, SegmentEvent, Subscription } from '..'

jest.setTimeout(120_000)

const settings = { clientId: 'demo', producerToken: 'demo-producer-token' }
const fast = { baseMs: 1, maxMs: 5 }

let sandbox: RunningSandbox

beforeAll(async () => {
  sandbox = await startSandbox()
  process.env.LIVELIKE_API_BASE_URL = sandbox.apiBaseUrl
})

afterAll(async () => {
  await sandbox.close()
  delete process.env.LIVELIKE_API_BASE_URL
})

const track = (n: number): SegmentEvent => ({
  type: 'track',
  event: 'Video Watched',
  userId: `user-${n}`,
  messageId: `observed-${n}`,
  timestamp: '2024-03-07T12:00:00.000Z'
})

const batched: Subscription = {
  name: 'Batched Track Calls',
  subscribe: 'type = "track"',
  partnerAction: 'sendEvent',
  mapping: { ...defaultValues(sendEvent.fields), enable_batching: true, batch_size: 10 }
}

function observed(subscriptions?: Subscription[]) {
  const runner = createRunner({ settings, backoff: fast, retries: 2, subscriptions })
  const reports: AttemptReport[] = []
  const delivered: { events: SegmentEvent[]; outcomes: DeliveryOutcome[] }[] = []
  const delivering: SegmentEvent[][] = []
  const stop = runner.observe({
    delivering: (events) => delivering.push(events),
    attempted: (report) => reports.push(report),
    delivered: (events, outcomes) => delivered.push({ events, outcomes })
  })
  return { runner, reports, delivered, delivering, stop }
}

describe('Runner.observe', () => {
  it('reports each attempt with the request (token redacted) and LiveLike answer, and the final outcomes', async () => {
    const { runner, reports, delivered, delivering } = observed()
    const events = [track(1), { type: 'identify', userId: 'user-2', messageId: 'observed-2' } as SegmentEvent]
    const outcomes = await runner.deliver(events)

    expect(delivering).toEqual([events])
    expect(delivered).toEqual([{ events, outcomes }])
    expect(reports).toHaveLength(1)
    const [report] = reports
    expect(report.event).toBe(events[0])
    expect(report.outcome).toMatchObject({ messageId: 'observed-1', ok: true, status: 202, attempts: 1 })
    expect(report.waitedMs).toBe(0)
    expect(report.final).toBe(true)
    expect(report.exchanges).toHaveLength(1)
    const [exchange] = report.exchanges
    expect(exchange.request.method).toBe('POST')
    expect(exchange.request.url).toBe(`${sandbox.apiBaseUrl}/applications/demo/segment-events/`)
    expect(exchange.request.headers.authorization).toBe('[redacted]')
    expect(JSON.parse(exchange.request.body).events[0]).toMatchObject({ event_name: 'Video Watched' })
    expect(exchange.response.status).toBe(202)
    expect(JSON.stringify(reports)).not.toContain(settings.producerToken)
  })

  it('reports every retry with the wait before it, and one exchange shared by the events of a batch', async () => {
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimitedRate: 1, retryAfterSeconds: 0 })
    })
    const { runner, reports } = observed([batched])
    const outcomes = await runner.deliver([track(3), track(4)])
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimitedRate: 0 })
    })

    expect(outcomes.map((outcome) => outcome.attempts)).toEqual([3, 3])
    expect(reports.map((report) => report.outcome.attempts)).toEqual([1, 1, 2, 2, 3, 3])
    expect(reports.map((report) => report.final)).toEqual([false, false, false, false, true, true])
    expect(reports[0].waitedMs).toBe(0)
    expect(reports[0].exchanges).toBe(reports[1].exchanges)
    expect(reports[0].exchanges[0].response).toMatchObject({ status: 429 })
    expect(reports[0].exchanges[0].response.headers['retry-after']).toBe('0')
    reports.slice(2).forEach((report) => expect(report.waitedMs).toBeGreaterThanOrEqual(0))
  })

  it('records nothing once the observer is removed', async () => {
    const { runner, reports, stop } = observed()
    stop()
    await runner.deliver([track(5)])
    expect(reports).toEqual([])
  })
})
