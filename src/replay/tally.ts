import type { SegmentEvent } from '@segment/actions-core'
import type { DeliveryOutcome } from '../runtime'
import { fateOf } from './fate'
import type { Fate } from './fate'
import type { MalformedItem, SourceEvent } from './read-events'
import { ReasonCounter } from './reasons'

const MAX_MALFORMED_KEPT = 100

/** Running counts of a replay; holds no event once its fate is counted. */
export class Tally {
  read = 0
  events = 0
  delivered = 0
  /** Of the delivered: those an Invoke Reward Action subscription found already granted (their code used before). */
  alreadyGranted = 0
  unmatched = 0
  retried = 0
  readonly malformed: MalformedItem[] = []
  malformedCount = 0
  readonly validation = new ReasonCounter()
  readonly refused = new ReasonCounter()
  readonly retryExhausted = new ReasonCounter()

  get rejected(): number {
    return this.malformedCount + this.validation.total + this.refused.total
  }

  get undelivered(): number {
    return this.retryExhausted.total
  }

  get settled(): number {
    return this.delivered + this.rejected + this.unmatched + this.undelivered
  }

  addMalformed(item: MalformedItem): void {
    this.read++
    this.malformedCount++
    if (this.malformed.length < MAX_MALFORMED_KEPT) {
      this.malformed.push(item)
    }
  }

  addRead(): void {
    this.read++
    this.events++
  }

  /** Counts one chunk's outcomes; returns the events a later run should try again. */
  addOutcomes(chunk: SourceEvent[], outcomes: DeliveryOutcome[]): SegmentEvent[] {
    const byMessageId = new Map<string | undefined, DeliveryOutcome[]>()
    for (const outcome of outcomes) {
      byMessageId.set(outcome.messageId, [...(byMessageId.get(outcome.messageId) ?? []), outcome])
    }
    const again: SegmentEvent[] = []
    for (const { event, position } of chunk) {
      const { fate, failure, retried, alreadyGranted } = fateOf(byMessageId.get(event.messageId) ?? [])
      this.retried += retried
      if (alreadyGranted) {
        this.alreadyGranted++
      }
      this.count(fate, failure, position)
      if (fate === 'undelivered' || fate === 'refused') {
        again.push(event)
      }
    }
    return again
  }

  private count(fate: Fate, failure: DeliveryOutcome | undefined, position: number): void {
    const message = failure?.message ?? `Status ${failure?.status} without a message.`
    switch (fate) {
      case 'delivered':
        this.delivered++
        break
      case 'unmatched':
        this.unmatched++
        break
      case 'validation':
        this.validation.add(message, position)
        break
      case 'refused':
        this.refused.add(message, position)
        break
      case 'undelivered':
        this.retryExhausted.add(message, position)
        break
    }
  }
}
