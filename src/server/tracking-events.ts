import { randomUUID } from 'node:crypto'
import type { SegmentEvent } from '../runtime'

export const MAX_EVENT_BYTES = 32 * 1024
export const MAX_BATCH_BYTES = 500 * 1024
export const MAX_BATCH_EVENTS = 2500

export const CALL_TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const
export type CallType = (typeof CALL_TYPES)[number]

/** The short paths analytics.js posts to (`<apiHost>/t`, ...), and `b` for its batches. */
export const SHORT_PATHS: Record<string, CallType | 'batch'> = {
  t: 'track',
  p: 'page',
  s: 'screen',
  i: 'identify',
  g: 'group',
  a: 'alias',
  b: 'batch'
}

type RawEvent = Record<string, unknown>

function isObject(value: unknown): value is RawEvent {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function hasId(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number'
}

/** What is wrong with one call, as Segment's API would refuse it; undefined when it is acceptable. */
export function problemWith(event: unknown): string | undefined {
  if (!isObject(event)) {
    return 'is not a JSON object'
  }
  if (!CALL_TYPES.includes(event.type as CallType)) {
    return `has "type" ${JSON.stringify(event.type)}: use one of ${CALL_TYPES.join(', ')}`
  }
  if (!hasId(event.userId) && !hasId(event.anonymousId)) {
    return 'has neither "userId" nor "anonymousId": every call needs one of them'
  }
  if (event.type === 'track' && (typeof event.event !== 'string' || event.event.trim() === '')) {
    return 'is a track call without "event": name the event'
  }
  if (event.messageId !== undefined && (typeof event.messageId !== 'string' || event.messageId.length >= 100)) {
    return 'has a "messageId" that is not a string under 100 characters'
  }
  if (Buffer.byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES) {
    return `is over ${MAX_EVENT_BYTES / 1024} KB: send fewer or smaller properties`
  }
  return undefined
}

function validDate(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return undefined
  }
  const time = new Date(value).getTime()
  return Number.isNaN(time) ? undefined : time
}

/**
 * Fills what Segment's API fills: `messageId` and `receivedAt` when absent, and `timestamp` corrected for the
 * client's clock (`receivedAt - (sentAt - originalTimestamp)`) when the call says when it was sent. A timestamp with
 * nothing to correct stays exactly as the client sent it.
 */
export function stamp(event: RawEvent, receivedAt: Date, batchSentAt?: unknown): SegmentEvent {
  const received = receivedAt.getTime()
  const original = validDate(event.timestamp)
  const sentAt = validDate(event.sentAt ?? batchSentAt)
  const corrected =
    original === undefined ? received : sentAt === undefined ? undefined : received - (sentAt - original)
  return {
    ...event,
    ...(typeof event.userId === 'number' && { userId: String(event.userId) }),
    messageId: typeof event.messageId === 'string' ? event.messageId : `api-${randomUUID()}`,
    receivedAt: receivedAt.toISOString(),
    ...(original !== undefined && { originalTimestamp: event.timestamp }),
    timestamp: corrected === undefined ? event.timestamp : new Date(corrected).toISOString()
  } as SegmentEvent
}
