import { isAlreadyUsed } from '../destinations/livelike-cloud/invokeRewardAction/outcomes'

/** The action whose results can say that LiveLike had granted for an event's code before. */
const INVOKE_REWARD_ACTION = 'invokeRewardAction'

function reasonsOf(update: object): unknown[] {
  const { reason, reward_actions: actions } = update as { reason?: unknown; reward_actions?: unknown }
  const actionReasons = Array.isArray(actions) ? actions.map((action) => (action as { reason?: unknown })?.reason) : []
  return [reason, ...actionReasons]
}

/**
 * Whether the destination's result for one delivered event says that nothing new was granted because LiveLike had
 * granted for its code before. Single: Invoke Reward Action returns `alreadyGranted` for LiveLike's 409 `code already
 * used.` Batch: the event's own update of LiveLike's answer has that reason, or LiveLike's `{detail}` refused the whole
 * request for it.
 */
export function wasAlreadyGranted(action: string, batched: boolean, answer: unknown): boolean {
  if (action !== INVOKE_REWARD_ACTION || typeof answer !== 'object' || answer === null) {
    return false
  }
  if (!batched) {
    return (answer as { alreadyGranted?: unknown }).alreadyGranted === true
  }
  return isAlreadyUsed((answer as { detail?: unknown }).detail) || reasonsOf(answer).some(isAlreadyUsed)
}
