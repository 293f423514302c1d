import { useEffect, useState } from 'preact/hooks'
import { sendJson } from './api'

interface Choice {
  label: string
  value: string
}

interface DynamicAnswer {
  choices: Choice[]
  nextPage?: string
  error?: { code?: string; message: string }
}

/**
 * A dynamic field's dropdown: its choices from the destination's own handler (given the mapping so far), page after
 * page, and the handler's error as it words it.
 */
export function DynamicChoices({
  action,
  field,
  label,
  mapping,
  value,
  onChoose
}: {
  action: string
  field: string
  label: string
  mapping: Record<string, unknown>
  value: string
  onChoose: (value: string) => void
}) {
  const [choices, setChoices] = useState<Choice[]>([])
  const [nextPage, setNextPage] = useState<string>()
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(false)

  const load = async (page?: string) => {
    setLoading(true)
    setError(undefined)
    try {
      const path = `/_console/api/mappings/dynamic/${encodeURIComponent(action)}/${encodeURIComponent(field)}`
      const answer = await sendJson<DynamicAnswer>('POST', path, { mapping, ...(page !== undefined && { page }) })
      setChoices((previous) => (page === undefined ? answer.choices : [...previous, ...answer.choices]))
      setNextPage(answer.nextPage || undefined)
      setError(answer.error?.message)
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setLoading(false)
    }
  }

  useEffect(() => {
    void load()
    // Loaded once per field; Reload asks again with the mapping as it is then.
  }, [action, field])

  const known = value === '' || choices.some((choice) => choice.value === value)
  return (
    <div class="dynamic">
      <select aria-label={`${label} choices`} value={value} onChange={(event) => onChoose(event.currentTarget.value)}>
        <option value="">{loading ? 'loading…' : `choose (${choices.length} loaded)`}</option>
        {!known && <option value={value}>{value}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {nextPage !== undefined && (
        <button type="button" onClick={() => load(nextPage)} disabled={loading}>
          More choices
        </button>
      )}
      <button type="button" onClick={() => load()} disabled={loading}>
        Reload
      </button>
      {error && <p class="error dynamic-error">{error}</p>}
    </div>
  )
}
