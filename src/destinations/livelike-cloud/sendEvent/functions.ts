import { PayloadValidationError } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import { nonBlank, withoutUndefined } from '../compact'
import { toIsoTimestamp } from '../timestamps'
import type { Payload } from './generated-types'
import type { LiveLikeEvent } from './types'
import { timestamp } from './fields'

const MISSING_IDENTITY =
  'The event has no LiveLike identity: map at least one of the fields LiveLike User Profile ID (livelike_profile_id), ' +
  'Custom ID (custom_id) or User ID (segment_user_id). Send `livelike_profile_id` or `custom_id` in the event ' +
  'properties, or identify the user so that the event carries a `userId`.'

// The raw event is whatever the source sent: only a string messageId can stand in.
const rawMessageId = (event: SegmentEvent | undefined) =>
  typeof event?.messageId === 'string' ? nonBlank(event.messageId) : undefined

/**
 * Validates a mapped payload and builds the LiveLike event, with only the keys that have values. Without a mapped
 * Message ID (subscriptions saved before the field existed) the raw event's messageId stands in, so that LiveLike
 * can still recognise a resent event.
 */
export function toLiveLikeEvent(payload: Payload, event?: SegmentEvent): LiveLikeEvent {
  if (!nonBlank(payload.event_name)) {
    throw new PayloadValidationError(
      'The Event Name field (event_name) is blank: LiveLike lists events by name. Send a name with the call, or map the field to another property.'
    )
  }
  const segmentUserId = nonBlank(payload.segment_user_id)
  const liveLikeProfileId = nonBlank(payload.livelike_profile_id)
  const customId = nonBlank(payload.custom_id)
  if (!segmentUserId && !liveLikeProfileId && !customId) {
    throw new PayloadValidationError(MISSING_IDENTITY)
  }
  return withoutUndefined<LiveLikeEvent>({
    event_name: payload.event_name,
    event_type: payload.event_type,
    segment_user_id: segmentUserId,
    livelike_profile_id: liveLikeProfileId,
    anonymous_id: nonBlank(payload.anonymous_id),
    custom_id: customId,
    timestamp: toIsoTimestamp(payload.timestamp, { key: 'timestamp', label: timestamp.label }),
    properties: payload.properties,
    message_id: nonBlank(payload.message_id) ?? rawMessageId(event)
  })
}
