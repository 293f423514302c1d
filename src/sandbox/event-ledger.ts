import { CompressedLines } from './compressed-lines'
import type { JsonObject } from './identity'
import { EVENT_IDENTITY_KEYS, firstIdentity } from './identity'

/** One event recorded for the first time, with the user it counts for. */
export interface RecordedEvent {
  event: JsonObject
  user: string
}

const increment = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

/**
 * The events LiveLike accepted, each kept as its JSON text in compressed blocks (a replay pushes 100,000 through
 * one process), deduplicated by message_id, with the counters of GET /_sandbox/stats.
 */
export class EventLedger {
  private readonly records = new CompressedLines()
  private readonly messageIds = new Set<string>()
  private readonly byEventName = new Map<string, number>()
  private readonly byUser = new Map<string, number>()
  private received = 0
  private deduplicated = 0
  private rejected = 0

  /** Records the events of an accepted request; a message_id seen before is counted as deduplicated instead. */
  record(events: JsonObject[]): { fresh: RecordedEvent[]; deduplicated: number } {
    const fresh: RecordedEvent[] = []
    this.received += events.length
    for (const event of events) {
      const messageId = event.message_id
      if (typeof messageId === 'string' && messageId !== '') {
        if (this.messageIds.has(messageId)) {
          this.deduplicated += 1
          continue
        }
        this.messageIds.add(messageId)
      }
      const user = firstIdentity(event, EVENT_IDENTITY_KEYS) as string
      this.records.push(JSON.stringify(event))
      increment(this.byEventName, event.event_name as string)
      increment(this.byUser, user)
      fresh.push({ event, user })
    }
    return { fresh, deduplicated: events.length - fresh.length }
  }

  /** Counts the events of a request refused as a whole. */
  reject(count: number): void {
    this.received += count
    this.rejected += count
  }

  /** {"total": n, "events": [...]} as JSON text, built from the stored texts without parsing them. */
  pageJson(offset: number, limit: number): string {
    const page = this.records.slice(offset, offset + limit)
    return `{"total":${this.records.length},"events":[${page.join(',')}]}`
  }

  stats() {
    return {
      received: this.received,
      recorded: this.records.length,
      deduplicated: this.deduplicated,
      rejected: this.rejected,
      by_event_name: Object.fromEntries(this.byEventName),
      by_user: Object.fromEntries(this.byUser)
    }
  }
}
