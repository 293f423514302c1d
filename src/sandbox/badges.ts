import { randomUUID } from 'crypto'
import { idFor, uuidFrom } from './derived-ids'

/** A badge a user earns once, when their balance of a reward item first reaches the threshold. */
export interface Badge {
  badge_title: string
  reward_item: string
  threshold: number
  description?: string
  image_url?: string
}

/** The body of PUT /_sandbox/badges. */
export const badgesSchema = {
  type: 'array',
  maxItems: 1000,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['badge_title', 'reward_item', 'threshold'],
    properties: {
      badge_title: { type: 'string', minLength: 1 },
      reward_item: { type: 'string', minLength: 1 },
      threshold: { type: 'integer', minimum: 1 },
      description: { type: 'string' },
      image_url: { type: 'string' }
    }
  }
}

/** One badge earned by one profile. */
export interface EarnedBadge {
  id: string
  badgeId: string
  badge: Badge
  profileId: string
}

export const badgeId = (badge: Badge) => idFor('badge', badge.badge_title)

/** The badges table and who earned what. */
export class Badges {
  private table: readonly Badge[] = []
  private readonly earned = new Set<string>()
  // Earned badge IDs differ from one table of earners to the next (a reset starts one), as transaction IDs do.
  private readonly run = randomUUID()

  get list(): readonly Badge[] {
    return this.table
  }

  set list(badges: readonly Badge[]) {
    this.table = badges.map(({ badge_title, reward_item, threshold, description, image_url }) => ({
      badge_title,
      reward_item,
      threshold,
      ...(description !== undefined && { description }),
      ...(image_url !== undefined && { image_url })
    }))
  }

  /** The badges a profile earns now that its balance of the reward item is `balance`; each only once. */
  award(profileId: string, rewardItem: string, balance: number): EarnedBadge[] {
    const awarded: EarnedBadge[] = []
    for (const badge of this.table) {
      if (badge.reward_item !== rewardItem || balance < badge.threshold) {
        continue
      }
      const id = badgeId(badge)
      const key = `${id}:${profileId}`
      if (!this.earned.has(key)) {
        this.earned.add(key)
        awarded.push({ id: uuidFrom(`${this.run}:${key}`), badgeId: id, badge, profileId })
      }
    }
    return awarded
  }
}
