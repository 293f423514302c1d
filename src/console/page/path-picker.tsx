import { useMemo, useState } from 'preact/hooks'

/** Paths listed at once: an event of 1,000 keys stays quick to filter. */
const SHOWN = 30

/** A list of the sample event's paths, filtered as you type, from which one click picks a path. */
export function PathPicker({ paths, onPick }: { paths: string[]; onPick: (path: string) => void }) {
  const [filter, setFilter] = useState('')
  const matching = useMemo(() => {
    const part = filter.toLowerCase()
    return part ? paths.filter((path) => path.toLowerCase().includes(part)) : paths
  }, [paths, filter])
  return (
    <div class="path-picker">
      <input
        type="search"
        aria-label="filter paths"
        placeholder={`filter ${paths.length} paths of the sample event`}
        value={filter}
        onInput={(event) => setFilter(event.currentTarget.value)}
      />
      <ul>
        {matching.slice(0, SHOWN).map((path) => (
          <li key={path}>
            <button type="button" class="path mono" onClick={() => onPick(path)}>
              {path}
            </button>
          </li>
        ))}
      </ul>
      {matching.length > SHOWN && <p class="muted">{matching.length - SHOWN} more: filter to find them.</p>}
      {paths.length === 0 && <p class="muted">Choose or paste a sample event to pick from its paths.</p>}
    </div>
  )
}
