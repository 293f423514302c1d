import {
  isAlreadyUsed,
  wasAlreadyGranted as updateWasAlreadyGranted
} from '../destinations/livelike-cloud/invokeRewardAction/outcomes'
import type { BatchUpdateResult } from '../destinations/livelike-cloud/invokeRewardAction/types'

/** The action whose results can say that LiveLike had granted for an event's code before. */
const INVOKE_REWARD_ACTION = 'invokeRewardAction'

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
  return isAlreadyUsed((answer as { detail?: unknown }).detail) || updateWasAlreadyGranted(answer as BatchUpdateResult)
}
