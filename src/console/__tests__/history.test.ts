import type { DeliveryOutcome, Exchange, SegmentEvent } from '../../runtime'
import { DeliveryHistory } from '../history'

const event = (n: number): SegmentEvent => ({
  type: 'track',
  event: 'Played',
  userId: `user-${n}`,
  messageId: `m-${n}`
})

const exchange = (status: number): Exchange => ({
  request: { method: 'POST', url: 'http://sandbox/api', headers: { authorization: '[redacted]' }, body: '{}' },
  response: { status, statusText: '', headers: {}, body: '{}' }
})

const outcome = (n: number, fields: Partial<DeliveryOutcome>): DeliveryOutcome => ({
  messageId: `m-${n}`,
  subscription: 'Track Calls',
  action: 'sendEvent',
  ok: true,
  status: 202,
  retryable: false,
  attempts: 1,
  ...fields
})

function deliver(history: DeliveryHistory, events: SegmentEvent[], outcomes: DeliveryOutcome[], status = 202) {
  history.observer.delivering?.(events)
  outcomes.forEach((final, index) =>
    history.observer.attempted?.({
      event: events[index],
      outcome: final,
      waitedMs: 0,
      final: true,
      exchanges: [exchange(status)]
    })
  )
  history.observer.delivered?.(events, outcomes)
}

describe('DeliveryHistory', () => {
  it('keeps the latest events up to its capacity and counts every event', () => {
    const history = new DeliveryHistory({ capacity: 10 })
    for (let n = 0; n < 100; n++) {
      deliver(history, [event(n)], [outcome(n, {})])
    }
    const page = history.page({}, 0, 100)
    expect(page.total).toBeLessThanOrEqual(11)
    expect(page.events[0].messageId).toBe('m-99')
    expect(history.find('m-0')).toBeUndefined()
    expect(history.find('m-99')?.stage).toBe('delivered')
    expect(history.overview().counts).toMatchObject({ delivered: 100, received: { 'POST /events': 100 }, inFlight: 0 })
  })

  it('tells validation from a refusal by LiveLike by whether LiveLike answered with that status', () => {
    const history = new DeliveryHistory({ capacity: 10 })
    deliver(history, [event(1)], [outcome(1, { ok: false, status: 400, message: 'bad' })], 202)
    deliver(history, [event(2)], [outcome(2, { ok: false, status: 400, message: 'LiveLike answered 400' })], 400)
    deliver(history, [event(3)], [outcome(3, { ok: false, status: 503, retryable: true, attempts: 4 })], 503)
    expect(history.overview().counts.failed).toEqual({ validation: 1, refused: 1, retriesExhausted: 1 })
    expect(history.overview().counts.subscriptions['Track Calls'].failed).toEqual({
      validation: 1,
      refused: 1,
      retriesExhausted: 1
    })
  })

  it('moves a fate from pending retry to its final stage', () => {
    const history = new DeliveryHistory({ capacity: 10 })
    const events = [event(1)]
    history.observer.delivering?.(events, ['web'])
    history.observer.attempted?.({
      event: events[0],
      outcome: outcome(1, { ok: false, status: 503, retryable: true }),
      waitedMs: 0,
      final: false,
      exchanges: [exchange(503)]
    })
    expect(history.overview().counts).toMatchObject({ pendingRetry: 1, inFlight: 1, received: { web: 1 } })
    expect(history.find('m-1')).toMatchObject({ stage: 'pending-retry', settled: false })
    history.observer.attempted?.({
      event: events[0],
      outcome: outcome(1, { attempts: 2 }),
      waitedMs: 40,
      final: true,
      exchanges: [exchange(202)]
    })
    history.observer.delivered?.(events, [outcome(1, { attempts: 2 })])
    expect(history.overview().counts).toMatchObject({ pendingRetry: 0, delivered: 1, inFlight: 0 })
    const detail = history.find('m-1')
    expect(detail?.fates[0].attempts.map((attempt) => attempt.waitedMs)).toEqual([0, 40])
    expect(detail?.exchanges).toHaveLength(2)
  })

  it('pairs the outcomes of a delivery with its events, a loop stopped and an event no subscription matched', () => {
    const history = new DeliveryHistory({ capacity: 10 })
    const events = [event(1), event(2)]
    history.observer.delivering?.(events, ['livelike-source', undefined])
    history.observer.delivered?.(events, [
      outcome(1, { ok: false, status: 0, loop: { hop: 1, stopped: true } }),
      outcome(2, { subscription: undefined, action: undefined, ok: false, status: 0, attempts: 0 })
    ])
    expect(history.find('m-1')).toMatchObject({ stage: 'filtered', reason: 'loop', source: 'livelike-source' })
    expect(history.find('m-2')).toMatchObject({ stage: 'filtered', reason: 'no-subscription' })
    expect(history.overview().counts.filtered).toEqual({ noSubscription: 1, loop: 1 })
  })
})
