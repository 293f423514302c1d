import type { AttemptReport, DeliveryObserver, DeliveryOutcome, Exchange, SegmentEvent } from '../runtime'
import { RateWindow } from './rate'
import type { AttemptView, Counts, EventDetail, EventSummary, Overview, Stage, StageCounts } from './shared/types'
import { classifyAttempt, classifyFinal, count, emptyStageCounts, worstStage } from './stages'
import type { Classified } from './stages'

interface Fate {
  subscription?: string
  action?: string
  classified: Classified
  status: number
  message?: string
  alreadyGranted?: true
  attempts: AttemptView[]
}

interface Entry {
  seq: number
  event: SegmentEvent
  messageId: string
  source: string
  receivedAt: string
  fates: Fate[]
  exchanges: Exchange[]
  settled: boolean
}

export interface EventFilter {
  stage?: Stage
  /** Part of the event name, any case. */
  name?: string
  /** Part of the user ID, anonymous ID or LiveLike profile ID, any case. */
  user?: string
  /** Part of the messageId. */
  messageId?: string
  source?: string
}

export interface HistoryOptions {
  /** Events kept in full; counts cover every event. */
  capacity: number
}

/** The source of events handed to the runner without a write key: `POST /events`, the Event tester's route. */
export const DIRECT_SOURCE = 'POST /events'

type Waiter = (entry: Entry | undefined) => void

function nameOf(event: SegmentEvent): string | undefined {
  return event.type === 'track' ? event.event : (event.name ?? undefined)
}

function userOf(event: SegmentEvent): string | undefined {
  const profile = (event.properties as { livelike_profile_id?: unknown } | undefined)?.livelike_profile_id
  const user = event.userId ?? event.anonymousId ?? profile
  return user === undefined || user === null ? undefined : String(user)
}

function stageOf(entry: Entry): Stage {
  return entry.fates.length === 0 ? 'in-flight' : worstStage(entry.fates.map((fate) => fate.classified.stage))
}

function includes(value: string | undefined, part: string | undefined): boolean {
  return part === undefined || (value !== undefined && value.toLowerCase().includes(part.toLowerCase()))
}

/**
 * What the console shows: the latest events with their fate per subscription, every attempt and exchange, and counts
 * by stage over every event since start. Bounded: the oldest events are forgotten past `capacity`.
 */
export class DeliveryHistory {
  private entries: Entry[] = []
  private nextSeq = 1
  private readonly inFlight = new Map<SegmentEvent, Entry>()
  private readonly latestByMessageId = new Map<string, Entry>()
  private readonly waiters = new Map<string, Set<Waiter>>()
  private readonly totals = emptyStageCounts()
  private readonly perSubscription = new Map<string, StageCounts>()
  private readonly received: Record<string, number> = {}
  private readonly rate = new RateWindow()
  /** Called on every change while set (the live stream sets it while a page listens). */
  onChange: ((seq: number) => void) | undefined

  constructor(private readonly options: HistoryOptions) {}

  get capacity(): number {
    return this.options.capacity
  }

  readonly observer: DeliveryObserver = {
    delivering: (events, sources) => events.forEach((event, index) => this.receive(event, sources?.[index])),
    attempted: (report) => this.attempted(report),
    delivered: (events, outcomes) => this.delivered(events, outcomes)
  }

  overview(): Overview {
    const counts: Counts = {
      ...structuredClone(this.totals),
      received: { ...this.received },
      inFlight: this.inFlight.size,
      subscriptions: Object.fromEntries(
        [...this.perSubscription].map(([name, counts]) => [name, structuredClone(counts)])
      )
    }
    return { counts, rate: this.rate.series() }
  }

  /** Newest first, from the event numbered `until` down (so that a page scrolled down stays put as events arrive). */
  page(
    filter: EventFilter,
    offset: number,
    limit: number,
    until = Number.MAX_SAFE_INTEGER
  ): { total: number; newest: number; events: EventSummary[] } {
    const events: EventSummary[] = []
    let total = 0
    for (let index = this.entries.length - 1; index >= 0; index--) {
      const entry = this.entries[index]
      if (entry.seq <= until && this.matches(entry, filter)) {
        if (total >= offset && events.length < limit) {
          events.push(this.summary(entry))
        }
        total++
      }
    }
    return { total, newest: this.nextSeq - 1, events }
  }

  /** The latest event with this messageId. */
  find(messageId: string): EventDetail | undefined {
    const entry = this.latestByMessageId.get(messageId)
    return entry && this.detail(entry)
  }

  bySeq(seqs: Iterable<number>): EventSummary[] {
    const first = this.entries[0]?.seq ?? this.nextSeq
    const summaries: EventSummary[] = []
    for (const seq of seqs) {
      const entry = this.entries[seq - first]
      if (entry) {
        summaries.push(this.summary(entry))
      }
    }
    return summaries
  }

  /** Resolves once the latest event with this messageId went through every subscription, or after `timeoutMs`. */
  async settled(messageId: string, timeoutMs: number): Promise<EventDetail | undefined> {
    const known = this.latestByMessageId.get(messageId)
    if (known?.settled || timeoutMs <= 0) {
      return known && this.detail(known)
    }
    const entry = await new Promise<Entry | undefined>((resolve) => {
      const waiting = this.waiters.get(messageId) ?? new Set<Waiter>()
      this.waiters.set(messageId, waiting)
      const done: Waiter = (settled) => {
        clearTimeout(timer)
        waiting.delete(done)
        if (waiting.size === 0 && this.waiters.get(messageId) === waiting) {
          this.waiters.delete(messageId)
        }
        resolve(settled)
      }
      const timer = setTimeout(() => done(this.latestByMessageId.get(messageId)), timeoutMs)
      waiting.add(done)
    })
    return entry && this.detail(entry)
  }

  private receive(event: SegmentEvent, source = DIRECT_SOURCE): Entry {
    const entry: Entry = {
      seq: this.nextSeq++,
      event,
      messageId: String(event.messageId ?? ''),
      source,
      receivedAt: typeof event.receivedAt === 'string' ? event.receivedAt : new Date().toISOString(),
      fates: [],
      exchanges: [],
      settled: false
    }
    this.received[source] = (this.received[source] ?? 0) + 1
    this.rate.add('received')
    this.inFlight.set(event, entry)
    this.latestByMessageId.set(entry.messageId, entry)
    this.entries.push(entry)
    this.forgetOldest()
    this.onChange?.(entry.seq)
    return entry
  }

  private attempted(report: AttemptReport): void {
    const entry = this.inFlight.get(report.event) ?? this.receive(report.event)
    const { outcome } = report
    const fate = this.fateOf(entry, outcome)
    const exchanges = report.exchanges.map((exchange) => {
      const known = entry.exchanges.indexOf(exchange)
      return known >= 0 ? known : entry.exchanges.push(exchange) - 1
    })
    const retryAfter = report.exchanges.find((exchange) => exchange.response.headers['retry-after'])
    fate.attempts.push({
      number: outcome.attempts,
      at: new Date().toISOString(),
      waitedMs: report.waitedMs,
      ok: outcome.ok,
      status: outcome.status,
      retryable: outcome.retryable,
      ...(outcome.message !== undefined && { message: outcome.message }),
      ...(outcome.alreadyGranted && { alreadyGranted: true }),
      ...(retryAfter && { retryAfter: retryAfter.response.headers['retry-after'] }),
      exchanges
    })
    this.settle(fate, outcome, classifyAttempt(report))
    this.onChange?.(entry.seq)
  }

  private delivered(events: SegmentEvent[], outcomes: DeliveryOutcome[]): void {
    let next = 0
    for (const event of events) {
      const entry = this.inFlight.get(event) ?? this.receive(event)
      const seen = new Set<string | undefined>()
      while (next < outcomes.length && outcomes[next].messageId === event.messageId) {
        const outcome = outcomes[next]
        if (seen.has(outcome.subscription)) {
          break
        }
        seen.add(outcome.subscription)
        next++
        this.finish(entry, outcome)
      }
      entry.settled = true
      this.inFlight.delete(event)
      this.onChange?.(entry.seq)
      this.wake(entry)
    }
  }

  /** The event's fate for the outcome's subscription, added in flight the first time that subscription reports. */
  private fateOf(entry: Entry, outcome: DeliveryOutcome): Fate {
    let fate = entry.fates.find((candidate) => candidate.subscription === outcome.subscription)
    if (!fate) {
      fate = {
        subscription: outcome.subscription,
        action: outcome.action,
        classified: { stage: 'in-flight' },
        status: 0,
        attempts: []
      }
      entry.fates.push(fate)
    }
    return fate
  }

  /** The final outcome of one subscription; the fate exists already unless no attempt was made. */
  private finish(entry: Entry, outcome: DeliveryOutcome): void {
    const fate = this.fateOf(entry, outcome)
    const last = fate.attempts.at(-1)
    const answered = last?.exchanges.some((index) => entry.exchanges[index].response.status === outcome.status) ?? false
    this.settle(fate, outcome, classifyFinal(outcome, answered))
  }

  private settle(fate: Fate, outcome: DeliveryOutcome, classified: Classified): void {
    fate.alreadyGranted = outcome.alreadyGranted
    const before = fate.classified
    if (before.stage === classified.stage && before.reason === classified.reason) {
      return
    }
    const subscriptionCounts = this.countsFor(fate.subscription)
    for (const counts of subscriptionCounts ? [this.totals, subscriptionCounts] : [this.totals]) {
      count(counts, before, -1)
      count(counts, classified, 1)
    }
    if (classified.stage === 'delivered') {
      this.rate.add('delivered')
    } else if (classified.stage === 'failed') {
      this.rate.add('failed')
    }
    fate.classified = classified
    fate.status = outcome.status
    fate.message = outcome.message
  }

  private countsFor(subscription: string | undefined): StageCounts | undefined {
    if (subscription === undefined) {
      return undefined
    }
    let counts = this.perSubscription.get(subscription)
    if (!counts) {
      counts = emptyStageCounts()
      this.perSubscription.set(subscription, counts)
    }
    return counts
  }

  private wake(entry: Entry): void {
    this.waiters.get(entry.messageId)?.forEach((waiter) => waiter(entry))
  }

  // Trims in steps of a tenth of the capacity, so that each event costs the same whatever the capacity.
  private forgetOldest(): void {
    const { capacity } = this.options
    if (this.entries.length < capacity + Math.ceil(capacity / 10)) {
      return
    }
    const forgotten = this.entries.splice(0, this.entries.length - capacity)
    for (const entry of forgotten) {
      if (this.latestByMessageId.get(entry.messageId) === entry) {
        this.latestByMessageId.delete(entry.messageId)
      }
    }
  }

  private matches(entry: Entry, filter: EventFilter): boolean {
    return (
      (filter.stage === undefined ||
        entry.fates.some((fate) => fate.classified.stage === filter.stage) ||
        (filter.stage === 'in-flight' && entry.fates.length === 0)) &&
      (filter.source === undefined || entry.source === filter.source) &&
      includes(entry.messageId, filter.messageId) &&
      includes(nameOf(entry.event), filter.name) &&
      includes(userOf(entry.event), filter.user)
    )
  }

  private summary(entry: Entry): EventSummary {
    const stage = stageOf(entry)
    const worst = entry.fates.find((fate) => fate.classified.stage === stage)
    return {
      seq: entry.seq,
      messageId: entry.messageId,
      source: entry.source,
      receivedAt: entry.receivedAt,
      type: String(entry.event.type),
      ...(nameOf(entry.event) !== undefined && { name: nameOf(entry.event) }),
      ...(userOf(entry.event) !== undefined && { user: userOf(entry.event) }),
      stage,
      ...(worst?.classified.reason && { reason: worst.classified.reason }),
      settled: entry.settled,
      attempts: Math.max(0, ...entry.fates.map((fate) => fate.attempts.length)),
      ...(entry.fates.some((fate) => fate.alreadyGranted) && { alreadyGranted: true })
    }
  }

  private detail(entry: Entry): EventDetail {
    return {
      ...this.summary(entry),
      event: entry.event as unknown as Record<string, unknown>,
      fates: entry.fates.map((fate) => ({
        ...(fate.subscription !== undefined && { subscription: fate.subscription }),
        ...(fate.action !== undefined && { action: fate.action }),
        stage: fate.classified.stage,
        ...(fate.classified.reason && { reason: fate.classified.reason }),
        status: fate.status,
        ...(fate.message !== undefined && { message: fate.message }),
        ...(fate.alreadyGranted && { alreadyGranted: true }),
        attempts: fate.attempts
      })),
      exchanges: entry.exchanges
    }
  }
}
