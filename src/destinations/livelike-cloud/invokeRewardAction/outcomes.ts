import { IntegrationError, PayloadValidationError, RetryableError } from '@segment/actions-core'
import type { LiveLikeFailure } from '../errors'
import { answered } from '../errors'
import { fields } from './fields'
import { identityFieldOf } from './functions'
import type { BatchActionResult, BatchUpdateResult, IdentityField, Invocation } from './types'

/**
 * LiveLike's words, in one place. `code already used.` is its answer to a code it has already granted for: for
 * Segment a success, since the reward was granted before. The batch statuses are not in LiveLike's public schema:
 * `success` is the one we read as success, any other as a failure.
 */
export const ALREADY_USED_DETAIL = 'code already used.'
const BATCH_SUCCESS = 'success'

/** The status a batch event that was already granted reports: a success, with nothing new created. */
export const ALREADY_GRANTED_BATCH_STATUS = 200

const withoutFullStop = (text: string) => text.trim().replace(/\.$/, '').toLowerCase()

export function isAlreadyUsed(detail: unknown): boolean {
  return typeof detail === 'string' && withoutFullStop(detail) === withoutFullStop(ALREADY_USED_DETAIL)
}

type FieldKey = keyof typeof fields

/** The field LiveLike's detail points at; the identity field when it names none. */
function fieldToFix(detail: string, identity: IdentityField): FieldKey {
  if (/program/i.test(detail)) return 'program_id'
  if (/reward[\s_-]*action|action[\s_-]*key/i.test(detail)) return 'reward_action_key'
  if (/attribute/i.test(detail)) return 'attributes'
  if (/\bcode\b/i.test(detail)) return 'code'
  return identity
}

const fieldName = (key: FieldKey) => `${fields[key].label} (${key})`

/**
 * Maps LiveLike's refusal of an invocation (400 or 404) to the error Segment should see, naming the field to fix.
 * Neither is retried: the same event would be refused again.
 */
export function refusedInvocation(status: 400 | 404, detail: string, invocation: Invocation): LiveLikeFailure {
  const field = fieldName(fieldToFix(detail, identityFieldOf(invocation)))
  const reason = answered(status, detail)
  if (status === 404) {
    return {
      status,
      errortype: 'NOT_FOUND',
      body: detail,
      error: new IntegrationError(
        `${reason} LiveLike has no such profile, program or reward action in this application: check the field ${field}.`,
        'NOT_FOUND',
        404
      )
    }
  }
  return {
    status,
    errortype: 'PAYLOAD_VALIDATION_FAILED',
    body: detail,
    error: new PayloadValidationError(`${reason} Correct the field ${field} in the mapping.`)
  }
}

const NO_PROFILE = /no profile|profile.*not (be )?found|not found/i

/** An update of a batch answer and its reward actions, each with its own status and reason. */
function entriesOf(result: BatchUpdateResult): Pick<BatchUpdateResult, 'status' | 'reason'>[] {
  const actions: unknown[] = Array.isArray(result.reward_actions) ? result.reward_actions : []
  return [result, ...actions.filter((entry): entry is BatchActionResult => typeof entry === 'object' && entry !== null)]
}

/** What one update of a batch answer means for its event: undefined for a success (or a code already used). */
export function failedUpdate(
  result: BatchUpdateResult | undefined,
  invocation: Invocation
): LiveLikeFailure | undefined {
  if (!result) {
    return {
      status: 502,
      errortype: 'RETRYABLE_ERROR',
      error: new RetryableError(
        "LiveLike's answer has no result for this event; Segment will retry, and its code keeps LiveLike from granting it twice.",
        502
      )
    }
  }
  const failed = entriesOf(result).find((entry) => entry.status !== BATCH_SUCCESS && !isAlreadyUsed(entry.reason))
  if (!failed) {
    return undefined
  }
  const detail = failed.reason ?? `status ${String(failed.status)}`
  return refusedInvocation(NO_PROFILE.test(detail) ? 404 : 400, detail, invocation)
}

/** Whether a batch update ended as already granted rather than newly granted. */
export function wasAlreadyGranted(result: BatchUpdateResult): boolean {
  return entriesOf(result).some((entry) => isAlreadyUsed(entry.reason))
}
