import { useEffect, useMemo, useState } from 'preact/hooks'
import type {
  ActionView,
  MappingDraft,
  MappingsView,
  MappingTestResult,
  PreviewResult,
  TriggerCheck
} from '../shared/mappings'
import type { EventDetail, EventPage, EventSummary } from '../shared/types'
import { getJson, sendJson } from './api'
import { EventView } from './detail'
import { eventPaths } from './event-paths'
import { FieldEditor } from './mapping-field'
import { defaultMapping } from './mapping-values'
import { SAMPLES } from './samples'
import { triggerProblem } from './trigger-problem'
import { useDebounced } from './use-debounced'

interface EditorProps {
  actions: ActionView[]
  /** The subscription as saved, when editing one; a new one otherwise. */
  original?: MappingDraft
  onSaved: (view: MappingsView) => void
  onClose: () => void
}

function newDraft(actions: ActionView[]): MappingDraft {
  const [first] = actions
  return {
    name: '',
    subscribe: first?.defaultSubscription ?? '',
    partnerAction: first?.key ?? '',
    mapping: defaultMapping(first?.fields ?? [])
  }
}

function parseSample(text: string): { event?: Record<string, unknown>; problem?: string } {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { event: value as Record<string, unknown> }
      : { problem: 'A Segment event is a JSON object.' }
  } catch (error) {
    return { problem: `Not valid JSON: ${(error as Error).message}` }
  }
}

function eventLabel(summary: EventSummary): string {
  return `${summary.type} ${summary.name ?? ''} · ${summary.messageId}`
}

/**
 * Segment's mapping screen for one subscription: name, trigger checked by Segment's FQL parser as you type, action,
 * each field's source, a sample event to pick paths from, then Preview (actions-core's payload, nothing sent), Test
 * (through the runner) and Save.
 */
export function MappingEditor({ actions, original, onSaved, onClose }: EditorProps) {
  const [draft, setDraft] = useState<MappingDraft>(original ?? newDraft(actions))
  // Remounts the field editors when the mapping is replaced as a whole (another action).
  const [generation, setGeneration] = useState(0)
  const [sampleText, setSampleText] = useState(JSON.stringify(SAMPLES.track, null, 2))
  const [latest, setLatest] = useState<EventSummary[]>([])
  const [check, setCheck] = useState<TriggerCheck>()
  const [preview, setPreview] = useState<PreviewResult>()
  const [test, setTest] = useState<MappingTestResult>()
  const [busy, setBusy] = useState<string>()
  const [error, setError] = useState<string>()

  const action = actions.find((candidate) => candidate.key === draft.partnerAction)
  const badTrigger = useMemo(() => triggerProblem(draft.subscribe), [draft.subscribe])
  const settledTrigger = useDebounced(draft.subscribe, 300)
  const settledSample = useDebounced(sampleText, 300)
  const sample = useMemo(() => parseSample(settledSample), [settledSample])
  const paths = useMemo(() => (sample.event ? eventPaths(sample.event) : []), [sample.event])
  const update = (change: Partial<MappingDraft>) => setDraft((previous) => ({ ...previous, ...change }))

  useEffect(() => {
    getJson<EventPage>('/_console/api/events?limit=20').then(
      (page) => setLatest(page.events),
      () => setLatest([])
    )
  }, [])

  useEffect(() => {
    if (triggerProblem(settledTrigger)) {
      setCheck(undefined)
      return
    }
    let current = true
    sendJson<TriggerCheck>('POST', '/_console/api/mappings/check', {
      subscribe: settledTrigger,
      partnerAction: draft.partnerAction
    }).then(
      (answer) => current && setCheck(answer),
      () => current && setCheck(undefined)
    )
    return () => {
      current = false
    }
  }, [settledTrigger, draft.partnerAction])

  const chooseSample = async (messageId: string) => {
    if (!messageId) return
    try {
      const detail = await getJson<EventDetail>(`/_console/api/events/${encodeURIComponent(messageId)}`)
      setSampleText(JSON.stringify(detail.event, null, 2))
    } catch (failure) {
      setError((failure as Error).message)
    }
  }

  const run = async (what: string, work: () => Promise<void>) => {
    setBusy(what)
    setError(undefined)
    try {
      await work()
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(undefined)
    }
  }

  const sampleEvent = () => {
    const { event, problem } = parseSample(sampleText)
    if (!event) throw new Error(`The sample event: ${problem}`)
    return event
  }

  const doPreview = () =>
    run('preview', async () => {
      setPreview(
        await sendJson<PreviewResult>('POST', '/_console/api/mappings/preview', {
          subscription: draft,
          event: sampleEvent()
        })
      )
    })

  const doTest = () =>
    run('test', async () => {
      setTest(undefined)
      setTest(
        await sendJson<MappingTestResult>('POST', '/_console/api/mappings/test', {
          subscription: draft,
          event: sampleEvent()
        })
      )
    })

  const doSave = () =>
    run('save', async () => {
      const view = original
        ? await sendJson<MappingsView>('PUT', `/_console/api/mappings/${encodeURIComponent(original.name)}`, {
            subscription: draft
          })
        : await sendJson<MappingsView>('POST', '/_console/api/mappings', { subscription: draft })
      onSaved(view)
    })

  const candidates = check?.ok && check.events.length > 0 ? check.events : latest
  const visible = action?.fields.filter((field) => !field.hidden) ?? []
  const hidden = action?.fields.filter((field) => field.hidden) ?? []
  const fieldEditor = (field: ActionView['fields'][number]) => (
    <FieldEditor
      key={`${draft.partnerAction}-${field.key}-${generation}`}
      action={draft.partnerAction}
      field={field}
      value={draft.mapping[field.key]}
      mapping={draft.mapping}
      paths={paths}
      onChange={(value) =>
        setDraft((previous) => {
          const mapping = { ...previous.mapping }
          if (value === undefined) delete mapping[field.key]
          else mapping[field.key] = value
          return { ...previous, mapping }
        })
      }
    />
  )

  return (
    <section class="mapping-editor" aria-label="mapping editor">
      <div class="editor-form">
        <h3>{original ? `Edit ${original.name}` : 'New subscription'}</h3>
        <label>
          Name
          <input
            aria-label="name"
            value={draft.name}
            onInput={(event) => update({ name: event.currentTarget.value })}
          />
        </label>
        <label>
          Trigger (FQL)
          <textarea
            class="mono trigger"
            aria-label="trigger"
            spellcheck={false}
            value={draft.subscribe}
            onInput={(event) => update({ subscribe: event.currentTarget.value })}
          />
        </label>
        {badTrigger ? (
          <p class="error trigger-error">
            {badTrigger.parser && <span class="mono parser-message">{badTrigger.parser}</span>} {badTrigger.hint}
          </p>
        ) : (
          <p class="muted trigger-state">
            {check?.ok ? `Matches ${check.matched} of the latest ${check.of} events.` : 'Valid FQL.'}
          </p>
        )}
        {check?.ok && check.loops.length > 0 && (
          <p class="notice loop-warning">
            Loop: this trigger takes LiveLike's own source events ({check.loops.join(', ')}) and{' '}
            {action?.title ?? draft.partnerAction} sends them back to LiveLike, where each can earn a reward that
            LiveLike reports again. The server stops them at delivery unless loops are allowed; leave them out of the
            trigger (as the Track Calls preset does).
          </p>
        )}
        <label>
          Action
          <select
            aria-label="action"
            value={draft.partnerAction}
            onChange={(event) => {
              const next = actions.find((candidate) => candidate.key === event.currentTarget.value)
              update({ partnerAction: event.currentTarget.value, mapping: defaultMapping(next?.fields ?? []) })
              setGeneration((value) => value + 1)
            }}
          >
            {actions.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {candidate.title}
              </option>
            ))}
          </select>
        </label>
        {action && <p class="muted description">{action.description}</p>}
        <h4>Fields</h4>
        {visible.map(fieldEditor)}
        {hidden.length > 0 && (
          <details>
            <summary>Hidden fields ({hidden.length}), kept at their defaults in Segment's mapping screen</summary>
            {hidden.map(fieldEditor)}
          </details>
        )}
      </div>
      <div class="editor-side">
        <h4>Sample event</h4>
        <select aria-label="sample event" value="" onChange={(event) => chooseSample(event.currentTarget.value)}>
          <option value="">
            {check?.ok && check.events.length > 0 ? 'a recent event this trigger matches…' : 'a recent event…'}
          </option>
          {candidates.map((summary) => (
            <option key={summary.seq} value={summary.messageId}>
              {eventLabel(summary)}
            </option>
          ))}
        </select>
        <textarea
          class="mono sample"
          aria-label="sample event JSON"
          spellcheck={false}
          value={sampleText}
          onInput={(event) => setSampleText(event.currentTarget.value)}
        />
        {sample.problem && <p class="error">{sample.problem}</p>}
        <div class="actions">
          <button type="button" onClick={doPreview} disabled={busy !== undefined}>
            Preview
          </button>
          <button type="button" onClick={doTest} disabled={busy !== undefined || badTrigger !== undefined}>
            Test
          </button>
          <button
            type="button"
            class="primary"
            onClick={doSave}
            disabled={busy !== undefined || badTrigger !== undefined || !draft.name.trim()}
          >
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        {error && <p class="error save-error">{error}</p>}
        {preview && (
          <div class="preview" data-ok={String(preview.ok)}>
            <h4>Preview: {preview.ok ? 'the payload actions-core hands the action' : `${preview.error.name}`}</h4>
            {preview.ok ? (
              <pre class="payload">{JSON.stringify(preview.payload, null, 2)}</pre>
            ) : (
              <ul class="preview-errors">
                {preview.error.messages.map((message) => (
                  <li key={message} class="error">
                    {message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {test?.detail && (
          <div class="test-result">
            <h4>Test</h4>
            <EventView detail={test.detail} focus={draft.name} tester />
          </div>
        )}
      </div>
    </section>
  )
}
