import type { ActionDefinition } from '@segment/actions-core'
import { sendBatch, sendOne, type DeliveryPlan } from '../delivery'
import type { Settings } from '../generated-types'
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

const action: ActionDefinition<Settings, Payload> = {
  title: 'Send Event',
  description:
    'Send a track, page or screen call to LiveLike as an event, so that LiveLike can grant rewards and run automations when your users act.',
  defaultSubscription: 'type = "track"',
  fields,
  perform: (request, { settings, payload }) => sendOne(request, settings, payload, eventDelivery),
  performBatch: (request, { settings, payload }) => sendBatch(request, settings, payload, eventDelivery)
}

export default action
