import { uuidFrom } from './derived-ids'
import { EVENT_IDENTITY_KEYS } from './identity'
import type { JsonObject } from './identity'

type IdentityKey = (typeof EVENT_IDENTITY_KEYS)[number]

/** The profile ID the sandbox gives a user known only by this custom_id or segment_user_id. */
export const profileIdFor = (key: Exclude<IdentityKey, 'livelike_profile_id'>, value: string) =>
  uuidFrom(`${key}:${value}`)

/**
 * The LiveLike profile ID of a validated event's user: its livelike_profile_id, else one derived from its custom_id,
 * else from its segment_user_id (LiveLike gives every user a profile with a UUID). The same in every run.
 */
export function profileIdOf(event: JsonObject): string {
  const key = EVENT_IDENTITY_KEYS.find((name) => typeof event[name] === 'string' && event[name] !== '') as IdentityKey
  const value = event[key] as string
  return key === 'livelike_profile_id' ? value : profileIdFor(key, value)
}
