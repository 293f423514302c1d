import type { InputField } from '@segment/actions-core'
import { batchSize, enableBatching } from '../batch-fields'
import { CUSTOM_ID_MAX_LENGTH } from '../constants'

// LiveLike documents no limit for batch invocations: each update is one reward action for one profile, small.
export const INVOKE_REWARD_ACTION_MAX_BATCH_SIZE = 100

export const reward_action_key: InputField = {
  label: 'Reward Action',
  description:
    "The LiveLike reward action to invoke, by its key, such as `purchase`. Pick one of your application's reward actions (LiveLike Producer Suite, Rewards > Actions); the reward tables of the program decide what it grants.",
  type: 'string',
  required: true,
  dynamic: true
}

export const program_id: InputField = {
  label: 'Program',
  description:
    "The LiveLike program whose reward tables grant the rewards, by its ID. Pick one of your application's programs. Events of one batch always share one program.",
  type: 'string',
  required: true,
  dynamic: true
}

export const profile_id: InputField = {
  label: 'LiveLike Profile ID',
  description:
    "The user's LiveLike profile ID (a UUID), sent by your app as the `livelike_profile_id` event property. LiveLike takes exactly one identity: when both this and Custom Profile ID have a value, only the LiveLike Profile ID is sent.",
  type: 'string',
  default: { '@path': '$.properties.livelike_profile_id' }
}

export const custom_profile_id: InputField = {
  label: 'Custom Profile ID',
  description: `Your own ID for the user (at most ${CUSTOM_ID_MAX_LENGTH} characters), the custom ID of their LiveLike profile. It is sent only when LiveLike Profile ID has no value: LiveLike takes exactly one identity, and the LiveLike Profile ID wins.`,
  type: 'string',
  maximum: CUSTOM_ID_MAX_LENGTH,
  default: { '@path': '$.userId' }
}

export const code: InputField = {
  label: 'Code',
  description:
    "LiveLike grants a reward action once per code for a profile, and answers a repeated code as already granted. By default the code is Segment's message ID, so that a retried event never grants twice. To grant once per business fact, map a key of your own, such as `properties.order_id` to grant once per order however often the event is sent. An event whose mapped code is empty is sent with its message ID instead.",
  type: 'string',
  default: { '@path': '$.messageId' }
}

export const attributes: InputField = {
  label: 'Attributes',
  description:
    'Key and value pairs (text) LiveLike keeps with the invocation, for example the product or the order total.',
  type: 'object',
  defaultObjectUI: 'keyvalue:only',
  additionalProperties: true
}

export const description: InputField = {
  label: 'Description',
  description: 'A description LiveLike keeps with the invocation, for example `Order 1042 completed`.',
  type: 'string'
}

export const batch_keys: InputField = {
  label: 'Batch Keys',
  description: 'The fields whose values every event of one batch shares: LiveLike takes one program per batch.',
  type: 'string',
  multiple: true,
  unsafe_hidden: true,
  required: false,
  default: ['program_id']
}

export const fields: Record<string, InputField> = {
  reward_action_key,
  program_id,
  profile_id,
  custom_profile_id,
  code,
  attributes,
  description,
  enable_batching: enableBatching,
  batch_size: batchSize(INVOKE_REWARD_ACTION_MAX_BATCH_SIZE),
  batch_keys
}
