import { useEffect, useRef, useState } from 'preact/hooks'
import type { LiveLikeView } from '../shared/types'
import { getJson, sendJson } from './api'
import type { Changes } from './app'
import { number, time } from './format'

/** At most one refresh a second however busy the stream: the panel reads several sandbox routes. */
const REFRESH_MS = 1000

const FAULTS = [
  ['unavailableRate', '503 rate', 0.05],
  ['rateLimitedRate', '429 rate', 0.05],
  ['retryAfterSeconds', 'Retry-After (s)', 1],
  ['lostResponseRate', 'lost response rate', 0.05],
  ['latencyMs', 'latency (ms)', 50]
] as const

function FaultsForm({ faults, onSaved }: { faults: Record<string, number>; onSaved: () => void }) {
  const [draft, setDraft] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string>()
  const save = async (event: Event) => {
    event.preventDefault()
    const changed = Object.fromEntries(Object.entries(draft).map(([name, value]) => [name, Number(value)]))
    try {
      await sendJson('PUT', '/_console/livelike/faults', changed)
      setDraft({})
      setMessage('Faults saved.')
      onSaved()
    } catch (failure) {
      setMessage((failure as Error).message)
    }
  }
  return (
    <form class="faults" onSubmit={save}>
      {FAULTS.map(([name, label, step]) => (
        <label key={name}>
          {label}
          <input
            type="number"
            name={name}
            min={0}
            step={step}
            value={draft[name] ?? String(faults[name] ?? 0)}
            onInput={(event) => setDraft({ ...draft, [name]: event.currentTarget.value })}
          />
        </label>
      ))}
      <button type="submit">Save faults</button>
      {message && <p class="muted">{message}</p>}
    </form>
  )
}

function RulesForm({ rules, onSaved }: { rules: LiveLikeView['rules']; onSaved: () => void }) {
  const [draft, setDraft] = useState<string>()
  const [message, setMessage] = useState<string>()
  const save = async (event: Event) => {
    event.preventDefault()
    try {
      await sendJson('PUT', '/_console/livelike/rules', JSON.parse(draft ?? JSON.stringify(rules)))
      setDraft(undefined)
      setMessage('Reward rules saved.')
      onSaved()
    } catch (failure) {
      setMessage((failure as Error).message)
    }
  }
  return (
    <form class="rules" onSubmit={save}>
      <textarea
        aria-label="reward rules"
        spellcheck={false}
        value={draft ?? JSON.stringify(rules, null, 2)}
        onInput={(event) => setDraft(event.currentTarget.value)}
      />
      <button type="submit">Save reward rules</button>
      {message && <p class="muted">{message}</p>}
    </form>
  )
}

/** What the LiveLike sandbox recorded and granted, and its controls: reward rules, faults, reset. */
export function LiveLikePanel({ changes }: { changes: Changes }) {
  const [view, setView] = useState<LiveLikeView>()
  const [error, setError] = useState<string>()
  const [refreshes, setRefreshes] = useState(0)
  const last = useRef(0)

  useEffect(() => {
    const wait = Math.max(0, last.current + REFRESH_MS - Date.now())
    let current = true
    const timer = setTimeout(() => {
      last.current = Date.now()
      getJson<LiveLikeView>('/_console/livelike').then(
        (answer) => current && (setView(answer), setError(undefined)),
        (failure: Error) => current && setError(failure.message)
      )
    }, wait)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [changes.version, refreshes])

  const refresh = () => setRefreshes((count) => count + 1)
  const reset = async () => {
    await sendJson('POST', '/_console/livelike/reset', {}).catch((failure: Error) => setError(failure.message))
    refresh()
  }

  if (!view) {
    return <p class={error ? 'error' : 'muted'}>{error ?? 'loading'}</p>
  }
  const stats = view.stats as Record<string, number>
  return (
    <section class="livelike">
      {error && <p class="error">{error}</p>}
      <dl class="summary sandbox-stats">
        {(['received', 'recorded', 'deduplicated', 'rejected'] as const).map((name) => (
          <div key={name} class="count" data-sandbox={name}>
            <dt>{name}</dt>
            <dd>{number(stats[name] ?? 0)}</dd>
          </div>
        ))}
        <div class="count">
          <dt>users</dt>
          <dd>{number(view.users)}</dd>
        </div>
        <div class="count">
          <dt>grants</dt>
          <dd>{number(view.grantsTotal)}</dd>
        </div>
      </dl>
      <div class="columns">
        <div>
          <h3>Balances</h3>
          {view.balances.length === 0 && <p class="muted">none yet</p>}
          <table class="grid balances">
            <tbody>
              {view.balances.map(({ user, items }) => (
                <tr key={user} data-user={user}>
                  <th>{user}</th>
                  <td>
                    {Object.entries(items)
                      .map(([item, amount]) => `${number(amount)} ${item}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Latest grants</h3>
          <table class="grid grants">
            <tbody>
              {view.grants.map((grant, index) => (
                <tr key={index}>
                  <td>{time(grant.created_at)}</td>
                  <td>{grant.user}</td>
                  <td>
                    +{grant.amount} {grant.reward_item}
                  </td>
                  <td>{grant.event_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Latest recorded events</h3>
          <table class="grid records">
            <tbody>
              {view.records.map((record, index) => (
                <tr key={index} title={String(record.message_id ?? '')}>
                  <td>{String(record.event_name ?? '')}</td>
                  <td>{String(record.livelike_profile_id ?? record.custom_id ?? record.segment_user_id ?? '')}</td>
                  <td>{String(record.event_type ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>User groups</h3>
          {view.userGroups.length === 0 && <p class="muted">none yet</p>}
          <table class="grid">
            <tbody>
              {view.userGroups.map((group) => (
                <tr key={group.audience}>
                  <th>{group.audience}</th>
                  <td>
                    {number(group.size)}: {group.members.join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Faults</h3>
          <FaultsForm faults={view.faults} onSaved={refresh} />
          <h3>Reward rules</h3>
          <RulesForm rules={view.rules} onSaved={refresh} />
          <h3>Reset</h3>
          <button class="danger" onClick={reset}>
            Empty the sandbox
          </button>
        </div>
      </div>
    </section>
  )
}
