import { backoffMs, isRetryableStatus, MAX_REQUESTED_WAIT_MS, requestedWaitMs, retryDelayMs } from '../retry-policy'

describe('isRetryableStatus', () => {
  it.each([408, 423, 429, 500, 502, 503, 504, 0, undefined])('retries %p', (status) => {
    expect(isRetryableStatus(status)).toBe(true)
  })

  it.each([200, 400, 401, 403, 404, 413, 422, 501])('does not retry %p', (status) => {
    expect(isRetryableStatus(status)).toBe(false)
  })
})

describe('requestedWaitMs', () => {
  it('reads the seconds LiveLike asked for from the destination message', () => {
    expect(requestedWaitMs('LiveLike answered 429: slow down. Segment will retry. LiveLike asked to wait 7 s.')).toBe(
      7000
    )
  })

  it('reads an HTTP date LiveLike asked to wait until', () => {
    const now = Date.parse('2024-03-07T12:00:00Z')
    expect(requestedWaitMs('LiveLike asked to wait until Thu, 07 Mar 2024 12:00:05 GMT.', now)).toBe(5000)
  })

  it('caps a very long wait', () => {
    expect(requestedWaitMs('LiveLike asked to wait 86400 s.')).toBe(MAX_REQUESTED_WAIT_MS)
  })

  it('is undefined when LiveLike asked for nothing', () => {
    expect(requestedWaitMs('LiveLike answered 503: down.')).toBeUndefined()
    expect(requestedWaitMs(undefined)).toBeUndefined()
  })
})

describe('backoffMs', () => {
  const backoff = { baseMs: 100, maxMs: 1000 }

  it('draws from zero up to an exponentially growing ceiling', () => {
    expect(backoffMs(1, backoff, () => 0)).toBe(0)
    expect(backoffMs(1, backoff, () => 0.999)).toBe(99)
    expect(backoffMs(3, backoff, () => 0.999)).toBe(399)
  })

  it('never exceeds the maximum', () => {
    expect(backoffMs(20, backoff, () => 0.999)).toBe(999)
  })
})

describe('retryDelayMs', () => {
  it('waits as long as LiveLike asked when that is longer than the backoff', () => {
    expect(retryDelayMs(1, { baseMs: 10, maxMs: 20 }, [undefined, 'LiveLike asked to wait 2 s.'])).toBe(2000)
  })

  it('uses the backoff when LiveLike asked for nothing', () => {
    expect(retryDelayMs(1, { baseMs: 10, maxMs: 20 }, ['LiveLike answered 503.'])).toBeLessThan(10)
  })
})
