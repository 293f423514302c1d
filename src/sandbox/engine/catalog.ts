import { randomUUID } from 'crypto'
import { idFor } from '../derived-ids'

/** LiveLike's reward engine, as its public API reference describes it: items, actions, tables of entries, programs. */

export interface Attribute {
  key: string
  value: string
}

export interface RewardItem {
  id: string
  name: string
  attributes: Attribute[]
  createdAt: string
}

export type ActionType = 'built-in' | 'custom'

export interface RewardAction {
  id: string
  key: string
  name: string
  description: string
  type: ActionType
  createdAt: string
}

export const RATE_LIMIT_UNITS = ['minute', 'hour', 'day'] as const
export const REWARD_LIMIT_DURATIONS = ['day', 'month'] as const

/** At most `frequency` rewards from one entry per profile in one calendar minute, hour or day (UTC). */
export interface RateLimit {
  is_enabled: boolean
  unit: (typeof RATE_LIMIT_UNITS)[number]
  frequency: number
}

/** At most `action_limit_count` rewards from one entry per profile in one calendar day or month of `timezone`. */
export interface RewardLimit {
  is_enabled: boolean
  action_limit_count: number
  duration: (typeof REWARD_LIMIT_DURATIONS)[number]
  timezone: string
}

/** An entry's action, item and amount never change (LiveLike has no route to update one); its limits may. */
export interface TableEntry {
  readonly id: string
  readonly tableId: string
  /** The reward action's key. */
  readonly action: string
  readonly item: RewardItem
  readonly amount: number
  rateLimit: RateLimit | null
  rewardLimit: RewardLimit | null
}

export interface RewardTable {
  id: string
  name: string
  entries: TableEntry[]
  createdAt: string
}

export interface Program {
  id: string
  title: string
  status: string
  scheduledAt: string
  createdAt: string
  /** Linked reward tables, in the order they were linked. */
  tableIds: string[]
}

/** LiveLike's built-in reward actions (docs/Platform/rewards/reward-actions.md). */
export const BUILT_IN_ACTIONS: readonly { key: string; name: string }[] = [
  { key: 'ask-replied', name: 'Replied to an Ask widget prompt' },
  { key: 'prediction-made', name: 'Made a prediction' },
  { key: 'prediction-correct', name: 'Made a correct prediction' },
  { key: 'quiz-answered', name: 'Answered a quiz incorrectly' },
  { key: 'quiz-correct', name: 'Answered a quiz correctly' },
  { key: 'poll-voted', name: 'Voted on a poll' }
]

export interface NewEntry {
  action: string
  item: RewardItem
  amount: number
  rateLimit: RateLimit | null
  rewardLimit: RewardLimit | null
}

/** Every item, action, table and program of the application, and a version that changes with any of them. */
export class Catalog {
  readonly items = new Map<string, RewardItem>()
  readonly actions = new Map<string, RewardAction>()
  readonly tables = new Map<string, RewardTable>()
  readonly programs = new Map<string, Program>()
  private readonly itemsByName = new Map<string, RewardItem>()
  /** Changes whenever the entries that an action grants by may have changed. */
  version = 0

  constructor(private readonly now: () => string) {
    for (const { key, name } of BUILT_IN_ACTIONS) {
      this.addAction(key, name, '', 'built-in')
    }
  }

  itemNamed(name: string): RewardItem | undefined {
    return this.itemsByName.get(name)
  }

  /** An item's ID is derived from its name (names are unique): the same item has the same ID in every run. */
  addItem(name: string, attributes: Attribute[] = []): RewardItem {
    const item = { id: idFor('reward-item', name), name, attributes, createdAt: this.now() }
    this.items.set(item.id, item)
    this.itemsByName.set(name, item)
    return item
  }

  /** An action's ID is derived from its key (keys are unique), as transactions have always named it. */
  addAction(key: string, name: string, description: string, type: ActionType = 'custom'): RewardAction {
    const action = { id: idFor('reward-action', key), key, name, description, type, createdAt: this.now() }
    this.actions.set(key, action)
    return action
  }

  /** A new table; the ID is given only to put back the sandbox's default table. */
  addTable(name: string, entries: NewEntry[], id: string = randomUUID()): RewardTable {
    const table: RewardTable = { id, name, entries: [], createdAt: this.now() }
    this.tables.set(table.id, table)
    for (const entry of entries) {
      this.addEntry(table, entry)
    }
    return table
  }

  addEntry(table: RewardTable, entry: NewEntry): TableEntry {
    const added = { id: randomUUID(), tableId: table.id, ...entry }
    table.entries.push(added)
    this.version++
    return added
  }

  /** The entry with this ID in any table. */
  entry(entryId: string): TableEntry | undefined {
    for (const table of this.tables.values()) {
      const entry = table.entries.find(({ id }) => id === entryId)
      if (entry) return entry
    }
    return undefined
  }

  deleteEntry(table: RewardTable, entryId: string): TableEntry | undefined {
    const index = table.entries.findIndex((entry) => entry.id === entryId)
    if (index < 0) {
      return undefined
    }
    const [removed] = table.entries.splice(index, 1)
    this.version++
    return removed
  }

  deleteTable(tableId: string): RewardTable | undefined {
    const table = this.tables.get(tableId)
    if (!table) {
      return undefined
    }
    this.tables.delete(tableId)
    for (const program of this.programs.values()) {
      this.unlink(program, tableId)
    }
    this.version++
    return table
  }

  /** A new program; the ID is given only for the sandbox's default program. */
  addProgram(title: string, scheduledAt: string, status = 'pending', id: string = randomUUID()): Program {
    const program = { id, title, status, scheduledAt, createdAt: this.now(), tableIds: [] }
    this.programs.set(program.id, program)
    return program
  }

  link(program: Program, tableId: string): void {
    if (!program.tableIds.includes(tableId)) {
      program.tableIds.push(tableId)
      this.version++
    }
  }

  unlink(program: Program, tableId: string): boolean {
    const index = program.tableIds.indexOf(tableId)
    if (index < 0) {
      return false
    }
    program.tableIds.splice(index, 1)
    this.version++
    return true
  }

  /** The tables linked to the program, in link order. */
  tablesOf(program: Program): RewardTable[] {
    return program.tableIds.map((id) => this.tables.get(id)).filter((table): table is RewardTable => !!table)
  }
}
