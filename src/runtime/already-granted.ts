import { isAlreadyUsed, wasAlreadyGranted } from '../destinations/livelike-cloud/invokeRewardAction/outcomes'
import type { BatchUpdateResult } from '../destinations/livelike-cloud/invokeRewardAction/types'

/** A single event's result: Invoke Reward Action returns `alreadyGranted` when LiveLike answered 409 `code already used.` */
export function alreadyGrantedSingle(data: unknown): boolean {
  return (data as { alreadyGranted?: unknown } | undefined)?.alreadyGranted === true
}

/**
 * A batch event's success body: its own update of LiveLike's answer, whose reason is `code already used.`, or
 * LiveLike's `{detail}` when it refused the whole request for that reason.
 */
export function alreadyGrantedInBatch(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) {
    return false
  }
  const { detail } = body as { detail?: unknown }
  return isAlreadyUsed(detail) || wasAlreadyGranted(body as BatchUpdateResult)
}
