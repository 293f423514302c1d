import { useEffect, useRef, useState } from 'preact/hooks'
import type { EngineView, EntryView, InvocationView, LiveLikeView } from '../shared/types'
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

/**
 * A form's submit: runs `send`, then shows `done` and calls `onSaved`; when `send` fails, its message shows instead.
 */
function useSubmit(send: () => Promise<void>, done: string, onSaved: () => void) {
  const [message, setMessage] = useState<string>()
  const submit = async (event: Event) => {
    event.preventDefault()
    try {
      await send()
      setMessage(done)
      onSaved()
    } catch (failure) {
      setMessage((failure as Error).message)
    }
  }
  return { message, submit }
}

function FaultsForm({ faults, onSaved }: { faults: Record<string, number>; onSaved: () => void }) {
  const [draft, setDraft] = useState<Record<string, string>>({})
  const { message, submit } = useSubmit(
    async () => {
      const changed = Object.fromEntries(Object.entries(draft).map(([name, value]) => [name, Number(value)]))
      await sendJson('PUT', '/_console/livelike/faults', changed)
      setDraft({})
    },
    'Faults saved.',
    onSaved
  )
  return (
    <form class="faults" onSubmit={submit}>
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
  const { message, submit } = useSubmit(
    async () => {
      await sendJson('PUT', '/_console/livelike/rules', JSON.parse(draft ?? JSON.stringify(rules)))
      setDraft(undefined)
    },
    'Reward rules saved.',
    onSaved
  )
  return (
    <form class="rules" onSubmit={submit}>
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

function limitsText(entry: EntryView): string {
  const parts = []
  if (entry.rate_limit?.is_enabled) {
    parts.push(`at most ${entry.rate_limit.frequency} a ${entry.rate_limit.unit}`)
  }
  if (entry.reward_limit?.is_enabled) {
    const { action_limit_count: count, duration, timezone } = entry.reward_limit
    parts.push(`at most ${count} a ${duration} (${timezone})`)
  }
  return parts.length > 0 ? parts.join(', ') : 'no limit'
}

/** Changes one entry's limits: empty fields mean no such limit. */
function LimitsForm({ entry, onSaved }: { entry: EntryView; onSaved: () => void }) {
  const reward = entry.reward_limit?.is_enabled ? entry.reward_limit : undefined
  const rate = entry.rate_limit?.is_enabled ? entry.rate_limit : undefined
  const [draft, setDraft] = useState({
    rewardCount: reward ? String(reward.action_limit_count) : '',
    duration: reward?.duration ?? 'day',
    timezone: reward?.timezone ?? 'UTC',
    rateCount: rate ? String(rate.frequency) : '',
    unit: rate?.unit ?? 'hour'
  })
  const set = (name: keyof typeof draft) => (event: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [name]: event.currentTarget.value })
  const { message, submit } = useSubmit(
    async () => {
      const limits = {
        reward_limit: draft.rewardCount
          ? { action_limit_count: Number(draft.rewardCount), duration: draft.duration, timezone: draft.timezone }
          : null,
        rate_limit: draft.rateCount ? { frequency: Number(draft.rateCount), unit: draft.unit } : null
      }
      await sendJson('PUT', `/_console/livelike/entries/${encodeURIComponent(entry.id)}/limits`, limits)
    },
    'Limits saved.',
    onSaved
  )
  return (
    <form class="faults limits" data-entry={entry.id} onSubmit={submit}>
      <label>
        reward limit (empty: none)
        <input type="number" min={1} aria-label="reward limit" value={draft.rewardCount} onInput={set('rewardCount')} />
      </label>
      <label>
        per
        <select aria-label="reward limit duration" value={draft.duration} onChange={set('duration')}>
          <option value="day">day</option>
          <option value="month">month</option>
        </select>
      </label>
      <label>
        in time zone
        <input aria-label="time zone" value={draft.timezone} onInput={set('timezone')} />
      </label>
      <label>
        rate limit (empty: none)
        <input type="number" min={1} aria-label="rate limit" value={draft.rateCount} onInput={set('rateCount')} />
      </label>
      <label>
        per
        <select aria-label="rate limit unit" value={draft.unit} onChange={set('unit')}>
          <option value="minute">minute</option>
          <option value="hour">hour</option>
          <option value="day">day</option>
        </select>
      </label>
      <button type="submit">Save limits</button>
      {message && <p class="muted">{message}</p>}
    </form>
  )
}

/** A labelled select, named for assistive technology (and the browser tests) by its label. */
function ChoiceSelect({
  label,
  value,
  choices,
  onChange
}: {
  label: string
  value: string
  choices: { value: string; text: string }[]
  onChange: (event: { currentTarget: { value: string } }) => void
}) {
  return (
    <label>
      {label}
      <select aria-label={label} value={value} onChange={onChange}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.text}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Adds an entry to a table: an action earns an amount of an item. */
function EntryForm({ engine, onSaved }: { engine: EngineView; onSaved: () => void }) {
  const tables = [...engine.programs.flatMap((program) => program.tables), ...engine.unlinked_tables]
  const [draft, setDraft] = useState<Record<string, string>>({})
  const value = (name: string, fallback: string) => draft[name] ?? fallback
  const set = (name: string) => (event: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [name]: event.currentTarget.value })
  const { message, submit } = useSubmit(
    async () => {
      await sendJson('POST', '/_console/livelike/entries', {
        reward_table_id: value('table', tables[0]?.id ?? ''),
        action: value('action', engine.actions[0]?.key ?? ''),
        reward_item_id: value('item', engine.items[0]?.id ?? ''),
        reward_item_amount: Number(value('amount', '10'))
      })
    },
    'Entry added.',
    onSaved
  )
  return (
    <form class="faults add-entry" onSubmit={submit}>
      <ChoiceSelect
        label="table"
        value={value('table', tables[0]?.id ?? '')}
        choices={tables.map((table) => ({ value: table.id, text: table.name }))}
        onChange={set('table')}
      />
      <ChoiceSelect
        label="action"
        value={value('action', engine.actions[0]?.key ?? '')}
        choices={engine.actions.map((action) => ({ value: action.key, text: action.key }))}
        onChange={set('action')}
      />
      <ChoiceSelect
        label="item"
        value={value('item', engine.items[0]?.id ?? '')}
        choices={engine.items.map((item) => ({ value: item.id, text: item.name }))}
        onChange={set('item')}
      />
      <label>
        amount
        <input type="number" min={1} aria-label="amount" value={value('amount', '10')} onInput={set('amount')} />
      </label>
      <button type="submit">Add entry</button>
      {message && <p class="muted">{message}</p>}
    </form>
  )
}

/** The reward engine: programs with their tables and entries, items, actions, and the latest invocations. */
function RewardEngine({
  engine,
  invocations,
  onSaved
}: {
  engine: EngineView
  invocations: InvocationView[]
  onSaved: () => void
}) {
  const tables = [
    ...engine.programs.flatMap((program) =>
      program.tables.map((table) => ({ table, where: `${program.title} (${program.status})` }))
    ),
    ...engine.unlinked_tables.map((table) => ({ table, where: 'linked to no program: grants nothing' }))
  ]
  return (
    <div class="columns reward-engine">
      <div>
        <h3>Reward engine</h3>
        <p class="muted">
          Items: {engine.items.map((item) => item.name).join(', ')}. Actions:{' '}
          {engine.actions.map((action) => `${action.key}${action.type === 'built-in' ? ' (built-in)' : ''}`).join(', ')}
          .
        </p>
        {engine.programs.length === 0 && <p class="muted">no program</p>}
        {tables.map(({ table, where }) => (
          <div key={table.id} class="reward-table" data-table={table.id}>
            <h4>
              {table.name} <span class="muted">{where}</span>
            </h4>
            <table class="grid entries">
              <tbody>
                {table.entries.map((entry) => [
                  <tr key={entry.id} data-entry={entry.id}>
                    <th>{entry.action}</th>
                    <td>
                      +{number(entry.reward_item_amount)} {entry.reward_item_name}
                    </td>
                    <td>{limitsText(entry)}</td>
                  </tr>,
                  <tr key={`${entry.id}-limits`}>
                    <td colSpan={3}>
                      <LimitsForm key={limitsText(entry)} entry={entry} onSaved={onSaved} />
                    </td>
                  </tr>
                ])}
              </tbody>
            </table>
          </div>
        ))}
      </div>
      <div>
        <h3>Add an entry</h3>
        <EntryForm engine={engine} onSaved={onSaved} />
      </div>
      <div>
        <h3>Latest invocations</h3>
        {invocations.length === 0 && <p class="muted">none yet</p>}
        <table class="grid invocations">
          <tbody>
            {invocations.map((invocation, index) => (
              <tr key={index} data-outcome={invocation.outcome} title={invocation.detail ?? ''}>
                <td>{time(invocation.at)}</td>
                <td>{invocation.reward_action_key}</td>
                <td>{invocation.code ?? ''}</td>
                <td>{invocation.outcome}</td>
                <td>
                  {invocation.rewards
                    .map((reward) => `+${number(reward.reward_item_amount)} ${reward.reward_item_name}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

/** What the LiveLike sandbox recorded and granted, its reward engine, and its controls: rules, faults, reset. */
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
      <RewardEngine engine={view.engine} invocations={view.invocations} onSaved={refresh} />
    </section>
  )
}
