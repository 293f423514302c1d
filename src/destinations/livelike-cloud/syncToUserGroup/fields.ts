import type { InputField } from '@segment/actions-core'
import { batchSize, enableBatching } from '../batch-fields'

export const SYNC_MAX_BATCH_SIZE = 500

const traitElseProperty = (key: string) => ({
  '@if': {
    exists: { '@path': `$.traits.${key}` },
    then: { '@path': `$.traits.${key}` },
    else: { '@path': `$.properties.${key}` }
  }
})

export const audience_id: InputField = {
  label: 'Segment Audience ID',
  description: 'The ID of the Engage audience. LiveLike keeps one user group per audience.',
  type: 'string',
  required: true,
  default: { '@path': '$.context.personas.computation_id' }
}

export const audience_name: InputField = {
  label: 'Segment Audience Name',
  description: 'The key of the Engage audience; LiveLike names the user group after it.',
  type: 'string',
  required: true,
  default: { '@path': '$.context.personas.computation_key' }
}

export const action: InputField = {
  label: 'Action',
  description:
    'Whether to add the user to the user group (true) or remove them from it (false). Leave it empty for an Engage audience: Engage says it in the event.',
  type: 'boolean'
}

export const timestamp: InputField = {
  label: 'Timestamp',
  description: 'When the user entered or left the audience. LiveLike receives it in ISO 8601, in UTC.',
  type: 'string',
  required: true,
  default: { '@path': '$.timestamp' }
}

export const user_id: InputField = {
  label: 'User ID',
  description:
    'Your Segment user ID for the user. At least one of User ID, LiveLike User Profile ID and Email is required.',
  type: 'string',
  default: { '@path': '$.userId' }
}

export const additional_user_traits: InputField = {
  label: 'Additional User Traits',
  description:
    'Traits sent to LiveLike with the user, such as their LiveLike User Profile ID and Email. They never replace the audience, action, timestamp or user ID.',
  type: 'object',
  defaultObjectUI: 'keyvalue:only',
  additionalProperties: true,
  properties: {
    livelike_profile_id: {
      label: 'LiveLike User Profile ID',
      description: "The user's LiveLike profile ID.",
      type: 'string'
    },
    email: {
      label: 'Email',
      description: "The user's email address.",
      type: 'string'
    }
  },
  default: {
    livelike_profile_id: traitElseProperty('livelike_profile_id'),
    email: traitElseProperty('email')
  }
}

export const traits_or_properties_hidden: InputField = {
  label: 'Traits or Properties',
  description:
    "The event's traits, else its properties. Engage puts the audience membership there, as a boolean under the audience key.",
  type: 'object',
  unsafe_hidden: true,
  default: {
    '@if': {
      exists: { '@path': '$.traits' },
      then: { '@path': '$.traits' },
      else: { '@path': '$.properties' }
    }
  }
}

export const fields: Record<string, InputField> = {
  audience_id,
  audience_name,
  action,
  timestamp,
  user_id,
  additional_user_traits,
  traits_or_properties_hidden,
  enable_batching: enableBatching,
  batch_size: batchSize(SYNC_MAX_BATCH_SIZE)
}
