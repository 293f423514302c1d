import './mappings.css'
import { useEffect, useMemo, useState } from 'preact/hooks'
import { mappingCounts } from '../shared/mapping-counts'
import type { ActionView, MappingDraft, MappingsView, MappingView } from '../shared/mappings'
import type { Overview } from '../shared/types'
import { getJson, sendJson } from './api'
import { MappingEditor } from './mapping-editor'

/** Rows drawn at once; a filter finds the others. */
const ROWS = 100

function draftOf({ name, subscribe, partnerAction, mapping, enabled }: MappingView): MappingDraft {
  return { name, subscribe, partnerAction, mapping, ...(!enabled && { enabled }) }
}

async function remove(name: string): Promise<MappingsView> {
  const response = await fetch(`/_console/api/mappings/${encodeURIComponent(name)}`, { method: 'DELETE' })
  const body = (await response.json()) as MappingsView & { message?: string }
  if (!response.ok) throw new Error(body.message ?? `The server answered ${response.status}.`)
  return body
}

/**
 * The running server's subscriptions, as Segment's mappings list shows a destination's: trigger, action, what each
 * matched, delivered and failed, on or off; and the editor that adds, changes, previews, tests and saves them.
 */
export function MappingsPanel({ overview, onChanged }: { overview?: Overview; onChanged: () => void }) {
  const [view, setView] = useState<MappingsView>()
  const [actions, setActions] = useState<ActionView[]>([])
  const [editing, setEditing] = useState<{ original?: MappingDraft; key: number }>()
  const [filter, setFilter] = useState('')
  const [error, setError] = useState<string>()

  useEffect(() => {
    getJson<MappingsView>('/_console/api/mappings').then(setView, (failure: Error) => setError(failure.message))
    getJson<ActionView[]>('/_console/api/mappings/actions').then(setActions, (failure: Error) =>
      setError(failure.message)
    )
  }, [])

  const changed = (next: MappingsView) => {
    setView(next)
    setError(undefined)
    onChanged()
  }
  const act = async (work: () => Promise<MappingsView>) => {
    try {
      changed(await work())
    } catch (failure) {
      setError((failure as Error).message)
    }
  }

  const titles = useMemo(() => Object.fromEntries(actions.map((action) => [action.key, action.title])), [actions])
  const shown = useMemo(() => {
    const part = filter.toLowerCase()
    const all = view?.subscriptions ?? []
    return part
      ? all.filter((item) => `${item.name} ${item.subscribe} ${item.partnerAction}`.toLowerCase().includes(part))
      : all
  }, [view, filter])

  return (
    <section class="mappings">
      <div class="mappings-head">
        <button class="primary" onClick={() => setEditing({ key: Date.now() })} disabled={actions.length === 0}>
          New subscription
        </button>
        <input
          type="search"
          aria-label="filter subscriptions"
          placeholder="filter by name, trigger or action"
          value={filter}
          onInput={(event) => setFilter(event.currentTarget.value)}
        />
        {view && <span class="muted mono saved-file">saved to {view.file}</span>}
      </div>
      {error && <p class="error mappings-error">{error}</p>}
      <table class="grid mappings-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Trigger</th>
            <th>Action</th>
            <th title="events since start">Matched</th>
            <th>Delivered</th>
            <th>Failed</th>
            <th>On</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, ROWS).map((item) => {
            const counts = overview ? mappingCounts(overview.counts.subscriptions[item.name]) : item.counts
            return (
              <tr key={item.name} data-subscription={item.name} class={item.enabled ? '' : 'off'}>
                <td>
                  {item.name}
                  {item.loops.length > 0 && (
                    <span class="badge loop" title={`sends ${item.loops.join(', ')} back to LiveLike`}>
                      loop
                    </span>
                  )}
                </td>
                <td class="mono trigger-cell" title={item.subscribe}>
                  {item.subscribe}
                </td>
                <td>{titles[item.partnerAction] ?? item.partnerAction}</td>
                <td data-count="matched">{counts.matched}</td>
                <td data-count="delivered">{counts.delivered}</td>
                <td data-count="failed">{counts.failed}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${item.name} on`}
                    checked={item.enabled}
                    onChange={(event) => {
                      const enabled = event.currentTarget.checked
                      void act(() =>
                        sendJson('PUT', `/_console/api/mappings/${encodeURIComponent(item.name)}`, {
                          subscription: { ...draftOf(item), enabled }
                        })
                      )
                    }}
                  />
                </td>
                <td class="row-actions">
                  <button onClick={() => setEditing({ original: draftOf(item), key: Date.now() })}>Edit</button>
                  <button
                    onClick={() => {
                      if (confirm(`Delete ${item.name}? The file is rewritten at once.`))
                        void act(() => remove(item.name))
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {shown.length > ROWS && <p class="muted">{shown.length - ROWS} more: filter to find them.</p>}
      {editing && (
        <MappingEditor
          key={editing.key}
          actions={actions}
          original={editing.original}
          onSaved={(next) => {
            changed(next)
            setEditing(undefined)
          }}
          onClose={() => setEditing(undefined)}
        />
      )}
    </section>
  )
}
