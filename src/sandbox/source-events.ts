import type { EarnedBadge } from './badges'
import type { JsonObject } from './identity'
import { profileIdOf } from './profile-ids'
import { rewardItemId } from './reward-views'
import type { SandboxState } from './state'

/**
 * What one newly recorded event earns: grants by the reward table, the badges those grants reach, and the calls of
 * LiveLike's Segment source that report them (one Reward Item Rewarded per reward transaction, then one Badge
 * Rewarded per badge), keys as LiveLike's and Segment's pages list them. Each messageId comes from what caused the
 * call, so that a resend is recognised downstream.
 */
export function settleRewards(state: SandboxState, event: JsonObject, createdAt: string): void {
  const profileId = profileIdOf(event)
  const messageId = typeof event.message_id === 'string' && event.message_id ? event.message_id : undefined
  const grants = state.rewards.grant(profileId, event.event_name as string, messageId, createdAt)
  const source = state.source
  const userId = typeof event.segment_user_id === 'string' && event.segment_user_id ? event.segment_user_id : undefined
  const causedBy = messageId
  for (const { grant, balance } of grants) {
    const earned = state.badges.award(profileId, grant.rewardItem, balance)
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
        reward_item_id: rewardItemId(grant.rewardItem),
        reward_item_name: grant.rewardItem,
        reward_item_amount: grant.amount,
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
