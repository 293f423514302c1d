import type { DeliveryOutcome, Runner, SegmentEvent } from '../runtime'

export interface DeliveryQueueOptions {
  runner: Runner
  /** Events handed to the runner at once: at least the largest Batch Size, so that batches fill. */
  flushAt: number
  /** How long a partial batch waits for company before it goes. */
  lingerMs: number
  /** Runner calls in flight at once. */
  concurrency: number
  /** Outcomes kept for GET /_deliveries. */
  keep: number
  onOutcomes?: (outcomes: DeliveryOutcome[]) => void
  onError?: (error: unknown) => void
}

/**
 * Segment's pipeline in small: accepted events wait here until a batch fills or lingers long enough, then go through
 * the runner (which batches per subscription and retries); the latest outcomes are kept for inspection.
 */
export class DeliveryQueue {
  private pending: SegmentEvent[] = []
  // The write key each pending event came with, in step with `pending`.
  private sources: (string | undefined)[] = []
  private readonly inFlight = new Set<Promise<void>>()
  private timer: NodeJS.Timeout | undefined
  private readonly latest: DeliveryOutcome[] = []
  private delivered = 0

  constructor(private readonly options: DeliveryQueueOptions) {}

  /** Queues events accepted under one write key (`source`), when there was one. */
  push(events: SegmentEvent[], source?: string): void {
    this.pending.push(...events)
    this.sources.push(...events.map(() => source))
    if (this.pending.length >= this.options.flushAt) {
      this.flush()
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.lingerMs)
    }
  }

  /** The latest outcomes, newest last, and how many outcomes there have been in all. */
  recent(limit: number): { total: number; outcomes: DeliveryOutcome[] } {
    return { total: this.delivered, outcomes: this.latest.slice(-limit) }
  }

  /** Events accepted and not yet through the runner. */
  get backlog(): number {
    return this.pending.length
  }

  /** Delivers everything pending, lingering no more, and resolves when the runner is done with all of it. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.inFlight.size > 0) {
      this.flush()
      await Promise.race(this.inFlight)
    }
  }

  private flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    while (this.pending.length > 0 && this.inFlight.size < this.options.concurrency) {
      this.start(this.pending.splice(0, this.options.flushAt), this.sources.splice(0, this.options.flushAt))
    }
  }

  private start(events: SegmentEvent[], sources: (string | undefined)[]): void {
    const run = this.options.runner
      .deliver(events, sources)
      .then((outcomes) => this.record(outcomes))
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.inFlight.delete(run)
        if (this.pending.length > 0) {
          this.flush()
        }
      })
    this.inFlight.add(run)
  }

  private record(outcomes: DeliveryOutcome[]): void {
    this.delivered += outcomes.length
    this.latest.push(...outcomes)
    this.latest.splice(0, Math.max(0, this.latest.length - this.options.keep))
    this.options.onOutcomes?.(outcomes)
  }
}
