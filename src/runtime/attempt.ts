import { RetryableError } from '@segment/actions-core'
import type { JSONObject, SegmentEvent, Destination } from '@segment/actions-core'
import type { Settings } from '../destinations/livelike-cloud/generated-types'
import { wasAlreadyGranted } from './already-granted'
import { exchangesCarrying } from './carried'
import { recordExchanges } from './exchanges'
import { redact } from './redaction'
import { isRetryableStatus } from './retry-policy'
import type { Exchange, Subscription } from './types'

/** What one call of the destination meant for one event. */
export interface AttemptResult {
  ok: boolean
  status: number
  retryable: boolean
  message?: string
  /** Delivered because LiveLike had granted for this event's code before (Invoke Reward Action); nothing new granted. */
  alreadyGranted?: true
  /** The requests that carried this event and their answers, when the context asks for it; none when nothing was sent. */
  exchanges?: Exchange[]
}

export interface AttemptContext {
  destination: Destination<Settings>
  settings: { clientId: string; producerToken: string }
  subscription: Subscription
  /** Keep each call's requests and responses (for an observer). */
  recordExchanges?: boolean
}

interface MultiStatusEntry {
  status: number
  errortype?: string
  errormessage?: string
  /** What the destination sent LiveLike for this event; absent when it sent nothing for it. */
  sent?: unknown
  /** LiveLike's answer for this event, on a success. */
  body?: unknown
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

function fromMultiStatus(entry: MultiStatusEntry | undefined, action: string): AttemptResult {
  if (!entry) {
    return { ok: false, status: 500, retryable: true, message: 'The destination returned no result for this event.' }
  }
  const ok = isSuccess(entry.status)
  return {
    ok,
    status: entry.status,
    retryable: !ok && (entry.errortype === 'RETRYABLE_ERROR' || isRetryableStatus(entry.status)),
    message: entry.errormessage,
    ...(ok && wasAlreadyGranted(action, true, entry.body) && { alreadyGranted: true })
  }
}

function fromError(error: unknown): AttemptResult {
  const failure = error as { status?: unknown; response?: { status?: unknown }; message?: unknown }
  const raw = failure?.status ?? failure?.response?.status
  const status = typeof raw === 'number' ? raw : undefined
  return {
    ok: false,
    status: status ?? 0,
    retryable: error instanceof RetryableError || isRetryableStatus(status),
    message: typeof failure?.message === 'string' ? failure.message : String(error)
  }
}

// What the action returned for a single event: LiveLike's status when it returned it (see livelike-api.ts).
function fromOutput(results: unknown[], action: string): AttemptResult {
  const data = (results.at(-1) as { data?: { status?: unknown } } | undefined)?.data
  return {
    ok: true,
    status: typeof data?.status === 'number' ? data.status : 200,
    retryable: false,
    ...(wasAlreadyGranted(action, false, data) && { alreadyGranted: true })
  }
}

/**
 * Runs the destination once for some events of one subscription: `onBatch` when `batched`, else `onEvent` for the
 * single event. Resolves with one result per event, in order; never throws.
 */
export async function attempt(
  context: AttemptContext,
  events: SegmentEvent[],
  batched: boolean
): Promise<AttemptResult[]> {
  const { destination, settings, subscription } = context
  // actions-core reads the subscriptions to run from the settings, as Segment's pipeline passes them.
  const input = { ...settings, subscriptions: [subscription] } as unknown as JSONObject
  const recorder = context.recordExchanges ? recordExchanges(destination, settings.producerToken) : undefined
  const run = <T>(call: () => Promise<T>) => (recorder ? recorder.run(call) : call())
  let results: AttemptResult[]
  // Each event's share of the recorded requests: `undefined` gives every request of the call to every event.
  let sent: unknown[] | undefined
  try {
    if (batched) {
      const [result] = (await run(() => destination.onBatch(events, input))) as { multistatus?: MultiStatusEntry[] }[]
      const entries = events.map((_, index) => result?.multistatus?.[index])
      results = entries.map((entry) => fromMultiStatus(entry, subscription.partnerAction))
      sent = entries.map((entry) => entry?.sent)
    } else {
      const output = await run(() => destination.onEvent(events[0], input))
      results = [fromOutput(output, subscription.partnerAction)]
    }
  } catch (error) {
    results = events.map(() => fromError(error))
  } finally {
    // actions-core keeps every response it saw; a long-running process must not keep them.
    destination.responses.splice(0)
  }
  const exchanges = recorder?.exchanges()
  const carried = exchanges && sent && exchangesCarrying(exchanges, sent, settings.producerToken)
  return results.map((result, index) => ({
    ...result,
    message: result.message && redact(result.message, settings.producerToken),
    ...(exchanges && { exchanges: carried?.[index] ?? exchanges })
  }))
}
