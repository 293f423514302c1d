import type { SegmentEvent } from '../../runtime'
import type { DeliveryHistory } from '../history'
import type { EventSummary } from '../shared/types'

export interface RecentEvent {
  summary: EventSummary
  event: SegmentEvent
}

/** The latest events of the console's history, newest first, each with the Segment event as the runner received it. */
export function recentEvents(history: DeliveryHistory, limit: number): RecentEvent[] {
  return history.page({}, 0, limit).events.flatMap((summary) => {
    const detail = history.find(summary.messageId)
    return detail ? [{ summary, event: detail.event as unknown as SegmentEvent }] : []
  })
}
