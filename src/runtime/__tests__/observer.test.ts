import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
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

  it('reports every retry with the wait before it, and the one request of a batch for each event it carried', async () => {
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
    expect(reports[0].exchanges).toHaveLength(1)
    expect(reports[0].exchanges[0]).toBe(reports[1].exchanges[0])
    expect(reports[0].exchanges[0].response).toMatchObject({ status: 429 })
    expect(reports[0].exchanges[0].response.headers['retry-after']).toBe('0')
    reports.slice(2).forEach((report) => expect(report.waitedMs).toBeGreaterThanOrEqual(0))
  })

  it('gives an event refused before any request no exchange, wherever it sits in the batch', async () => {
    for (const refused of [0, 2, 4]) {
      const { runner, reports } = observed([batched])
      const events = [10, 11, 12, 13, 14].map((n) =>
        n - 10 === refused ? { ...track(n), userId: undefined } : track(n)
      )
      await runner.deliver(events)

      const refusedReport = reports.find((report) => report.event === events[refused])
      expect(refusedReport?.outcome).toMatchObject({ ok: false, status: 400 })
      expect(refusedReport?.exchanges).toEqual([])
      const sentReports = reports.filter((report) => report.event !== events[refused])
      expect(sentReports.map((report) => report.outcome.status)).toEqual([202, 202, 202, 202])
      const [request] = sentReports[0].exchanges
      sentReports.forEach((report) => expect(report.exchanges).toEqual([request]))
      const carried = (JSON.parse(request.request.body) as { events: { message_id: string }[] }).events
      expect(carried.map((item) => item.message_id)).toEqual(sentReports.map((report) => report.event.messageId))
    }
  })

  it('gives each event of a batch LiveLike refused whole only the requests that carried it, as it was split', async () => {
    // A LiveLike that refuses, whole, any batch holding observed-21, as LiveLike does a batch with one bad item.
    const picky = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString()))
      request.on('end', () => {
        response.writeHead(body.includes('observed-21') ? 400 : 202, { 'content-type': 'application/json' })
        response.end('{}')
      })
    })
    await new Promise<void>((resolve) => picky.listen(0, '127.0.0.1', resolve))
    process.env.LIVELIKE_API_BASE_URL = `http://127.0.0.1:${(picky.address() as AddressInfo).port}/api/v1`
    const { runner, reports } = observed([batched])
    try {
      await runner.deliver([track(20), track(21), track(22), track(23)])
    } finally {
      process.env.LIVELIKE_API_BASE_URL = sandbox.apiBaseUrl
      await new Promise((resolve) => picky.close(resolve))
    }

    const carried = (report: AttemptReport) =>
      report.exchanges.map((exchange) => [
        exchange.response.status,
        (JSON.parse(exchange.request.body) as { events: { message_id: string }[] }).events.map(
          (item) => item.message_id
        )
      ])
    const byId = new Map(reports.map((report) => [report.event.messageId, carried(report)]))
    const whole = [400, ['observed-20', 'observed-21', 'observed-22', 'observed-23']]
    const firstHalf = [400, ['observed-20', 'observed-21']]
    expect(byId.get('observed-20')).toEqual([whole, firstHalf, [202, ['observed-20']]])
    expect(byId.get('observed-21')).toEqual([whole, firstHalf, [400, ['observed-21']]])
    expect(byId.get('observed-22')).toEqual([whole, [202, ['observed-22', 'observed-23']]])
    expect(byId.get('observed-23')).toEqual(byId.get('observed-22'))
  })

  it('records nothing once the observer is removed', async () => {
    const { runner, reports, stop } = observed()
    stop()
    await runner.deliver([track(5)])
    expect(reports).toEqual([])
  })
})
