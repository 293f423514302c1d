/** What the bench's destination paths share: a failure as the bench counts it, and one event per `send`. */
import type { Destination, JSONObject, SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../../src/destinations/livelike-cloud/generated-types'
import type { Sender } from './senders'

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
