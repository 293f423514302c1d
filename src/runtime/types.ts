import type { SegmentEvent } from '@segment/actions-core'

export type { SegmentEvent }

/** A saved mapping, as Segment stores one per action in a destination's configuration. */
export interface Subscription {
  name: string
  /** FQL, for example `type = "track"`. */
  subscribe: string
  partnerAction: string
  mapping: Record<string, unknown>
  /** False keeps the subscription without delivering through it; absent means on. */
  enabled?: boolean
}

/** The final fate of one event for one subscription (or for none, when no subscription matched it). */
export interface DeliveryOutcome {
  messageId?: string
  /** Subscription name; undefined when no subscription matched the event. */
  subscription?: string
  /** The subscription's partnerAction. */
  action?: string
  ok: boolean
  /** 2xx when ok; 400 for validation; LiveLike's status; 0 when no subscription matched. */
  status: number
  /** The last failure was retryable, so a later run may deliver it. */
  retryable: boolean
  /** Never holds the Producer Token. */
  message?: string
  /** Delivered, with nothing new granted: LiveLike had granted for this code before (Invoke Reward Action). */
  alreadyGranted?: true
  /** Calls made for this event (1 when it succeeded first time). */
  attempts: number
  /** The write key of the source the event came from, when the caller said. */
  source?: string
  /** A loop through LiveLike's own source: this event's hop in its chain, and whether it was stopped. */
  loop?: { hop: number; stopped: boolean }
}

export interface Backoff {
  baseMs: number
  maxMs: number
}

export interface RunnerOptions {
  settings: { clientId: string; producerToken: string }
  /** Default: the destination's automatic presets. */
  subscriptions?: Subscription[]
  /** Extra attempts for retryable outcomes; default 3. */
  retries?: number
  /** Exponential with full jitter; a wait LiveLike asked for wins when longer. */
  backoff?: Backoff
  /** Every attempt's outcome, including those that are retried. */
  onAttempt?: (outcome: DeliveryOutcome) => void
  /** Guards against the reward loop through LiveLike's own source; no guard when absent. */
  loops?: LoopOptions
}

export interface LoopOptions {
  /** The write key LiveLike's source sends with: its events that a subscription would send back to LiveLike loop. */
  sourceWriteKey: string
  /**
   * The context key under which the source notes, on each of its calls, the messageId of the event that earned it
   * (`{ caused_by }`), as the sandbox's source does. Without it, each of the source's events starts a chain of its own.
   */
  causeContext?: string
  /** Deliver them anyway, as production would, but end each chain after this many hops. Default: stop them all. */
  allowHops?: number
  /** The first stopped and the first ended loop of each subscription, for one warning. */
  onLoop?: (outcome: DeliveryOutcome) => void
}

export interface Runner {
  /**
   * Matches every event against the subscriptions, batches per subscription, runs the destination, retries retryable
   * outcomes, and resolves with one final outcome per (event, matched subscription) plus one `status 0` outcome per
   * event no subscription matched. `sources` holds each event's write key, when known, for the loop guard.
   */
  deliver(
    events: SegmentEvent[],
    sources?: readonly (string | undefined)[],
    options?: DeliverOptions
  ): Promise<DeliveryOutcome[]>
  /** The subscriptions later deliveries use, disabled ones included. */
  subscriptions(): Subscription[]
  /**
   * Checks a new list (as a subscriptions file is checked) and, when it is good, makes it the one every later delivery
   * uses; deliveries already under way finish with the list they started with. Throws SubscriptionsError otherwise.
   */
  replaceSubscriptions(subscriptions: Subscription[]): void
  /** Tells the observer what every later delivery does, until the returned function is called. */
  observe(observer: DeliveryObserver): () => void
}

export interface DeliverOptions {
  /** Route through these subscriptions instead of the runner's own (a console testing one before it is saved). */
  through?: Subscription[]
}

/** One HTTP call the destination made and LiveLike's answer, the Producer Token redacted. */
export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string }
  response: { status: number; statusText: string; headers: Record<string, string>; body: string }
}

/** One attempt of one event for one subscription. */
export interface AttemptReport {
  event: SegmentEvent
  /** `attempts` is this attempt's number. */
  outcome: DeliveryOutcome
  /** How long the runner waited before this attempt (0 for the first). */
  waitedMs: number
  /** No attempt follows this one for this event and subscription. */
  final: boolean
  /**
   * The requests of this attempt that carried this event, and their answers; a request of a batch appears for each
   * event it carried. Empty when nothing was sent for this event, such as one refused before any request.
   */
  exchanges: Exchange[]
}

/** Watches deliveries, for a console; nothing is recorded while no observer is attached. */
export interface DeliveryObserver {
  /** Events handed to `deliver`, before any attempt, with the write keys it was given. */
  delivering?(events: SegmentEvent[], sources?: readonly (string | undefined)[]): void
  attempted?(report: AttemptReport): void
  /** What `deliver` resolves with, in event order, beside the events it was given. */
  delivered?(events: SegmentEvent[], outcomes: DeliveryOutcome[]): void
}
