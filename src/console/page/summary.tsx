import type { Counts } from '../shared/types'
import { number } from './format'

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((total, value) => total + value, 0)
}

/** The counts by stage, always in view. */
export function Summary({ counts }: { counts: Counts }) {
  const items: [string, number, string][] = [
    ['received', sum(counts.received), 'received'],
    ['in flight', counts.inFlight, 'in-flight'],
    ['pending retry', counts.pendingRetry, 'pending-retry'],
    ['delivered', counts.delivered, 'delivered'],
    ['failed', sum(counts.failed), 'failed'],
    ['filtered', sum(counts.filtered), 'filtered']
  ]
  return (
    <dl class="summary">
      {items.map(([label, value, stage]) => (
        <div key={label} class={`count stage-${stage}`} data-count={stage}>
          <dt>{label}</dt>
          <dd>{number(value)}</dd>
        </div>
      ))}
    </dl>
  )
}
