import { JSONLikeObject, MultiStatusResponse, PayloadValidationError, RequestClient } from '@segment/actions-core'
import type { LiveLikeFailure } from './errors'
import { callLiveLike, LiveLikeSuccess } from './livelike-api'
import type { Settings } from './generated-types'

/** How one action turns its payloads into a LiveLike request. */
export interface DeliveryPlan<Payload, Item extends object> {
  url: (settings: Settings) => string
  /** Validates one payload and builds what LiveLike receives for it; throws PayloadValidationError. */
  toItem: (payload: Payload) => Item
  body: (items: Item[]) => unknown
}

type Outcome = { ok: true; sent: object; reply: LiveLikeSuccess } | ({ ok: false; sent?: object } & LiveLikeFailure)

interface Pending<Item> {
  index: number
  item: Item
}

// Statuses with which LiveLike may reject a whole request because of some of its items: worth splitting.
const ISOLATABLE_STATUSES = new Set([400, 413, 422])

/**
 * Sends the payloads in one request and finds, by halving, the items LiveLike rejects on their own.
 * Every payload ends with exactly one outcome; only items LiveLike accepted end successful.
 */
async function deliver<Payload, Item extends object>(
  request: RequestClient,
  settings: Settings,
  payloads: Payload[],
  plan: DeliveryPlan<Payload, Item>
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(payloads.length)
  const pending: Pending<Item>[] = []
  payloads.forEach((payload, index) => {
    try {
      pending.push({ index, item: plan.toItem(payload) })
    } catch (error) {
      if (!(error instanceof PayloadValidationError)) {
        throw error
      }
      outcomes[index] = { ok: false, status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', error }
    }
  })
  const url = pending.length > 0 ? plan.url(settings) : ''

  const post = async (group: Pending<Item>[]): Promise<void> => {
    const reply = await callLiveLike(request, url, {
      method: 'POST',
      json: plan.body(group.map(({ item }) => item)),
      secret: settings.producerToken
    })
    if (!reply.ok && group.length > 1 && ISOLATABLE_STATUSES.has(reply.status)) {
      const middle = Math.ceil(group.length / 2)
      await Promise.all([post(group.slice(0, middle)), post(group.slice(middle))])
      return
    }
    for (const { index, item } of group) {
      outcomes[index] = reply.ok ? { ok: true, sent: item, reply } : { ...reply, sent: item }
    }
  }

  if (pending.length > 0) {
    await post(pending)
  }
  return outcomes
}

/** One event: throws the mapped Segment error, or returns what LiveLike answered. */
export async function sendOne<Payload, Item extends object>(
  request: RequestClient,
  settings: Settings,
  payload: Payload,
  plan: DeliveryPlan<Payload, Item>
): Promise<LiveLikeSuccess> {
  const [outcome] = await deliver(request, settings, [payload], plan)
  if (!outcome.ok) {
    throw outcome.error
  }
  return outcome.reply
}

/** A batch: one result per payload, in order; an API answer never throws. */
export async function sendBatch<Payload, Item extends object>(
  request: RequestClient,
  settings: Settings,
  payloads: Payload[],
  plan: DeliveryPlan<Payload, Item>
): Promise<MultiStatusResponse> {
  const outcomes = await deliver(request, settings, payloads, plan)
  const response = new MultiStatusResponse()
  outcomes.forEach((outcome, index) => {
    if (outcome.ok) {
      response.setSuccessResponseAtIndex(index, {
        status: outcome.reply.status,
        sent: outcome.sent as JSONLikeObject,
        body: outcome.reply.body as JSONLikeObject | string
      })
    } else {
      response.setErrorResponseAtIndex(index, {
        status: outcome.status,
        errortype: outcome.errortype,
        errormessage: outcome.error.message,
        ...(outcome.sent && { sent: outcome.sent as JSONLikeObject })
      })
    }
  })
  return response
}
