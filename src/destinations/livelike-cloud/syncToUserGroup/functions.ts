import { PayloadValidationError } from '@segment/actions-core'
import { nonBlank, withoutUndefined } from '../compact'
import { toIsoTimestamp } from '../timestamps'
import { timestamp } from './fields'
import type { Payload } from './generated-types'
import type { UserGroupItem } from './types'

const MISSING_IDENTITY =
  'The audience update has no user LiveLike can place: map at least one of the fields User ID (user_id), ' +
  'LiveLike User Profile ID (additional_user_traits.livelike_profile_id) or Email (additional_user_traits.email).'

function asMembership(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value
  }
  if (value === 'true' || value === 'false') {
    return value === 'true'
  }
  return undefined
}

function membership(payload: Payload): boolean {
  const explicit = asMembership(payload.action)
  if (explicit !== undefined) {
    return explicit
  }
  const engage = asMembership(payload.traits_or_properties_hidden?.[payload.audience_name])
  if (engage !== undefined) {
    return engage
  }
  throw new PayloadValidationError(
    `Cannot tell whether to add or remove the user: the Action field is empty and the event has no true or false ` +
      `under "${payload.audience_name}" in its traits or properties. For an Engage audience, keep the default ` +
      'mappings of Segment Audience ID and Segment Audience Name; otherwise set Action to true (add) or false (remove).'
  )
}

/** Validates a mapped payload and builds the LiveLike user group item; computed keys win over same-named traits. */
export function toUserGroupItem(payload: Payload): UserGroupItem {
  const traits = withoutUndefined({
    ...payload.additional_user_traits,
    livelike_profile_id: nonBlank(payload.additional_user_traits?.livelike_profile_id),
    email: nonBlank(payload.additional_user_traits?.email)
  })
  const userId = nonBlank(payload.user_id)
  if (!userId && !traits.livelike_profile_id && !traits.email) {
    throw new PayloadValidationError(MISSING_IDENTITY)
  }
  const computed = {
    audience_id: payload.audience_id,
    audience_name: payload.audience_name,
    action: membership(payload),
    timestamp: toIsoTimestamp(payload.timestamp, { key: 'timestamp', label: timestamp.label }),
    user_id: userId
  }
  return withoutUndefined({ ...traits, ...computed })
}
