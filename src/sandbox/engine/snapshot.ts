import type { RewardEngine } from '../rewards'
import type { RewardTable, TableEntry } from './catalog'

const entryView = (entry: TableEntry) => ({
  id: entry.id,
  action: entry.action,
  reward_item_id: entry.item.id,
  reward_item_name: entry.item.name,
  reward_item_amount: entry.amount,
  rate_limit: entry.rateLimit,
  reward_limit: entry.rewardLimit
})

const tableView = (table: RewardTable) => ({
  id: table.id,
  name: table.name,
  entries: table.entries.map(entryView)
})

/** The whole engine at a glance, for GET /_sandbox/engine and the console: programs with their tables and entries. */
export function engineSnapshot(engine: RewardEngine) {
  const { catalog } = engine
  const linked = new Set<string>()
  return {
    items: [...catalog.items.values()].map(({ id, name }) => ({ id, name })),
    actions: [...catalog.actions.values()].map(({ key, name, type }) => ({ key, name, type })),
    programs: [...catalog.programs.values()].map((program) => ({
      id: program.id,
      title: program.title,
      status: program.status,
      tables: catalog.tablesOf(program).map((table) => (linked.add(table.id), tableView(table)))
    })),
    unlinked_tables: [...catalog.tables.values()].filter((table) => !linked.has(table.id)).map(tableView)
  }
}
