import { createHash } from 'crypto'
import type { SegmentEvent } from '@segment/actions-core'

/**
 * Segment gives every event a messageId, and LiveLike recognises a resent event by it. An event of the file that has
 * none gets one derived from its content, so that a later run of the same event carries the same ID.
 */
export function withMessageId(event: SegmentEvent): SegmentEvent {
  if (typeof event.messageId === 'string' && event.messageId.trim() !== '') {
    return event
  }
  const digest = createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 32)
  return { ...event, messageId: `replay-${digest}` }
}
