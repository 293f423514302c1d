import type { JsonObject } from './identity'
import { firstIdentity, MEMBER_IDENTITY_KEYS } from './identity'

/** LiveLike's profile groups, one per Segment audience ID, changed by segment-audience-sync items. */
export class UserGroups {
  private readonly groups = new Map<string, Set<string>>()

  /** Applies validated items in order: action true adds the member, false removes it. */
  apply(items: JsonObject[]): void {
    for (const item of items) {
      const audienceId = item.audience_id as string
      const member = firstIdentity(item, MEMBER_IDENTITY_KEYS) as string
      let group = this.groups.get(audienceId)
      if (!group) {
        group = new Set()
        this.groups.set(audienceId, group)
      }
      if (item.action === true) {
        group.add(member)
      } else {
        group.delete(member)
      }
    }
  }

  /** {audience_id: [members]}; a group whose members were all removed stays, empty. */
  toJSON(): Record<string, string[]> {
    return Object.fromEntries([...this.groups].map(([audienceId, members]) => [audienceId, [...members]]))
  }
}
