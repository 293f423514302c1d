import { PayloadValidationError } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import { nonBlank, withoutUndefined } from '../compact'
import type { Payload } from './generated-types'
import type { Attribute, BatchInvocation, BatchUpdate, IdentityField, Invocation } from './types'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function required(value: string | undefined, label: string, key: string): string {
  const text = nonBlank(value)
  if (!text) {
    throw new PayloadValidationError(`The ${label} field (${key}) is blank: pick a value for it in the mapping.`)
  }
  return text.trim()
}

function identityOf(payload: Payload): Pick<Invocation, IdentityField> {
  const profileId = nonBlank(payload.profile_id)?.trim()
  if (profileId) {
    if (!UUID.test(profileId)) {
      throw new PayloadValidationError(
        'The LiveLike Profile ID field (profile_id) is not a LiveLike profile ID, which is a UUID such as 3f1c9a2e-7b5d-4e8a-9c61-2d4f8b0a7e13. Map it to the property that holds the LiveLike profile ID, or leave it empty and map Custom Profile ID (custom_profile_id) instead.'
      )
    }
    return { profile_id: profileId }
  }
  const customProfileId = nonBlank(payload.custom_profile_id)
  if (!customProfileId) {
    throw new PayloadValidationError(
      'The event has no LiveLike identity: map LiveLike Profile ID (profile_id) or Custom Profile ID (custom_profile_id). Send `livelike_profile_id` in the event properties, or identify the user so that the event carries a `userId`.'
    )
  }
  return { custom_profile_id: customProfileId }
}

function attributesOf(attributes: Payload['attributes']): Attribute[] | undefined {
  if (!attributes) {
    return undefined
  }
  const pairs: Attribute[] = []
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === '') {
      continue
    }
    if (typeof value === 'object') {
      throw new PayloadValidationError(
        `The Attributes field (attributes) has a list or object under "${key}": LiveLike keeps text values only. Map "${key}" to a text, number or true/false value.`
      )
    }
    pairs.push({ key, value: String(value) })
  }
  return pairs.length > 0 ? pairs : undefined
}

// The raw event is whatever the source sent: only a string messageId can stand in.
const rawMessageId = (event: SegmentEvent | undefined) =>
  typeof event?.messageId === 'string' ? nonBlank(event.messageId) : undefined

/**
 * Validates a mapped payload and builds the invocation LiveLike receives, with only the keys that have values. When
 * the mapped code is blank (an event without the order ID it is mapped to, say), the raw event's messageId stands in:
 * without a code LiveLike would grant again on every retry.
 */
export function toInvocation(payload: Payload, event?: SegmentEvent): Invocation {
  return withoutUndefined<Invocation>({
    program_id: required(payload.program_id, 'Program', 'program_id'),
    reward_action_key: required(payload.reward_action_key, 'Reward Action', 'reward_action_key'),
    ...identityOf(payload),
    code: nonBlank(payload.code) ?? rawMessageId(event),
    attributes: attributesOf(payload.attributes),
    description: nonBlank(payload.description)
  })
}

/** The identity field an invocation carries. */
export function identityFieldOf(invocation: Pick<Invocation, IdentityField>): IdentityField {
  return invocation.profile_id ? 'profile_id' : 'custom_profile_id'
}

/** One invocation as an update of the batch endpoint (which has no description). */
export function toBatchUpdate(invocation: Invocation): BatchUpdate {
  return withoutUndefined<BatchUpdate>({
    profile_id: invocation.profile_id,
    custom_profile_id: invocation.custom_profile_id,
    code: invocation.code,
    reward_actions: [
      withoutUndefined({ reward_action_key: invocation.reward_action_key, attributes: invocation.attributes })
    ]
  })
}

/** The batch body: batch_keys makes every invocation of a batch share one program. */
export function toBatchInvocation(programId: string, invocations: Invocation[]): BatchInvocation {
  return { program_id: programId, updates: invocations.map(toBatchUpdate) }
}
