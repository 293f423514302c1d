import type { ActionDefinition, JSONObject, SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import { rawEventsOf } from '../raw-events'
import { dynamicFields } from './dynamic-fields'
import { fields } from './fields'
import type { Payload } from './generated-types'
import { invokeBatch, invokeOne } from './invocations'

/** What actions-core passes besides the typed input: the raw Segment event(s) and the subscription's mapping. */
interface RawInput<Data> {
  rawData?: Data
  rawMapping?: JSONObject
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Invoke Reward Action',
  description:
    "Grant LiveLike rewards directly: invoke one of your LiveLike reward actions in a program, for the user's LiveLike profile, once per code. Use it rather than Send Event when you know in Segment which reward action an event earns (such as a purchase for Order Completed): LiveLike grants by the program's reward tables at once, with no set-up in the Producer Suite, and never twice for one code, so a resent event grants nothing more. Use Send Event to send events LiveLike should record and react to as you configure it there.",
  fields,
  dynamicFields,
  perform: (request, data) => {
    const { rawData } = data as RawInput<SegmentEvent>
    return invokeOne(request, data.settings, data.payload, rawData)
  },
  performBatch: (request, data) => {
    const { rawData, rawMapping } = data as RawInput<SegmentEvent[]>
    const events = rawEventsOf(data.payload, rawData, rawMapping, fields)
    return invokeBatch(request, data.settings, data.payload, events)
  }
}

export default action
