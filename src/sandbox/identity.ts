/** The keys that identify the user of a LiveLike event, in the order LiveLike reads them. */
export const EVENT_IDENTITY_KEYS = ['livelike_profile_id', 'custom_id', 'segment_user_id'] as const

/** The keys that identify the member of a profile group in an audience sync item, in order. */
export const MEMBER_IDENTITY_KEYS = ['user_id', 'livelike_profile_id', 'email'] as const

export type JsonObject = Record<string, unknown>

/** The first of the keys whose value is a non-empty string. */
export function firstIdentity(item: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = item[key]
    if (typeof value === 'string' && value !== '') {
      return value
    }
  }
  return undefined
}
