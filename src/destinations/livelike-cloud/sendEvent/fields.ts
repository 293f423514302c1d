import type { InputField } from '@segment/actions-core'
import { batchSize, enableBatching } from '../batch-fields'
import { CUSTOM_ID_MAX_LENGTH } from '../constants'

// A batch of 1,000 typical events (0.5 to 2 KB each) stays under the 2.5 MB body limit Django applies by default.
export const SEND_EVENT_MAX_BATCH_SIZE = 1000

export const event_name: InputField = {
  label: 'Event Name',
  description:
    'The name LiveLike shows for this event under Rewards > Actions, where you attach rewards to it, for example `Video Watched`.',
  type: 'string',
  required: true,
  default: { '@path': '$.event' }
}

export const event_type: InputField = {
  label: 'Event Type',
  description: 'The kind of Segment call: `track`, `page` or `screen`.',
  type: 'string',
  required: true,
  choices: ['track', 'page', 'screen'],
  default: { '@path': '$.type' }
}

export const segment_user_id: InputField = {
  label: 'User ID',
  description:
    'Your Segment user ID for the user. At least one of User ID, LiveLike User Profile ID and Custom ID is required.',
  type: 'string',
  default: { '@path': '$.userId' }
}

export const livelike_profile_id: InputField = {
  label: 'LiveLike User Profile ID',
  description:
    "The user's LiveLike profile ID, sent by your app as the `livelike_profile_id` event property. At least one of User ID, LiveLike User Profile ID and Custom ID is required.",
  type: 'string',
  default: { '@path': '$.properties.livelike_profile_id' }
}

export const custom_id: InputField = {
  label: 'Custom ID',
  description: `Your own ID for the user (at most ${CUSTOM_ID_MAX_LENGTH} characters), the one your LiveLike client-generated access tokens are tied to, sent as the \`custom_id\` event property. At least one of User ID, LiveLike User Profile ID and Custom ID is required.`,
  type: 'string',
  maximum: CUSTOM_ID_MAX_LENGTH,
  default: { '@path': '$.properties.custom_id' }
}

export const anonymous_id: InputField = {
  label: 'Segment Anonymous ID',
  description: 'The anonymous ID Segment gave the device or browser.',
  type: 'string',
  unsafe_hidden: true,
  default: { '@path': '$.anonymousId' }
}

export const timestamp: InputField = {
  label: 'Timestamp',
  description:
    'When the event happened: an ISO 8601 date-time such as `2024-03-07T12:00:00Z`, or epoch milliseconds. LiveLike receives it in ISO 8601, in UTC.',
  type: 'string',
  required: true,
  default: { '@path': '$.timestamp' }
}

export const properties: InputField = {
  label: 'Event Properties',
  description: 'The properties of the event, sent to LiveLike as they are.',
  type: 'object',
  default: { '@path': '$.properties' }
}

export const message_id: InputField = {
  label: 'Message ID',
  description:
    "Segment's unique ID for the event. LiveLike uses it to recognise a resent event and grant its reward once.",
  type: 'string',
  unsafe_hidden: true,
  default: { '@path': '$.messageId' }
}

export const fields: Record<string, InputField> = {
  event_name,
  event_type,
  segment_user_id,
  livelike_profile_id,
  custom_id,
  anonymous_id,
  timestamp,
  properties,
  message_id,
  enable_batching: enableBatching,
  batch_size: batchSize(SEND_EVENT_MAX_BATCH_SIZE)
}
