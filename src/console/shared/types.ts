/** The console's JSON, as the server sends it and the page reads it. */

/** Where one event stands for one subscription (or for none), in Segment's Delivery Overview words. */
export type Stage = 'in-flight' | 'pending-retry' | 'delivered' | 'failed' | 'filtered'

/** Why an event failed or was filtered. */
export type Reason = 'validation' | 'refused' | 'retries-exhausted' | 'no-subscription' | 'loop'

export interface ExchangeView {
  request: { method: string; url: string; headers: Record<string, string>; body: string }
  response: { status: number; statusText: string; headers: Record<string, string>; body: string }
}

export interface AttemptView {
  number: number
  /** ISO time the attempt's result came back. */
  at: string
  /** Wait before this attempt (0 for the first). */
  waitedMs: number
  ok: boolean
  status: number
  retryable: boolean
  message?: string
  /** Delivered with nothing new granted: LiveLike had granted for this event's code before (Invoke Reward Action). */
  alreadyGranted?: true
  /** LiveLike's Retry-After on this attempt's answer. */
  retryAfter?: string
  /** Indexes into the event's `exchanges`: the requests of this attempt that carried this event; none when none did. */
  exchanges: number[]
}

export interface FateView {
  /** Undefined when no subscription matched the event. */
  subscription?: string
  action?: string
  stage: Stage
  reason?: Reason
  status: number
  message?: string
  /** Delivered as already granted: LiveLike had granted for this event's code before (Invoke Reward Action). */
  alreadyGranted?: true
  attempts: AttemptView[]
}

/** One row of the event stream. */
export interface EventSummary {
  /** Position in the history, increasing; the stream is newest first. */
  seq: number
  messageId: string
  source: string
  receivedAt: string
  type: string
  /** The track's event or the page/screen's name. */
  name?: string
  user?: string
  /** The worst stage among the event's fates. */
  stage: Stage
  reason?: Reason
  /** Every subscription has reached its final stage. */
  settled: boolean
  attempts: number
  /** A subscription delivered it as already granted: LiveLike had granted for its code before. */
  alreadyGranted?: true
}

export interface EventDetail extends EventSummary {
  event: Record<string, unknown>
  fates: FateView[]
  exchanges: ExchangeView[]
}

export interface EventPage {
  /** Events in the history matching the filter. */
  total: number
  /** Events the history holds at most; older ones are forgotten. */
  capacity: number
  /** The number of the newest event in the history, whatever the filter. */
  newest: number
  offset: number
  events: EventSummary[]
}

/** Counts of (event, subscription) pairs; an event no subscription matched counts once, as filtered. */
export interface StageCounts {
  delivered: number
  pendingRetry: number
  failed: { validation: number; refused: number; retriesExhausted: number }
  filtered: { noSubscription: number; loop: number }
}

export interface Counts extends StageCounts {
  /** Events received, by source write key. */
  received: Record<string, number>
  /** Events received and not yet through every subscription. */
  inFlight: number
  subscriptions: Record<string, StageCounts>
}

export interface RateSeries {
  /** Unix seconds of the first bucket. */
  start: number
  /** Events received per second, oldest first. */
  received: number[]
  /** Deliveries (delivered) per second. */
  delivered: number[]
  /** Failures (failed) per second. */
  failed: number[]
}

export interface Overview {
  counts: Counts
  rate: RateSeries
}

export interface SubscriptionView {
  name: string
  subscribe: string
  partnerAction: string
  mapping: Record<string, unknown>
}

/** What the page needs once, at load. */
export interface ConsoleInfo {
  subscriptions: SubscriptionView[]
  /** False with --live: no sandbox to show. */
  sandbox: boolean
}

/** One server-sent update: latest counts, or the summaries of events that appeared or changed since the last one. */
export type LiveMessage =
  { kind: 'overview'; overview: Overview } | { kind: 'events'; events: EventSummary[] } | { kind: 'gap' }

/** The LiveLike panel: what the sandbox recorded and granted, its rules and faults (latest or largest entries only). */
export interface LiveLikeView {
  stats: Record<string, unknown>
  /** Users the sandbox recorded events for. */
  users: number
  /** The users with the largest balances. */
  balances: { user: string; items: Record<string, number> }[]
  grantsTotal: number
  /** Newest first. */
  grants: {
    user: string
    event_name: string
    message_id: string | null
    reward_item: string
    amount: number
    created_at: string
  }[]
  /** The latest LiveLike events recorded, newest first. */
  records: Record<string, unknown>[]
  rules: { event_name: string; reward_item: string; amount: number }[]
  faults: Record<string, number>
  userGroups: { audience: string; size: number; members: string[] }[]
  /** The reward engine: items, actions, programs with their tables and entries (GET /_sandbox/engine). */
  engine: EngineView
  /** The latest invocations with their outcome, newest first (GET /_sandbox/invocations). */
  invocations: InvocationView[]
}

export interface RateLimitView {
  is_enabled: boolean
  unit: string
  frequency: number
}

export interface RewardLimitView {
  is_enabled: boolean
  action_limit_count: number
  duration: string
  timezone: string
}

export interface EntryView {
  id: string
  action: string
  reward_item_id: string
  reward_item_name: string
  reward_item_amount: number
  rate_limit: RateLimitView | null
  reward_limit: RewardLimitView | null
}

export interface TableView {
  id: string
  name: string
  entries: EntryView[]
}

export interface EngineView {
  items: { id: string; name: string }[]
  actions: { key: string; name: string; type: string }[]
  programs: { id: string; title: string; status: string; tables: TableView[] }[]
  unlinked_tables: TableView[]
}

export interface InvocationView {
  at: string
  program_id: string
  profile_id: string | null
  reward_action_key: string
  code: string | null
  outcome: string
  detail: string | null
  invoked_action_id: string | null
  rewards: { reward_item_name: string; reward_item_amount: number }[]
  limited: { reward_table_entry_id: string; limit: string }[]
}

/** What POST /events answers, one per event and subscription (the runtime's DeliveryOutcome). */
export interface DeliveryOutcomeView {
  messageId?: string
  subscription?: string
  action?: string
  ok: boolean
  status: number
  retryable: boolean
  message?: string
  attempts: number
}
