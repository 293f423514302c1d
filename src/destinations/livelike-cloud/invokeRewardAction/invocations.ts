import { MultiStatusResponse, PayloadValidationError } from '@segment/actions-core'
import type { JSONLikeObject, RequestClient, SegmentEvent } from '@segment/actions-core'
import type { LiveLikeFailure } from '../errors'
import type { Settings } from '../generated-types'
import type { LiveLikeReply, LiveLikeSuccess } from '../livelike-api'
import { callLiveLike } from '../livelike-api'
import { batchInvokedActionsUrl, invokedActionsUrl } from '../urls'
import { toBatchInvocation, toInvocation } from './functions'
import type { Payload } from './generated-types'
import {
  ALREADY_GRANTED_BATCH_STATUS,
  ALREADY_USED_DETAIL,
  failedUpdate,
  isAlreadyUsed,
  refusedInvocation,
  wasAlreadyGranted
} from './outcomes'
import type { BatchUpdateResult, Invocation } from './types'

/** LiveLike's answer to one invocation; `alreadyGranted` when LiveLike had granted for its code before (409). */
export type InvocationResult = LiveLikeSuccess & { alreadyGranted: boolean }

/** Reads a LiveLike reply to an invocation request: a success, an already used code, or the failure to report. */
function outcomeOf(reply: LiveLikeReply, invocation: Invocation): InvocationResult | LiveLikeFailure {
  if (reply.ok) {
    return { ...reply, alreadyGranted: false }
  }
  if (reply.status === 409 && isAlreadyUsed(reply.body)) {
    return { ok: true, status: 409, body: { detail: reply.body ?? '' }, alreadyGranted: true }
  }
  if (reply.status === 400 || reply.status === 404) {
    return refusedInvocation(reply.status, reply.body ?? '', invocation)
  }
  return reply
}

const isResult = (outcome: InvocationResult | LiveLikeFailure): outcome is InvocationResult =>
  'ok' in outcome && outcome.ok

/** One event: `POST /invoked-actions/`; throws the mapped Segment error, or returns LiveLike's answer. */
export async function invokeOne(
  request: RequestClient,
  settings: Settings,
  payload: Payload,
  event?: SegmentEvent
): Promise<InvocationResult> {
  const invocation = toInvocation(payload, event)
  const reply = await callLiveLike(request, invokedActionsUrl(), {
    method: 'POST',
    json: invocation,
    secret: settings.producerToken
  })
  const outcome = outcomeOf(reply, invocation)
  if (!isResult(outcome)) {
    throw outcome.error
  }
  return outcome
}

function updatesOf(body: unknown): BatchUpdateResult[] {
  const updates = (body as { updates?: unknown } | undefined)?.updates
  return Array.isArray(updates) ? (updates as BatchUpdateResult[]) : []
}

interface Pending {
  index: number
  invocation: Invocation
}

function reportFailure(response: MultiStatusResponse, index: number, failure: LiveLikeFailure, sent?: object) {
  response.setErrorResponseAtIndex(index, {
    status: failure.status,
    errortype: failure.errortype,
    errormessage: failure.error.message,
    ...(sent && { sent: sent as JSONLikeObject }),
    ...(failure.body && { body: failure.body })
  })
}

/** The invocations of one program in one `POST /batch-invoked-actions/`, each reported from its own update. */
async function invokeProgram(
  request: RequestClient,
  settings: Settings,
  programId: string,
  group: Pending[],
  response: MultiStatusResponse
): Promise<void> {
  const body = toBatchInvocation(
    programId,
    group.map((pending) => pending.invocation)
  )
  const reply = await callLiveLike(request, batchInvokedActionsUrl(), {
    method: 'POST',
    json: body,
    secret: settings.producerToken
  })
  // LiveLike answers the updates in request order.
  const results = reply.ok ? updatesOf(reply.body) : []
  group.forEach(({ index, invocation }, position) => {
    const sent = body.updates[position]
    const outcome = reply.ok ? undefined : outcomeOf(reply, invocation)
    if (outcome && !isResult(outcome)) {
      reportFailure(response, index, outcome, sent)
      return
    }
    const result = results[position]
    const failure = reply.ok ? failedUpdate(result, invocation) : undefined
    if (failure) {
      reportFailure(response, index, failure, sent)
      return
    }
    // Past a failure, what is left is a granted update, or a whole request LiveLike answered `code already used.`
    const answer = reply.ok ? result : { detail: ALREADY_USED_DETAIL }
    response.setSuccessResponseAtIndex(index, {
      status: !reply.ok || wasAlreadyGranted(result) ? ALREADY_GRANTED_BATCH_STATUS : reply.status,
      sent: sent as unknown as JSONLikeObject,
      body: answer as unknown as JSONLikeObject
    })
  })
}

/**
 * A batch: invalid events are reported where they stand and never sent; the others go to LiveLike one request per
 * program (batch_keys already makes a batch share one) and each gets the result of its own update. `events[i]` is
 * payload i's raw event, when known.
 */
export async function invokeBatch(
  request: RequestClient,
  settings: Settings,
  payloads: Payload[],
  events: (SegmentEvent | undefined)[] = []
): Promise<MultiStatusResponse> {
  const response = new MultiStatusResponse()
  const byProgram = new Map<string, Pending[]>()
  payloads.forEach((payload, index) => {
    try {
      const invocation = toInvocation(payload, events[index])
      const group = byProgram.get(invocation.program_id)
      if (group) {
        group.push({ index, invocation })
      } else {
        byProgram.set(invocation.program_id, [{ index, invocation }])
      }
    } catch (error) {
      if (!(error instanceof PayloadValidationError)) {
        throw error
      }
      response.setErrorResponseAtIndex(index, {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: error.message
      })
    }
  })
  await Promise.all(
    [...byProgram].map(([programId, group]) => invokeProgram(request, settings, programId, group, response))
  )
  return response
}
