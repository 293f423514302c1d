/** What the bench's destination paths share: their settings, a failure as the bench counts it, one event per `send`. */
import type { Destination, JSONObject, SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../../src/destinations/livelike-cloud/generated-types'
import type { Sender } from './senders'

// Enough distinct events that the same object is rarely in flight twice, few enough to build in a moment.
export const EVENT_POOL = 2000
export const BENCH_SETTINGS = { clientId: 'bench-client', producerToken: 'bench-token-not-real' }

export function isFailure(status: number | undefined): boolean {
  return status === undefined || status >= 300
}

/** Sends the n-th of `events` (cycling) through `onEvent`, as Segment does without batching: a throw is a failure. */
export function eventSender(
  destination: Destination<Settings>,
  events: SegmentEvent[],
  subscribed: JSONObject
): Sender {
  return {
    eventsPerSend: 1,
    forget: () => void destination.responses.splice(0),
    send: async (n) => {
      try {
        await destination.onEvent(events[n % events.length], subscribed)
        return 0
      } catch {
        return 1
      }
    }
  }
}
