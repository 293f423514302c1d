/**
 * The Invoke Reward Action paths of the bench: the action itself, single and batched, and beside it a minimal batch
 * destination that posts its mapped payloads as they are to the batch endpoint (no validation, no per-event results).
 */
import { createTestEvent, defaultValues, Destination } from '@segment/actions-core'
import type { DestinationDefinition, JSONObject, SegmentEvent } from '@segment/actions-core'
import ours from '../../src/destinations/livelike-cloud'
import type { Settings } from '../../src/destinations/livelike-cloud/generated-types'
import { batchInvokedActionsUrl } from '../../src/destinations/livelike-cloud/urls'
import { BENCH_SETTINGS as settings, EVENT_POOL, eventSender, isFailure } from './event-sender'
import { inGroupsOf } from './events'
import type { Sender } from './senders'

const PROGRAM_ID = '8b1f6c2e-4d3a-4c5b-9e7f-0a1b2c3d4e5f'
const SUBSCRIBE = 'type = "track"'

/** Order Completed calls, each with a LiveLike profile ID (a UUID, as the action requires) and an order ID. */
function orderEvents(count: number): SegmentEvent[] {
  return Array.from({ length: count }, (_, i) =>
    createTestEvent({
      type: 'track',
      event: 'Order Completed',
      messageId: `bench-${i}`,
      userId: `user-${i % 101}`,
      properties: {
        livelike_profile_id: `3f1c9a2e-7b5d-4e8a-9c61-${String(i % 97).padStart(12, '0')}`,
        order_id: `order-${i}`,
        total: i
      }
    })
  )
}

/** A customer's mapping: the action's defaults, a reward action and a program picked, the code an order ID. */
const mapping: JSONObject = {
  ...defaultValues(ours.actions.invokeRewardAction.fields),
  reward_action_key: 'purchase',
  program_id: PROGRAM_ID,
  code: { '@path': '$.properties.order_id' },
  attributes: { total: { '@path': '$.properties.total' } }
}

/** The same fields, posted as mapped to `POST /batch-invoked-actions/`: what a batch costs with nothing around it. */
function minimalDefinition(): DestinationDefinition<Settings> {
  const { fields } = ours.actions.invokeRewardAction
  return {
    ...ours,
    presets: [],
    actions: {
      invokeRewardAction: {
        title: 'Minimal reward batch',
        description: 'Posts the mapped payloads as they are.',
        fields,
        perform: () => undefined,
        performBatch: (request, { payload }) =>
          request(batchInvokedActionsUrl(), {
            method: 'POST',
            json: { program_id: PROGRAM_ID, updates: payload },
            throwHttpErrors: false
          })
      }
    }
  }
}

function sender(definition: DestinationDefinition<Settings>, perSend: number): Sender {
  const destination = new Destination(definition)
  const subscribed = {
    ...settings,
    subscription: { subscribe: SUBSCRIBE, partnerAction: 'invokeRewardAction', mapping }
  }
  const events = orderEvents(EVENT_POOL)
  if (perSend === 1) {
    return eventSender(destination, events, subscribed)
  }
  const batches = inGroupsOf(events, perSend)
  return {
    eventsPerSend: perSend,
    forget: () => void destination.responses.splice(0),
    send: async (n) => {
      const results = await destination.onBatch(batches[n % batches.length], subscribed)
      const statuses = results.flatMap((result) => result.multistatus ?? [])
      if (statuses.length > 0) {
        return statuses.filter((item) => isFailure(item.status)).length
      }
      // The minimal destination returns LiveLike's response for the whole batch.
      const response = destination.responses[destination.responses.length - 1]
      return isFailure(response?.status) ? perSend : 0
    }
  }
}

export const invokeSender = (perSend: number): Sender => sender(ours, perSend)
export const minimalInvokeSender = (perSend: number): Sender => sender(minimalDefinition(), perSend)
