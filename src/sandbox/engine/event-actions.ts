import type { Catalog, TableEntry } from './catalog'

/**
 * How an event received on segment-events becomes reward actions: LiveLike documents that events show up as reward
 * actions in the Producer Suite, not which key or program they get. The sandbox's decision, here and nowhere else:
 * - the event's name is the key of a custom reward action, created the first time an event of that name is recorded;
 * - every event also invokes the custom action ANY_EVENT_ACTION, so that one entry can reward every event;
 * - an event grants by every entry for either key in every reward table linked to any program, each table once.
 */
export const ANY_EVENT_ACTION = {
  key: 'segment-event',
  name: 'Any Segment event',
  description: 'Invoked by every event received on segment-events, besides the action named after the event.'
}

export const eventActionDescription = 'Created by the first event of this name received on segment-events.'

export class EventActions {
  private version = -1
  // Per event name, the entries it grants by; rebuilt when the catalog's entries or links change.
  private readonly entriesByName = new Map<string, TableEntry[]>()

  constructor(private readonly catalog: Catalog) {}

  /** The entries an event of this name grants by, its custom action created on first sight. */
  entriesFor(eventName: string): TableEntry[] {
    if (!this.catalog.actions.has(eventName)) {
      this.catalog.addAction(eventName, eventName, eventActionDescription)
    }
    if (this.version !== this.catalog.version) {
      this.entriesByName.clear()
      this.version = this.catalog.version
    }
    let entries = this.entriesByName.get(eventName)
    if (!entries) {
      entries = this.linkedEntries().filter(
        (entry) => entry.action === eventName || entry.action === ANY_EVENT_ACTION.key
      )
      this.entriesByName.set(eventName, entries)
    }
    return entries
  }

  private linkedEntries(): TableEntry[] {
    const tableIds = new Set<string>()
    for (const program of this.catalog.programs.values()) {
      program.tableIds.forEach((id) => tableIds.add(id))
    }
    return [...tableIds].flatMap((id) => this.catalog.tables.get(id)?.entries ?? [])
  }
}
