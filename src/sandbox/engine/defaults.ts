import { idFor } from '../derived-ids'
import type { Catalog, Program, RewardTable } from './catalog'
import { ANY_EVENT_ACTION } from './event-actions'

const DEFAULT_ITEM = 'points'
const DEFAULT_AMOUNT = 10
export const DEFAULT_PROGRAM_TITLE = 'Sandbox program'
export const DEFAULT_TABLE_NAME = 'Segment events'
/** The same in every sandbox and after every reset, so that a subscriptions file can name the default program. */
export const DEFAULT_PROGRAM_ID = idFor('program', DEFAULT_PROGRAM_TITLE)

/**
 * What a fresh sandbox holds, so that every event earns 10 points as before: the item `points`, the custom action
 * every event invokes, a program (always of one ID) and a table linked to it whose one entry grants 10 points for that action.
 */
export function installDefaults(catalog: Catalog, now: string): { program: Program; table: RewardTable } {
  const points = catalog.addItem(DEFAULT_ITEM)
  catalog.addAction(ANY_EVENT_ACTION.key, ANY_EVENT_ACTION.name, ANY_EVENT_ACTION.description)
  const program = catalog.addProgram(DEFAULT_PROGRAM_TITLE, now, 'live', DEFAULT_PROGRAM_ID)
  const table = catalog.addTable(DEFAULT_TABLE_NAME, [
    { action: ANY_EVENT_ACTION.key, item: points, amount: DEFAULT_AMOUNT, rateLimit: null, rewardLimit: null }
  ])
  catalog.link(program, table.id)
  return { program, table }
}
