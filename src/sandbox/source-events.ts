import type { EarnedBadge } from './badges'
import type { JsonObject } from './identity'
import { rewardItemId } from './reward-views'
import type { NewGrant } from './rewards'
import type { SandboxState } from './state'

/**
 * What one newly recorded event earns: grants by the reward engine, the badges those grants reach, and the calls of
 * LiveLike's Segment source that report them (one Reward Item Rewarded per reward transaction, then one Badge
 * Rewarded per badge), keys as LiveLike's and Segment's pages list them. Each messageId comes from what caused the
 * call, so that a resend is recognised downstream.
 */
export function settleRewards(state: SandboxState, event: JsonObject, at: Date, createdAt: string): void {
  const { profileId, granted } = state.rewards.rewardEvent(event, at, createdAt)
  const userId = typeof event.segment_user_id === 'string' && event.segment_user_id ? event.segment_user_id : undefined
  const causedBy = typeof event.message_id === 'string' && event.message_id ? event.message_id : undefined
  reportGrants(state, profileId, granted, { userId, causedBy })
}

/**
 * The badges grants reach and the source's calls that report them, whichever way the grants came in: userId is the
 * user's Segment user ID when known, causedBy what caused them (an event's message_id, an invocation's ID).
 */
export function reportGrants(
  state: SandboxState,
  profileId: string,
  granted: readonly NewGrant[],
  { userId, causedBy }: { userId: string | undefined; causedBy: string | undefined }
): void {
  const source = state.source
  for (const { grant, balance } of granted) {
    const earned = state.badges.award(profileId, grant.entry.item.name, balance)
    if (!source) {
      continue
    }
    const transactionId = state.rewards.transactionId(grant)
    source.track({
      event: 'Reward Item Rewarded',
      messageId: `livelike-reward-item-rewarded-${transactionId}`,
      userId,
      causedBy,
      timestamp: grant.createdAt,
      properties: {
        livelike_profile_id: profileId,
        reward_item_id: grant.entry.item.id,
        reward_item_name: grant.entry.item.name,
        reward_item_amount: grant.entry.amount,
        reward_item_balance: balance,
        reward_item_transaction_id: transactionId
      }
    })
    for (const badge of earned) {
      source.track({
        event: 'Badge Rewarded',
        messageId: `livelike-badge-rewarded-${badge.id}`,
        userId,
        causedBy,
        timestamp: grant.createdAt,
        properties: badgeProperties(badge)
      })
    }
  }
}

function badgeProperties({ id, badgeId, badge, profileId }: EarnedBadge) {
  return {
    livelike_profile_id: profileId,
    badge_id: badgeId,
    badge_title: badge.badge_title,
    description: badge.description ?? '',
    earned_badge_id: id,
    image_url: badge.image_url ?? null,
    reward_item_id: rewardItemId(badge.reward_item),
    reward_item_name: badge.reward_item,
    reward_item_threshold: badge.threshold,
    source: 'reward_transaction'
  }
}
