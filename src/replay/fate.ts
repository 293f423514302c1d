import type { DeliveryOutcome } from '../runtime'

/** What became of one source event across the subscriptions it matched. */
export type Fate = 'delivered' | 'validation' | 'refused' | 'undelivered' | 'unmatched'

export interface EventFate {
  fate: Fate
  /** The outcome that decided a failure. */
  failure?: DeliveryOutcome
  /** Resends after a retryable failure, over all its subscriptions. */
  retried: number
  /** Delivered, and an Invoke Reward Action subscription found its code already used: nothing new granted. */
  alreadyGranted?: true
}

// The destination words every answer it got from LiveLike this way (errors.ts); a 400 without it never left the
// destination, so it is a validation failure of the event or its mapping.
const LIVELIKE_ANSWER = /^LiveLike answered \d{3}/

function isRefusedByLiveLike(outcome: DeliveryOutcome): boolean {
  return outcome.status !== 400 || LIVELIKE_ANSWER.test(outcome.message ?? '')
}

/** Decides an event's fate from its outcomes: any failure wins over success, a retryable one over the rest. */
export function fateOf(outcomes: DeliveryOutcome[]): EventFate {
  const retried = outcomes.reduce((sum, outcome) => sum + Math.max(0, outcome.attempts - 1), 0)
  const matched = outcomes.filter((outcome) => outcome.status !== 0)
  if (matched.length === 0) {
    return { fate: 'unmatched', retried }
  }
  const failures = matched.filter((outcome) => !outcome.ok)
  const retryable = failures.find((outcome) => outcome.retryable)
  if (retryable) {
    return { fate: 'undelivered', failure: retryable, retried }
  }
  const refused = failures.find(isRefusedByLiveLike)
  if (refused) {
    return { fate: 'refused', failure: refused, retried }
  }
  if (failures.length > 0) {
    return { fate: 'validation', failure: failures[0], retried }
  }
  return matched.some((outcome) => outcome.alreadyGranted)
    ? { fate: 'delivered', retried, alreadyGranted: true }
    : { fate: 'delivered', retried }
}
