import { useState } from 'preact/hooks'
import type { ConsoleInfo, DeliveryOutcomeView, EventDetail } from '../shared/types'
import { getJson, sendJson } from './api'
import { EventView } from './detail'
import { SAMPLES } from './samples'

const EVERY = ''

function format(value: unknown): string {
  return JSON.stringify(value, null, 2)
}

function jsonProblem(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? undefined
      : 'A Segment event is a JSON object.'
  } catch (failure) {
    return `Not valid JSON: ${(failure as Error).message}`
  }
}

/**
 * Segment's Event tester, locally: an event sent through the same runner as every other (POST /events), then what
 * the destination made of it for each subscription, as Segment would show it.
 */
export function TesterPanel({ info }: { info: ConsoleInfo }) {
  const [text, setText] = useState(format(SAMPLES.track))
  const [focus, setFocus] = useState(EVERY)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string>()
  const [result, setResult] = useState<{ outcomes: DeliveryOutcomeView[]; detail?: EventDetail }>()
  const subscription = info.subscriptions.find((candidate) => candidate.name === focus)
  const problem = jsonProblem(text)

  const send = async () => {
    setError(undefined)
    setResult(undefined)
    if (problem) {
      setError(problem)
      return
    }
    const event = JSON.parse(text) as Record<string, unknown>
    // A fresh messageId per send, so that the result shown is this send's.
    const messageId = `tester-${crypto.randomUUID()}`
    setSending(true)
    try {
      const outcomes = await sendJson<DeliveryOutcomeView[]>('POST', '/events', { ...event, messageId })
      const detail = await getJson<EventDetail>(`/_console/api/events/${messageId}?wait=30`)
      setResult({ outcomes, detail })
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setSending(false)
    }
  }

  return (
    <section class="tester">
      <div class="editor">
        <div class="samples">
          {Object.keys(SAMPLES).map((name) => (
            <button key={name} class="sample" onClick={() => setText(format(SAMPLES[name]))}>
              {name}
            </button>
          ))}
        </div>
        <textarea
          aria-label="Segment event"
          spellcheck={false}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <p class={problem ? 'error json-state' : 'muted json-state'}>{problem ?? 'Valid JSON.'}</p>
        <label>
          Subscription{' '}
          <select aria-label="subscription" value={focus} onChange={(event) => setFocus(event.currentTarget.value)}>
            <option value={EVERY}>every subscription</option>
            {info.subscriptions.map((candidate) => (
              <option key={candidate.name} value={candidate.name}>
                {candidate.name} ({candidate.partnerAction})
              </option>
            ))}
          </select>
        </label>
        {subscription && <p class="mono muted fql">{subscription.subscribe}</p>}
        <button class="primary" onClick={send} disabled={sending}>
          {sending ? 'Sending…' : 'Send event'}
        </button>
        {error && <p class="error">{error}</p>}
      </div>
      <div class="result">
        {result?.detail ? (
          <>
            {subscription && !result.outcomes.some((outcome) => outcome.subscription === subscription.name) && (
              <p class="notice">
                {subscription.name} does not subscribe to this event ({subscription.subscribe}); it went through the
                subscriptions below.
              </p>
            )}
            <EventView detail={result.detail} focus={focus || undefined} tester />
          </>
        ) : (
          <p class="muted">
            Pick a sample or write a Segment event, then send it: it goes through every subscription of this server (
            {info.subscriptions.map((candidate) => candidate.name).join(', ')}), and the result for each shows here.
          </p>
        )}
      </div>
    </section>
  )
}
