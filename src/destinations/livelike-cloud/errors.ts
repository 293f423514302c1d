import type { ErrorCodes } from '@segment/actions-core'
import {
  APIError,
  getErrorCodeFromHttpStatus,
  InvalidAuthenticationError,
  PayloadValidationError,
  RetryableError
} from '@segment/actions-core'
import { REQUEST_TIMEOUT_MS } from './constants'

/** What one failed call to LiveLike means for Segment. */
export interface LiveLikeFailure {
  /** The status Segment records for every item of the call (drives Segment's retry decision). */
  status: number
  errortype: keyof typeof ErrorCodes
  /** What a single-event call throws. It never holds the request, so the Producer Token cannot leak through it. */
  error: Error
  /** What LiveLike answered, summarised and with the Producer Token redacted, when it answered at all. */
  body?: string
}

const DETAIL_MAX_LENGTH = 300
const REDACTED = '[redacted]'

type RetryableStatus = ConstructorParameters<typeof RetryableError>[1]

/** The HTTP statuses Segment's pipeline retries: 408, 423, 429 and every 5xx but 501. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 423 || status === 429 || (status >= 500 && status !== 501)
}

/** LiveLike answers errors Django REST style ({"detail": "..."}); anything else is summarised. */
export function describeLiveLikeBody(body: unknown, secret: string | undefined): string {
  let text = ''
  if (body && typeof body === 'object') {
    const detail = (body as { detail?: unknown }).detail
    text = typeof detail === 'string' ? detail : JSON.stringify(body)
  } else if (typeof body === 'string') {
    text = body.replace(/\s+/g, ' ').trim()
  }
  if (secret) {
    text = text.split(secret).join(REDACTED)
  }
  return text.length > DETAIL_MAX_LENGTH ? `${text.slice(0, DETAIL_MAX_LENGTH)}…` : text
}

/** "LiveLike answered 400: <detail>" as a sentence, ending in one full stop whatever the detail ends with. */
export function answered(status: number, detail: string): string {
  const sentence = detail ? `LiveLike answered ${status}: ${detail}` : `LiveLike answered ${status}`
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`
}

// Retry-After holds either a number of seconds or an HTTP date.
function retryAfterHint(retryAfter: string | null): string {
  if (!retryAfter) {
    return ''
  }
  return /^\d+$/.test(retryAfter.trim())
    ? ` LiveLike asked to wait ${retryAfter.trim()} s.`
    : ` LiveLike asked to wait until ${retryAfter.trim().slice(0, 40)}.`
}

/** Maps a LiveLike HTTP answer that is not 2xx to the error Segment should see. */
export function failureForResponse(status: number, detail: string, retryAfter: string | null = null): LiveLikeFailure {
  return { ...classifyResponse(status, detail, retryAfter), body: detail }
}

function classifyResponse(status: number, detail: string, retryAfter: string | null): LiveLikeFailure {
  const reason = answered(status, detail)
  if (status === 401 || status === 403) {
    return {
      status,
      errortype: 'INVALID_AUTHENTICATION',
      error: new InvalidAuthenticationError(
        `${reason} Check the Producer Token and Client ID settings: copy both again from the LiveLike Producer Suite (Integrations > Segment).`
      )
    }
  }
  if (isRetryableStatus(status)) {
    return {
      status,
      errortype: getErrorCodeFromHttpStatus(status),
      error: new RetryableError(
        `${reason} LiveLike is busy or unavailable; Segment will retry.${retryAfterHint(retryAfter)}`,
        status as RetryableStatus
      )
    }
  }
  if (status === 413) {
    return {
      status,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      error: new PayloadValidationError(
        `${reason} The event is too large for LiveLike: send fewer or smaller properties.`
      )
    }
  }
  if (status === 501) {
    return {
      status,
      errortype: getErrorCodeFromHttpStatus(status),
      error: new APIError(
        `${reason} LiveLike does not support this request: contact LiveLike support, as no change to the event will fix it.`,
        status
      )
    }
  }
  if (status === 404) {
    return {
      status,
      errortype: getErrorCodeFromHttpStatus(status),
      error: new APIError(
        `${reason} LiveLike has no application with this Client ID: check the Client ID setting.`,
        status
      )
    }
  }
  return {
    status,
    errortype: getErrorCodeFromHttpStatus(status),
    error: new APIError(
      `${reason} LiveLike rejected the data: correct the mapping or the event and send it again.`,
      status
    )
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name
  return name === 'TimeoutError' || name === 'RequestTimeoutError'
}

function networkCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'network error'
}

/** Maps a call that got no HTTP answer (timeout, reset, DNS) to a retryable failure. */
export function failureForTransport(error: unknown): LiveLikeFailure {
  const [status, message] = isTimeout(error)
    ? ([408, `LiveLike did not answer within ${REQUEST_TIMEOUT_MS / 1000} s; Segment will retry.`] as const)
    : ([503, `Could not reach LiveLike (${networkCode(error)}); Segment will retry.`] as const)
  return { status, errortype: 'RETRYABLE_ERROR', error: new RetryableError(message, status) }
}
