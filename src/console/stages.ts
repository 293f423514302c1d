import type { AttemptReport, DeliveryOutcome } from '../runtime'
import type { Reason, Stage, StageCounts } from './shared/types'

export interface Classified {
  stage: Stage
  reason?: Reason
}

/** What a final outcome means in Delivery Overview terms. `answered` is true when LiveLike answered with its status. */
export function classifyFinal(outcome: DeliveryOutcome, answered: boolean): Classified {
  if (outcome.loop?.stopped) {
    return { stage: 'filtered', reason: 'loop' }
  }
  if (outcome.subscription === undefined) {
    return { stage: 'filtered', reason: 'no-subscription' }
  }
  if (outcome.ok) {
    return { stage: 'delivered' }
  }
  if (outcome.retryable) {
    return { stage: 'failed', reason: 'retries-exhausted' }
  }
  return { stage: 'failed', reason: answered ? 'refused' : 'validation' }
}

/** The stage an attempt leaves its event in for its subscription. */
export function classifyAttempt(report: AttemptReport): Classified {
  if (!report.final) {
    return { stage: 'pending-retry' }
  }
  const answered = report.exchanges.some((exchange) => exchange.response.status === report.outcome.status)
  return classifyFinal(report.outcome, answered)
}

// Worst first: an event shows the stage of its least advanced or least successful subscription.
const SEVERITY: Stage[] = ['in-flight', 'pending-retry', 'failed', 'delivered', 'filtered']

export function worstStage(stages: Stage[]): Stage {
  return SEVERITY.find((stage) => stages.includes(stage)) ?? 'in-flight'
}

export function emptyStageCounts(): StageCounts {
  return {
    delivered: 0,
    pendingRetry: 0,
    failed: { validation: 0, refused: 0, retriesExhausted: 0 },
    filtered: { noSubscription: 0, loop: 0 }
  }
}

/** Adds `by` (1 or -1) to the counter of a stage. */
export function count(counts: StageCounts, { stage, reason }: Classified, by: number): void {
  switch (stage) {
    case 'delivered':
      counts.delivered += by
      break
    case 'pending-retry':
      counts.pendingRetry += by
      break
    case 'in-flight':
      break
    case 'failed':
      if (reason === 'refused') counts.failed.refused += by
      else if (reason === 'retries-exhausted') counts.failed.retriesExhausted += by
      else counts.failed.validation += by
      break
    case 'filtered':
      if (reason === 'loop') counts.filtered.loop += by
      else counts.filtered.noSubscription += by
      break
  }
}
