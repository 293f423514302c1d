import { randomUUID } from 'crypto'
import type { Outcome } from './engine/answers'
import type { Attribute, RewardItem, RewardTable, TableEntry } from './engine/catalog'
import { Catalog } from './engine/catalog'
import { installDefaults } from './engine/defaults'
import { EventActions } from './engine/event-actions'
import type { LimitName } from './engine/limits'
import { LimitCounters } from './engine/limits'
import { Profiles } from './engine/profiles'
import type { JsonObject } from './identity'

/**
 * One reward transaction: what one entry granted one profile, for an event or an invocation. An entry's item and
 * amount never change, so the grant's are its entry's, not a copy.
 */
export interface Grant {
  sequence: number
  user: string
  entry: TableEntry
  actionKey: string
  messageId: string | undefined
  createdAt: string
  invocation: Invocation | undefined
}

/** One invoked action (POST /invoked-actions/ or one action of a batch update). */
export interface Invocation {
  id: string
  createdAt: string
  programId: string
  profileId: string
  actionKey: string
  code: string | null
  description: string | null
  attributes: Attribute[]
  rewards: Grant[]
}

/** A grant just written, with the user's balance of its reward item after it. */
export interface NewGrant {
  grant: Grant
  balance: number
}

/** One invocation as the console lists it, refused ones included. */
export interface Attempt {
  at: string
  programId: string
  profileId: string | null
  actionKey: string
  code: string | null
  outcome: Outcome
  detail: string | null
  invocationId: string | null
  rewards: { reward_item_name: string; reward_item_amount: number }[]
  limited: { reward_table_entry_id: string; limit: LimitName }[]
}

const ATTEMPTS_KEPT = 100

/** What one action earned a profile: the grants written, and the entries a limit stopped. */
export interface Settled {
  granted: NewGrant[]
  limited: { entry: TableEntry; limit: LimitName }[]
}

interface Occasion {
  actionKey: string
  messageId?: string
  invocation?: Invocation
  at: Date
  createdAt: string
}

/**
 * LiveLike's reward engine for one application: the catalog of items, actions, tables and programs, every profile's
 * balances, the ledger of reward transactions, the invoked actions and the codes they used. Events and invocations
 * grant through grantBy, the one place that applies limits, credits balances and writes transactions.
 */
export class RewardEngine {
  readonly catalog: Catalog
  readonly profiles = new Profiles()
  readonly limits = new LimitCounters()
  readonly eventActions: EventActions
  readonly invocations: Invocation[] = []
  /** The latest invocations, refused ones included, at most ATTEMPTS_KEPT. */
  readonly attempts: Attempt[] = []
  /** The table PUT /_sandbox/rewards/rules rewrites, made at start. */
  readonly defaultTableId: string
  readonly defaultProgramId: string
  // Per profile, its balance by reward item ID.
  private readonly balances = new Map<string, Record<string, number>>()
  private readonly ledger: Grant[] = []
  private readonly codes = new Set<string>()
  // Transaction IDs differ from one ledger to the next (a reset starts one), so a new transaction never reuses an ID.
  private readonly idPrefix = randomUUID().slice(0, 23)
  // One copy of each action key and each user for all their grants, instead of one per event.
  private readonly texts = new Map<string, string>()

  constructor(readonly clock: () => Date) {
    this.catalog = new Catalog(() => clock().toISOString())
    this.eventActions = new EventActions(this.catalog)
    const { program, table } = installDefaults(this.catalog, clock().toISOString())
    this.defaultProgramId = program.id
    this.defaultTableId = table.id
  }

  /** What a newly recorded event earns its user, by the entries its name maps to (engine/event-actions.ts). */
  rewardEvent(event: JsonObject, at: Date, createdAt: string): Settled & { profileId: string } {
    const profileId = this.shared(this.profiles.seenInEvent(event, createdAt))
    const eventName = event.event_name as string
    const messageId = typeof event.message_id === 'string' && event.message_id ? event.message_id : undefined
    const settled = this.grantBy(profileId, this.eventActions.entriesFor(eventName), {
      actionKey: eventName,
      messageId,
      at,
      createdAt
    })
    return { ...settled, profileId }
  }

  /** Grants by each entry the profile's limits allow, in order. */
  grantBy(profileId: string, entries: readonly TableEntry[], occasion: Occasion): Settled {
    const settled: Settled = { granted: [], limited: [] }
    for (const entry of entries) {
      const limit = this.limits.stoppedBy(entry, profileId, occasion.at)
      if (limit) {
        settled.limited.push({ entry, limit })
        continue
      }
      this.limits.count(entry, profileId, occasion.at)
      settled.granted.push(this.write(profileId, entry, occasion))
    }
    return settled
  }

  private write(profileId: string, entry: TableEntry, occasion: Occasion): NewGrant {
    let balance = this.balances.get(profileId)
    if (!balance) {
      balance = {}
      this.balances.set(profileId, balance)
    }
    const amount = (balance[entry.item.id] ?? 0) + entry.amount
    balance[entry.item.id] = amount
    const grant: Grant = {
      sequence: this.ledger.length + 1,
      user: profileId,
      entry,
      actionKey: this.shared(occasion.actionKey),
      messageId: occasion.messageId,
      createdAt: occasion.createdAt,
      invocation: occasion.invocation
    }
    this.ledger.push(grant)
    return { grant, balance: amount }
  }

  private shared(text: string): string {
    const copy = this.texts.get(text)
    if (copy !== undefined) {
      return copy
    }
    this.texts.set(text, text)
    return text
  }

  /** Whether the profile already invoked the action with this code (LiveLike's idempotency key). */
  codeUsed(profileId: string, actionKey: string, code: string): boolean {
    return this.codes.has(JSON.stringify([profileId, actionKey, code]))
  }

  recordInvocation(invocation: Invocation): void {
    this.invocations.push(invocation)
    if (invocation.code !== null) {
      this.codes.add(JSON.stringify([invocation.profileId, invocation.actionKey, invocation.code]))
    }
  }

  noteAttempt(attempt: Attempt): void {
    this.attempts.push(attempt)
    if (this.attempts.length > ATTEMPTS_KEPT) {
      this.attempts.shift()
    }
  }

  /** Deletes an entry and forgets its limits' counts. */
  deleteEntry(table: RewardTable, entryId: string): boolean {
    const removed = this.catalog.deleteEntry(table, entryId)
    if (removed) {
      this.limits.forget(removed.id)
    }
    return !!removed
  }

  deleteTable(tableId: string): boolean {
    const table = this.catalog.deleteTable(tableId)
    table?.entries.forEach((entry) => this.limits.forget(entry.id))
    return !!table
  }

  /** The UUID-shaped ID of a reward transaction. */
  transactionId(grant: Grant): string {
    return `${this.idPrefix}-${grant.sequence.toString(16).padStart(12, '0')}`
  }

  balanceOf(profileId: string): [RewardItem, number][] {
    return Object.entries(this.balances.get(profileId) ?? {}).map(([itemId, amount]) => [
      this.catalog.items.get(itemId) as RewardItem,
      amount
    ])
  }

  /** Every profile's balances by reward item name. */
  allBalances(): Record<string, Record<string, number>> {
    const byProfile: [string, Record<string, number>][] = []
    for (const profileId of this.balances.keys()) {
      byProfile.push([
        profileId,
        Object.fromEntries(this.balanceOf(profileId).map(([item, amount]) => [item.name, amount]))
      ])
    }
    return Object.fromEntries(byProfile)
  }

  get grants(): readonly Grant[] {
    return this.ledger
  }
}
