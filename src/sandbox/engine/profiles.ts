import type { JsonObject } from '../identity'
import { profileIdFor, profileIdOf } from '../profile-ids'

export interface Profile {
  id: string
  customId: string | null
  nickname: string | null
  createdAt: string
}

/**
 * The application's profiles: those created by custom ID, and every user an event or an invocation named. A custom
 * ID's profile ID is derived from it, the one its events have always counted for, so both ways in reach the same
 * balance, and the one map by ID finds a profile by custom ID too.
 */
export class Profiles {
  private readonly byId = new Map<string, Profile>()

  get(id: string): Profile | undefined {
    return this.byId.get(id)
  }

  withCustomId(customId: string): Profile | undefined {
    const profile = this.byId.get(profileIdFor('custom_id', customId))
    return profile?.customId === customId ? profile : undefined
  }

  /** A new profile for the custom ID, or undefined when it has one already. */
  create(customId: string, nickname: string | null, createdAt: string): Profile | undefined {
    return this.withCustomId(customId)
      ? undefined
      : this.add(profileIdFor('custom_id', customId), customId, nickname, createdAt)
  }

  /** The custom ID's profile, made on first sight. */
  ensureCustomId(customId: string, createdAt: string): Profile {
    return this.withCustomId(customId) ?? this.add(profileIdFor('custom_id', customId), customId, null, createdAt)
  }

  /** The profile ID of a validated event's user, its profile made on first sight. */
  seenInEvent(event: JsonObject, createdAt: string): string {
    const customId = event.custom_id
    if (!event.livelike_profile_id && typeof customId === 'string' && customId) {
      return this.ensureCustomId(customId, createdAt).id
    }
    const id = profileIdOf(event)
    return (this.byId.get(id) ?? this.add(id, null, null, createdAt)).id
  }

  private add(id: string, customId: string | null, nickname: string | null, createdAt: string): Profile {
    const profile = { id, customId, nickname, createdAt }
    this.byId.set(id, profile)
    return profile
  }
}
