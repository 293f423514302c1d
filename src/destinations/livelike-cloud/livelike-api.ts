import type { JSONLike, RequestClient } from '@segment/actions-core'
import { REQUEST_TIMEOUT_MS } from './constants'
import type { LiveLikeFailure } from './errors'
import { describeLiveLikeBody, failureForResponse, failureForTransport } from './errors'

export interface LiveLikeSuccess {
  ok: true
  status: number
  body: JSONLike
}

export type LiveLikeReply = LiveLikeSuccess | ({ ok: false } & LiveLikeFailure)

interface LiveLikeCall {
  method: 'GET' | 'POST'
  json?: unknown
  /** The Producer Token, so that it is redacted should LiveLike ever echo it back. */
  secret: string | undefined
}

/**
 * Calls LiveLike and never throws: every answer, error or not, comes back as a value,
 * so that a batch can report per event and a single event can throw the mapped error.
 */
export async function callLiveLike(request: RequestClient, url: string, call: LiveLikeCall): Promise<LiveLikeReply> {
  let response
  try {
    response = await request(url, {
      method: call.method,
      json: call.json,
      throwHttpErrors: false,
      timeout: REQUEST_TIMEOUT_MS,
      // Only the text actions-core reads into data and content is used: no need for it to copy the body first.
      skipResponseCloning: true
    })
  } catch (error) {
    return { ok: false, ...failureForTransport(error) }
  }
  const body = (response.data ?? response.content ?? '') as JSONLike
  if (response.ok) {
    return { ok: true, status: response.status, body }
  }
  const detail = describeLiveLikeBody(body, call.secret)
  return { ok: false, ...failureForResponse(response.status, detail, response.headers.get('retry-after')) }
}
