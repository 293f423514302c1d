import type { RewardEngine } from '../rewards'
import type { RewardTable } from './catalog'
import { DEFAULT_TABLE_NAME } from './defaults'
import { ANY_EVENT_ACTION, eventActionDescription } from './event-actions'

/**
 * The sandbox's first reward model, kept for its users: a list of rules {event_name ("*" for every event),
 * reward_item, amount}. It is now a view of the default reward table's entries: PUT replaces them (items and custom
 * actions made on first sight), GET reads them back. Limits are set through LiveLike's entry routes or the console's limits route.
 */
export interface RewardRule {
  event_name: string
  reward_item: string
  amount: number
}

export const ANY_EVENT = '*'

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

const actionOf = (eventName: string) => (eventName === ANY_EVENT ? ANY_EVENT_ACTION.key : eventName)
const eventNameOf = (action: string) => (action === ANY_EVENT_ACTION.key ? ANY_EVENT : action)

/** The default table, made again (empty) if it was deleted. */
const defaultTable = (engine: RewardEngine): RewardTable =>
  engine.catalog.tables.get(engine.defaultTableId) ??
  engine.catalog.addTable(DEFAULT_TABLE_NAME, [], engine.defaultTableId)

export function rulesOf(engine: RewardEngine): RewardRule[] {
  const table = engine.catalog.tables.get(engine.defaultTableId)
  return (table?.entries ?? []).map((entry) => ({
    event_name: eventNameOf(entry.action),
    reward_item: entry.item.name,
    amount: entry.amount
  }))
}

export function replaceRules(engine: RewardEngine, rules: readonly RewardRule[]): void {
  const { catalog } = engine
  const table = defaultTable(engine)
  for (const entry of [...table.entries]) {
    engine.deleteEntry(table, entry.id)
  }
  for (const rule of rules) {
    const action = actionOf(rule.event_name)
    if (!catalog.actions.has(action)) {
      catalog.addAction(action, action, eventActionDescription)
    }
    const item = catalog.itemNamed(rule.reward_item) ?? catalog.addItem(rule.reward_item)
    catalog.addEntry(table, { action, item, amount: rule.amount, rateLimit: null, rewardLimit: null })
  }
  const program = catalog.programs.get(engine.defaultProgramId)
  if (program) {
    catalog.link(program, table.id)
  }
}
