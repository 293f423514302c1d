import type { ActionDefinition, JSONObject, SegmentEvent } from '@segment/actions-core'
import { sendBatch, sendOne } from '../delivery'
import type { DeliveryPlan } from '../delivery'
import type { Settings } from '../generated-types'
import { rawEventsOf } from '../raw-events'
import { TRACK_CALLS_NOT_FROM_LIVELIKE } from '../livelike-source-events'
import { segmentEventsUrl } from '../urls'
import { fields } from './fields'
import { toLiveLikeEvent } from './functions'
import type { Payload } from './generated-types'
import type { LiveLikeEvent } from './types'

export const eventDelivery: DeliveryPlan<Payload, LiveLikeEvent> = {
  url: (settings) => segmentEventsUrl(settings.clientId),
  toItem: toLiveLikeEvent,
  body: (events) => ({ events })
}

/**
 * What actions-core passes to perform and performBatch besides the typed input: the raw Segment event(s) and the
 * subscription's mapping. Subscriptions saved before Message ID existed have no message_id; it is read from here.
 */
interface RawInput<Data> {
  rawData?: Data
  rawMapping?: JSONObject
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Send Event',
  description:
    'Send a track, page or screen call to LiveLike as an event, so that LiveLike can grant rewards and run automations when your users act. The Track Calls mapping, like any new Send Event mapping, skips the events LiveLike itself sends to Segment as a source (such as Reward Item Rewarded and Badge Rewarded): sent back, each reward would earn another one, without end.',
  defaultSubscription: TRACK_CALLS_NOT_FROM_LIVELIKE,
  fields,
  perform: (request, data) => {
    const { rawData } = data as RawInput<SegmentEvent>
    return sendOne(request, data.settings, data.payload, eventDelivery, rawData)
  },
  performBatch: (request, data) => {
    const { rawData, rawMapping } = data as RawInput<SegmentEvent[]>
    const events = rawEventsOf(data.payload, rawData, rawMapping, fields)
    return sendBatch(request, data.settings, data.payload, eventDelivery, events)
  }
}

export default action
