import { isRetryableStatus as isRetryableHttpStatus } from '../destinations/livelike-cloud/errors'
import type { Backoff } from './types'

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 10_000 }

/** A wait LiveLike asked for is honoured up to this long, so that one answer cannot stall a run for hours. */
export const MAX_REQUESTED_WAIT_MS = 60_000

/** Segment's pipeline retries these statuses, and failures with no status at all (network errors). */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || status === 0 || isRetryableHttpStatus(status)
}

// The destination turns LiveLike's Retry-After into one of these sentences (src/destinations/livelike-cloud/errors.ts).
const WAIT_SECONDS = /LiveLike asked to wait (\d+) s\./
const WAIT_UNTIL = /LiveLike asked to wait until (.+?)\.$/

/** The wait, in ms, that LiveLike asked for in an error message, if it asked. */
export function requestedWaitMs(message: string | undefined, now = Date.now()): number | undefined {
  const seconds = message?.match(WAIT_SECONDS)
  if (seconds) {
    return Math.min(Number(seconds[1]) * 1000, MAX_REQUESTED_WAIT_MS)
  }
  const until = message?.match(WAIT_UNTIL)
  const date = until ? Date.parse(until[1]) : NaN
  return Number.isNaN(date) ? undefined : Math.min(Math.max(date - now, 0), MAX_REQUESTED_WAIT_MS)
}

/** Exponential backoff with full jitter before retry number `retry` (1 for the first retry). */
export function backoffMs(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (retry - 1))
  return Math.floor(random() * ceiling)
}

/** How long to wait before retrying a group of failures: the jittered backoff, or longer if LiveLike asked. */
export function retryDelayMs(retry: number, backoff: Backoff, messages: (string | undefined)[]): number {
  return messages.reduce(
    (longest, message) => Math.max(longest, requestedWaitMs(message) ?? 0),
    backoffMs(retry, backoff)
  )
}
