import { MultiStatusResponse, PayloadValidationError } from '@segment/actions-core'
import type { SegmentEvent, JSONLikeObject, RequestClient } from '@segment/actions-core'
import type { LiveLikeFailure } from './errors'
import type { LiveLikeSuccess } from './livelike-api'
import { callLiveLike } from './livelike-api'
import type { Settings } from './generated-types'

/** How one action turns its payloads into a LiveLike request. */
export interface DeliveryPlan<Payload, Item extends object> {
  url: (settings: Settings) => string
  /**
   * Validates one payload and builds what LiveLike receives for it; throws PayloadValidationError.
   * `event` is the raw Segment event the payload was mapped from, when it is known.
   */
  toItem: (payload: Payload, event: SegmentEvent | undefined) => Item
  body: (items: Item[]) => unknown
}

type Outcome = { ok: true; sent: object; reply: LiveLikeSuccess } | ({ ok: false; sent?: object } & LiveLikeFailure)

interface Pending<Item> {
  index: number
  item: Item
}

// Statuses with which LiveLike may reject a whole request because of some of its items: worth splitting.
const ISOLATABLE_STATUSES = new Set([400, 413, 422])
// Requests in flight at once while isolating, so that a batch LiveLike rejects whole cannot flood it.
const MAX_PARALLEL_REQUESTS = 8

function halves<T>(items: T[]): T[][] {
  const middle = Math.ceil(items.length / 2)
  return [items.slice(0, middle), items.slice(middle)]
}

/** Validates every payload; those that fail get their outcome at once and are not sent. */
function prepare<Payload, Item extends object>(
  payloads: Payload[],
  events: (SegmentEvent | undefined)[],
  plan: DeliveryPlan<Payload, Item>,
  outcomes: Outcome[]
): Pending<Item>[] {
  const pending: Pending<Item>[] = []
  payloads.forEach((payload, index) => {
    try {
      pending.push({ index, item: plan.toItem(payload, events[index]) })
    } catch (error) {
      if (!(error instanceof PayloadValidationError)) {
        throw error
      }
      outcomes[index] = { ok: false, status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', error }
    }
  })
  return pending
}

/**
 * Sends the payloads in one request and finds, halving round by round, the items LiveLike rejects on their own.
 * Every payload ends with exactly one outcome; only items LiveLike accepted end successful.
 */
async function deliver<Payload, Item extends object>(
  request: RequestClient,
  settings: Settings,
  payloads: Payload[],
  plan: DeliveryPlan<Payload, Item>,
  events: (SegmentEvent | undefined)[]
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(payloads.length)
  const pending = prepare(payloads, events, plan, outcomes)
  if (pending.length === 0) {
    return outcomes
  }
  const url = plan.url(settings)

  const post = async (group: Pending<Item>[]): Promise<Pending<Item>[][]> => {
    const reply = await callLiveLike(request, url, {
      method: 'POST',
      json: plan.body(group.map(({ item }) => item)),
      secret: settings.producerToken
    })
    if (!reply.ok && group.length > 1 && ISOLATABLE_STATUSES.has(reply.status)) {
      return halves(group)
    }
    for (const { index, item } of group) {
      outcomes[index] = reply.ok ? { ok: true, sent: item, reply } : { ...reply, sent: item }
    }
    return []
  }

  let round = [pending]
  while (round.length > 0) {
    const next: Pending<Item>[][] = []
    for (let start = 0; start < round.length; start += MAX_PARALLEL_REQUESTS) {
      const splits = await Promise.all(round.slice(start, start + MAX_PARALLEL_REQUESTS).map(post))
      next.push(...splits.flat())
    }
    round = next
  }
  return outcomes
}

/** One event: throws the mapped Segment error, or returns what LiveLike answered. */
export async function sendOne<Payload, Item extends object>(
  request: RequestClient,
  settings: Settings,
  payload: Payload,
  plan: DeliveryPlan<Payload, Item>,
  event?: SegmentEvent
): Promise<LiveLikeSuccess> {
  const [outcome] = await deliver(request, settings, [payload], plan, [event])
  if (!outcome.ok) {
    throw outcome.error
  }
  return outcome.reply
}

/** A batch: one result per payload, in order; an API answer never throws. `events[i]` is payload i's raw event. */
export async function sendBatch<Payload, Item extends object>(
  request: RequestClient,
  settings: Settings,
  payloads: Payload[],
  plan: DeliveryPlan<Payload, Item>,
  events: (SegmentEvent | undefined)[] = []
): Promise<MultiStatusResponse> {
  const outcomes = await deliver(request, settings, payloads, plan, events)
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
        ...(outcome.sent && { sent: outcome.sent as JSONLikeObject }),
        ...(outcome.body && { body: outcome.body })
      })
    }
  })
  return response
}
