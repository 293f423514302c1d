import type { Overview, StageCounts } from '../shared/types'
import { RateChart } from './chart'
import { number } from './format'

function StageRows({ counts }: { counts: StageCounts }) {
  return (
    <>
      <td>{number(counts.delivered)}</td>
      <td>{number(counts.pendingRetry)}</td>
      <td>{number(counts.failed.validation)}</td>
      <td>{number(counts.failed.refused)}</td>
      <td>{number(counts.failed.retriesExhausted)}</td>
      <td>{number(counts.filtered.loop)}</td>
    </>
  )
}

/** Segment's Delivery Overview for this destination: every stage, per source and per subscription, and the rate. */
export function OverviewPanel({ overview }: { overview: Overview }) {
  const { counts } = overview
  const sources = Object.entries(counts.received)
  return (
    <section class="overview">
      <div class="stages">
        <div class="stage-card">
          <h3>Received</h3>
          {sources.length === 0 && <p class="muted">nothing yet</p>}
          <table>
            <tbody>
              {sources.map(([source, value]) => (
                <tr key={source} data-source={source}>
                  <th>{source}</th>
                  <td>{number(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="stage-card">
          <h3>Filtered</h3>
          <table>
            <tbody>
              <tr>
                <th>no subscription matched</th>
                <td data-count="filtered-no-subscription">{number(counts.filtered.noSubscription)}</td>
              </tr>
              <tr>
                <th>loop stopped</th>
                <td data-count="filtered-loop">{number(counts.filtered.loop)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div class="stage-card">
          <h3>Failed</h3>
          <table>
            <tbody>
              <tr>
                <th>validation</th>
                <td data-count="failed-validation">{number(counts.failed.validation)}</td>
              </tr>
              <tr>
                <th>refused by LiveLike</th>
                <td data-count="failed-refused">{number(counts.failed.refused)}</td>
              </tr>
              <tr>
                <th>retries exhausted</th>
                <td data-count="failed-retries-exhausted">{number(counts.failed.retriesExhausted)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div class="stage-card">
          <h3>Pending retry</h3>
          <p class="big" data-count="pending-retry-total">
            {number(counts.pendingRetry)}
          </p>
          <p class="muted">{number(counts.inFlight)} in flight</p>
        </div>
        <div class="stage-card">
          <h3>Delivered</h3>
          <p class="big" data-count="delivered-total">
            {number(counts.delivered)}
          </p>
        </div>
      </div>
      <h3>Per subscription</h3>
      <table class="grid">
        <thead>
          <tr>
            <th>subscription</th>
            <th>delivered</th>
            <th>pending retry</th>
            <th>failed: validation</th>
            <th>failed: refused</th>
            <th>failed: retries exhausted</th>
            <th>filtered: loop</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(counts.subscriptions).map(([name, perSubscription]) => (
            <tr key={name}>
              <th>{name}</th>
              <StageRows counts={perSubscription} />
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Events per second, last {overview.rate.received.length / 60} minutes</h3>
      <RateChart rate={overview.rate} />
    </section>
  )
}
