import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { AttemptView, EventDetail, ExchangeView, FateView } from '../shared/types'
import { getJson } from './api'
import type { Changes } from './app'
import { ALREADY_GRANTED, pretty, stageLabel, time } from './format'

function Headers({ headers }: { headers: Record<string, string> }) {
  return (
    <table class="headers">
      <tbody>
        {Object.entries(headers).map(([name, value]) => (
          <tr key={name}>
            <th>{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Pane({ title, children, name }: { title: string; name: string; children: ComponentChildren }) {
  return (
    <div class="pane" data-pane={name}>
      <h4>{title}</h4>
      {children}
    </div>
  )
}

function itemsIn(body: string): number {
  try {
    const parsed = JSON.parse(body) as unknown
    const items = Array.isArray(parsed) ? parsed : (parsed as { events?: unknown[] })?.events
    return Array.isArray(items) ? items.length : 1
  } catch {
    return 1
  }
}

/** `refusal`: why nothing was sent, when the attempt ended before any request carried this event. */
export function RequestPane({ exchange, refusal }: { exchange?: ExchangeView; refusal?: string }) {
  const batchSize = exchange ? itemsIn(exchange.request.body) : 0
  return (
    <Pane title="Request to LiveLike" name="request">
      {exchange ? (
        <>
          <p class="mono">
            {exchange.request.method} {exchange.request.url}
          </p>
          {batchSize > 1 && (
            <p class="muted">One request for {batchSize} events (a batch); this event is among them.</p>
          )}
          <Headers headers={exchange.request.headers} />
          <pre>{pretty(exchange.request.body)}</pre>
        </>
      ) : (
        <>
          <p class="muted">No request was sent: this event never reached LiveLike.</p>
          {refusal && <p class="message">{refusal}</p>}
        </>
      )}
    </Pane>
  )
}

export function ResponsePane({ exchange }: { exchange?: ExchangeView }) {
  return (
    <Pane title="LiveLike's answer" name="response">
      {exchange ? (
        <>
          <p class="mono" data-status={exchange.response.status}>
            {exchange.response.status} {exchange.response.statusText}
          </p>
          <Headers headers={exchange.response.headers} />
          <pre>{pretty(exchange.response.body)}</pre>
        </>
      ) : (
        <p class="muted">No answer.</p>
      )}
    </Pane>
  )
}

function AttemptsPane({
  fate,
  chosen,
  onChoose
}: {
  fate?: FateView
  chosen: number
  onChoose: (index: number) => void
}) {
  return (
    <Pane title="Attempts" name="attempts">
      {fate && fate.attempts.length > 0 ? (
        <ol class="attempts">
          {fate.attempts.map((attempt: AttemptView, index) => (
            <li
              key={attempt.number}
              class={index === chosen ? 'selected' : ''}
              onClick={() => onChoose(index)}
              data-attempt={attempt.number}
            >
              <span class="mono">
                #{attempt.number} · {time(attempt.at, true)} · waited {attempt.waitedMs} ms · {attempt.status}
                {attempt.retryAfter !== undefined && ` · Retry-After ${attempt.retryAfter}`}
              </span>
              <p class={attempt.ok ? 'muted' : 'message'}>
                {attempt.message ?? (attempt.ok ? (attempt.alreadyGranted ? ALREADY_GRANTED : 'accepted') : '')}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">No attempt: nothing was sent for this event.</p>
      )}
    </Pane>
  )
}

function Fates({ fates, chosen, onChoose }: { fates: FateView[]; chosen: number; onChoose: (index: number) => void }) {
  return (
    <ul class="fates">
      {fates.map((fate, index) => (
        <li
          key={fate.subscription ?? '-'}
          class={index === chosen ? 'selected' : ''}
          onClick={() => onChoose(index)}
          data-fate={fate.subscription ?? 'none'}
        >
          <span class={`badge stage-${fate.stage}`}>{stageLabel(fate.stage, fate.reason)}</span>
          <strong>{fate.subscription ?? 'no subscription'}</strong>
          {fate.action && <span class="muted"> ({fate.action})</span>}
          {fate.alreadyGranted && (
            <p class="already-granted">
              {ALREADY_GRANTED}: LiveLike had granted for this code before, so nothing new was granted.
            </p>
          )}
          {fate.message && <p class="message">{fate.message}</p>}
        </li>
      ))}
    </ul>
  )
}

/**
 * The request of an attempt that settled this event: the attempt lists only the requests that carried it, and when
 * LiveLike refused a batch whole, the smaller ones sent after it decided.
 */
function exchangeOf(detail: EventDetail, attempt: AttemptView | undefined): ExchangeView | undefined {
  const last = attempt?.exchanges.at(-1)
  return last === undefined ? undefined : detail.exchanges[last]
}

/** What LiveLike received for this event: its item in the request body, found by messageId when there are several. */
export function mappedPayload(detail: EventDetail, exchange: ExchangeView | undefined): unknown {
  if (!exchange) {
    return undefined
  }
  let body: unknown
  try {
    body = JSON.parse(exchange.request.body)
  } catch {
    return exchange.request.body
  }
  const items = Array.isArray(body) ? body : (body as { events?: unknown[] })?.events
  if (!Array.isArray(items)) {
    return body
  }
  const own = items.filter((item) => JSON.stringify(item).includes(detail.messageId))
  return own.length === 1 ? own[0] : items.length === 1 ? items[0] : items
}

/** One event, side by side: what was sent, the request to LiveLike, its answer and every attempt. */
export function EventView({
  detail,
  focus,
  tester = false
}: {
  detail: EventDetail
  focus?: string
  tester?: boolean
}) {
  const focused = detail.fates.findIndex((fate) => fate.subscription === focus)
  const [fateIndex, setFateIndex] = useState(Math.max(0, focused))
  const fate = detail.fates[fateIndex] ?? detail.fates[0]
  const [attemptIndex, setAttemptIndex] = useState<number>()
  const chosenAttempt = attemptIndex ?? (fate ? fate.attempts.length - 1 : 0)
  const attempt = fate?.attempts[chosenAttempt]
  const exchange = exchangeOf(detail, attempt)
  useEffect(() => setFateIndex(Math.max(0, focused)), [focused])

  return (
    <div class="event-view" data-message-id={detail.messageId}>
      <p class="mono heading">
        {detail.type} {detail.name ?? ''} · {detail.messageId} · source {detail.source} · received {detail.receivedAt}
      </p>
      <Fates
        fates={detail.fates}
        chosen={fateIndex}
        onChoose={(index) => {
          setFateIndex(index)
          setAttemptIndex(undefined)
        }}
      />
      <div class="panes">
        {tester ? (
          <Pane title="Mapped payload" name="mapped">
            <pre>{JSON.stringify(mappedPayload(detail, exchange), null, 2) ?? 'Nothing was mapped.'}</pre>
          </Pane>
        ) : (
          <Pane title="Segment event" name="event">
            <pre>{JSON.stringify(detail.event, null, 2)}</pre>
          </Pane>
        )}
        <RequestPane exchange={exchange} refusal={attempt && !exchange ? attempt.message : undefined} />
        <ResponsePane exchange={exchange} />
        <AttemptsPane fate={fate} chosen={chosenAttempt} onChoose={setAttemptIndex} />
      </div>
    </div>
  )
}

/** The selected event of the stream, kept up to date as its delivery goes on. */
export function DetailPanel({ messageId, changes }: { messageId: string; changes: Changes }) {
  const [detail, setDetail] = useState<EventDetail>()
  const [error, setError] = useState<string>()
  const changed = changes.seqs === 'all' || detail === undefined || changes.seqs.has(detail.seq)

  useEffect(() => {
    if (!changed && detail?.messageId === messageId) {
      return
    }
    let current = true
    getJson<EventDetail>(`/_console/api/events/${encodeURIComponent(messageId)}`).then(
      (answer) => current && (setDetail(answer), setError(undefined)),
      (failure: Error) => current && setError(failure.message)
    )
    return () => {
      current = false
    }
  }, [messageId, changes.version])

  if (error) {
    return <p class="error">{error}</p>
  }
  return detail && detail.messageId === messageId ? <EventView detail={detail} /> : <p class="muted">loading</p>
}
