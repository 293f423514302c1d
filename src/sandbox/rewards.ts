import { randomUUID } from 'crypto'

/** One entry of the reward table: an action (the event name, or "*" for every event) grants an amount of an item. */
export interface RewardRule {
  event_name: string
  reward_item: string
  amount: number
}

export const ANY_EVENT = '*'
export const DEFAULT_RULES: readonly RewardRule[] = [{ event_name: ANY_EVENT, reward_item: 'points', amount: 10 }]

/** The body of PUT /_sandbox/rewards/rules. */
export const rewardRulesSchema = {
  type: 'array',
  maxItems: 1000,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['event_name', 'reward_item', 'amount'],
    properties: {
      event_name: { type: 'string', minLength: 1 },
      reward_item: { type: 'string', minLength: 1 },
      amount: { type: 'integer', minimum: 1 }
    }
  }
}

/** One reward transaction: what one recorded event earned its user by one rule. */
export interface Grant {
  sequence: number
  user: string
  rewardItem: string
  amount: number
  eventName: string
  messageId: string | undefined
  createdAt: string
}

type Balance = Record<string, number>

// defineProperty, so that an item named "__proto__" is an ordinary key.
function credit(balance: Balance, item: string, amount: number): void {
  if (Object.hasOwn(balance, item)) {
    balance[item] += amount
  } else {
    Object.defineProperty(balance, item, { value: amount, writable: true, enumerable: true, configurable: true })
  }
}

/** A grant just written, with the user's balance of its reward item after it. */
export interface NewGrant {
  grant: Grant
  balance: number
}

/** The reward table, every user's balances and the ledger of reward transactions. */
export class RewardLedger {
  private table: readonly RewardRule[] = DEFAULT_RULES
  private readonly balances = new Map<string, Balance>()
  private readonly ledger: Grant[] = []
  // Transaction IDs differ from one ledger to the next (a reset starts one), so a new transaction never reuses an ID.
  private readonly idPrefix = randomUUID().slice(0, 23)
  // One copy of each event name and each user for all their grants, instead of one per event.
  private readonly texts = new Map<string, string>()

  get rules(): readonly RewardRule[] {
    return this.table
  }

  set rules(rules: readonly RewardRule[]) {
    this.table = rules.map(({ event_name, reward_item, amount }) => ({ event_name, reward_item, amount }))
  }

  /** Grants by every rule for this event name or for any event; createdAt is shared by the grants of one request. */
  grant(user: string, eventName: string, messageId: string | undefined, createdAt: string): NewGrant[] {
    const written: NewGrant[] = []
    const sharedName = this.shared(eventName)
    const sharedUser = this.shared(user)
    for (const rule of this.table) {
      if (rule.event_name !== eventName && rule.event_name !== ANY_EVENT) {
        continue
      }
      let balance = this.balances.get(user)
      if (!balance) {
        balance = {}
        this.balances.set(user, balance)
      }
      credit(balance, rule.reward_item, rule.amount)
      const grant = {
        sequence: this.ledger.length + 1,
        user: sharedUser,
        rewardItem: rule.reward_item,
        amount: rule.amount,
        eventName: sharedName,
        messageId,
        createdAt
      }
      this.ledger.push(grant)
      written.push({ grant, balance: balance[rule.reward_item] })
    }
    return written
  }

  private shared(text: string): string {
    const copy = this.texts.get(text)
    if (copy !== undefined) {
      return copy
    }
    this.texts.set(text, text)
    return text
  }

  /** The UUID-shaped ID of a reward transaction. */
  transactionId(grant: Grant): string {
    return `${this.idPrefix}-${grant.sequence.toString(16).padStart(12, '0')}`
  }

  balanceOf(user: string): Readonly<Balance> {
    return this.balances.get(user) ?? {}
  }

  allBalances(): Record<string, Readonly<Balance>> {
    return Object.fromEntries(this.balances)
  }

  get grants(): readonly Grant[] {
    return this.ledger
  }
}
