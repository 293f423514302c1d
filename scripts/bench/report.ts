/** Turns the bench's measurements into figures, ratios and targets, as text or as JSON. Pure: no I/O. */
import { pathLabel } from './catalog'
import type { PathSpec } from './catalog'
import { combinedRates, mean, pairedRatio, spread } from './stats'
import type { Spread } from './stats'
import type { RoundResult } from './worker'

export interface PathMeasurement {
  spec: PathSpec
  rounds: RoundResult[]
  /** Requests the stand-in received during each round, and connections opened to it. */
  requests: number[]
  connections: number[]
  peakRssBytes: number
}

export interface IsolationMeasurement {
  /** Per position of the rejected event in the batch: requests it took, and seconds. */
  requests: number[]
  seconds: number[]
}

export interface PathFigures {
  id: string
  label: string
  inFlight: number
  eventsPerSecond: Spread
  /** Events per second of the worker's own CPU time: the path's cost, whatever else the machine runs. */
  eventsPerCpuSecond: Spread
  requestsPer1000Events: number
  connectionsPer1000Events: number
  failedEvents: number
  peakRssMiB: number
}

export interface Check {
  name: string
  kind: 'ratio' | 'count'
  value: Spread
  /** Present when the issue sets a target for this figure. */
  target?: { atLeast?: number; atMost?: number; met: boolean }
}

export interface Report {
  paths: PathFigures[]
  isolation?: { worstRequests: number; meanRequests: number; worstMs: number; meanMs: number }
  checks: Check[]
}

interface RatioSpec {
  name: string
  numerator: string
  /** Paths whose costs add up (several: their per-event times are summed, as if one process did both). */
  denominator: string | string[]
  atLeast?: number
  /** Compares events per CPU second instead of events per second. */
  byCpu?: boolean
}

const RATIOS: RatioSpec[] = [
  { name: 'ours single / published, 1 in flight', numerator: 'ours-single-1', denominator: 'peer-1' },
  { name: 'ours single / published, 16 in flight', numerator: 'ours-single-16', denominator: 'peer-16', atLeast: 0.9 },
  {
    name: 'ours single / published behind our trigger, 1 in flight',
    numerator: 'ours-single-1',
    denominator: 'peer-our-trigger-1'
  },
  {
    name: 'ours single / published behind our trigger, 16 in flight',
    numerator: 'ours-single-16',
    denominator: 'peer-our-trigger-16'
  },
  {
    name: 'published behind our trigger / behind its own, 1 in flight',
    numerator: 'peer-our-trigger-1',
    denominator: 'peer-1'
  },
  {
    name: 'published behind our trigger / behind its own, 16 in flight',
    numerator: 'peer-our-trigger-16',
    denominator: 'peer-16'
  },
  {
    name: 'published behind our trigger / behind its own by CPU time, 1 in flight',
    numerator: 'peer-our-trigger-1',
    denominator: 'peer-1',
    byCpu: true
  },
  {
    name: 'published behind our trigger / behind its own by CPU time, 16 in flight',
    numerator: 'peer-our-trigger-16',
    denominator: 'peer-16',
    byCpu: true
  },
  {
    name: 'ours single / published behind our trigger by CPU time, 16 in flight',
    numerator: 'ours-single-16',
    denominator: 'peer-our-trigger-16',
    byCpu: true
  },
  { name: 'ours single / floor, 1 in flight', numerator: 'ours-single-1', denominator: 'floor-1' },
  { name: 'ours single / floor, 16 in flight', numerator: 'ours-single-16', denominator: 'floor-16' },
  { name: 'ours single / ceiling, 1 in flight', numerator: 'ours-single-1', denominator: 'ceiling-single-1' },
  { name: 'ours single / ceiling, 16 in flight', numerator: 'ours-single-16', denominator: 'ceiling-single-16' },
  { name: 'batch / ceiling, 1 in flight', numerator: 'ours-batch-1', denominator: 'ceiling-batch-1', atLeast: 0.75 },
  { name: 'batch / ceiling, 4 in flight', numerator: 'ours-batch-4', denominator: 'ceiling-batch-4', atLeast: 0.75 },
  {
    name: 'batch / ceiling by CPU time, 1 in flight',
    numerator: 'ours-batch-1',
    denominator: 'ceiling-batch-1',
    byCpu: true
  },
  {
    name: 'batch / ceiling by CPU time, 4 in flight',
    numerator: 'ours-batch-4',
    denominator: 'ceiling-batch-4',
    byCpu: true
  },
  {
    name: 'batch / (ceiling + floor of the same bodies), 1 in flight',
    numerator: 'ours-batch-1',
    denominator: ['ceiling-batch-1', 'floor-batch-1']
  },
  {
    name: 'batch / (ceiling + floor of the same bodies) by CPU time, 1 in flight',
    numerator: 'ours-batch-1',
    denominator: ['ceiling-batch-1', 'floor-batch-1'],
    byCpu: true
  },
  {
    name: "single / (ceiling + actions-core's client alone), 16 in flight",
    numerator: 'ours-single-16',
    denominator: ['ceiling-single-16', 'client-16']
  },
  {
    name: "batch / (ceiling + actions-core's client alone), 1 in flight",
    numerator: 'ours-batch-1',
    denominator: ['ceiling-batch-1', 'client-batch-1']
  },
  { name: 'batch (1 in flight) / published at 16', numerator: 'ours-batch-1', denominator: 'peer-16', atLeast: 12 },
  { name: 'batch (4 in flight) / published at 16', numerator: 'ours-batch-4', denominator: 'peer-16', atLeast: 12 },
  {
    name: 'Invoke Reward Action batch / minimal reward batch, 1 in flight',
    numerator: 'invoke-batch-1',
    denominator: 'invoke-minimal-batch-1'
  },
  {
    name: 'Invoke Reward Action batch / minimal reward batch, 4 in flight',
    numerator: 'invoke-batch-4',
    denominator: 'invoke-minimal-batch-4'
  },
  {
    name: 'Invoke Reward Action batch (4 in flight) / its single path at 16',
    numerator: 'invoke-batch-4',
    denominator: 'invoke-single-16'
  },
  {
    name: 'single 1, own agent kept / as is',
    numerator: 'ours-single-1-keep-alive-kept',
    denominator: 'ours-single-1'
  },
  {
    name: 'single 16, own agent kept / as is',
    numerator: 'ours-single-16-keep-alive-kept',
    denominator: 'ours-single-16'
  },
  { name: 'batch 4, own agent kept / as is', numerator: 'ours-batch-4-keep-alive-kept', denominator: 'ours-batch-4' },
  { name: 'single 1, own agent / as is', numerator: 'ours-single-1-keep-alive', denominator: 'ours-single-1' },
  {
    name: 'single 16, own agent / as is',
    numerator: 'ours-single-16-keep-alive',
    denominator: 'ours-single-16'
  },
  { name: 'batch 4, own agent / as is', numerator: 'ours-batch-4-keep-alive', denominator: 'ours-batch-4' }
]

const MAX_BATCH_REQUESTS_PER_1000 = 10
const MAX_ISOLATION_REQUESTS = 15

const MIB = 1024 * 1024
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
const rates = (measurement: PathMeasurement) => measurement.rounds.map((round) => round.events / round.seconds)
const cpuRates = (measurement: PathMeasurement) => measurement.rounds.map((round) => round.events / round.cpuSeconds)

function figures(measurement: PathMeasurement): PathFigures {
  const events = sum(measurement.rounds.map((round) => round.events))
  return {
    id: measurement.spec.id,
    label: pathLabel(measurement.spec),
    inFlight: measurement.spec.inFlight,
    eventsPerSecond: spread(rates(measurement)),
    eventsPerCpuSecond: spread(cpuRates(measurement)),
    requestsPer1000Events: (sum(measurement.requests) / events) * 1000,
    connectionsPer1000Events: (sum(measurement.connections) / events) * 1000,
    failedEvents: sum(measurement.rounds.map((round) => round.failed)),
    peakRssMiB: measurement.peakRssBytes / MIB
  }
}

function target(value: number, bound: { atLeast?: number; atMost?: number }): Check['target'] {
  const met =
    (bound.atLeast === undefined || value >= bound.atLeast) && (bound.atMost === undefined || value <= bound.atMost)
  return { ...bound, met }
}

const single = (value: number): Spread => ({ median: value, min: value, max: value })

export function buildReport(measurements: PathMeasurement[], isolation?: IsolationMeasurement): Report {
  const byId = new Map(measurements.map((measurement) => [measurement.spec.id, measurement]))
  const paths = measurements.map(figures)
  const checks: Check[] = []
  for (const ratio of RATIOS) {
    const numerator = byId.get(ratio.numerator)
    const denominators = [ratio.denominator].flat().map((id) => byId.get(id))
    if (numerator && denominators.every((denominator) => denominator !== undefined)) {
      const rate = ratio.byCpu ? cpuRates : rates
      const value = pairedRatio(rate(numerator), combinedRates(denominators.map(rate)))
      checks.push({
        name: ratio.name,
        kind: 'ratio',
        value,
        ...(ratio.atLeast && { target: target(value.median, ratio) })
      })
    }
  }
  const batchPaths = measurements.filter(({ spec }) => spec.family === 'ours-batch' && spec.connection === 'default')
  for (const batch of batchPaths.map(figures)) {
    checks.push({
      name: `batch requests per 1,000 events, ${batch.inFlight} in flight`,
      kind: 'count',
      value: single(batch.requestsPer1000Events),
      target: target(batch.requestsPer1000Events, { atMost: MAX_BATCH_REQUESTS_PER_1000 })
    })
  }
  if (!isolation) {
    return { paths, checks }
  }
  const worstRequests = Math.max(...isolation.requests)
  checks.push({
    name: 'requests to isolate 1 rejected event in 100, worst position',
    kind: 'count',
    value: single(worstRequests),
    target: target(worstRequests, { atMost: MAX_ISOLATION_REQUESTS })
  })
  return {
    paths,
    checks,
    isolation: {
      worstRequests,
      meanRequests: mean(isolation.requests),
      worstMs: Math.max(...isolation.seconds) * 1000,
      meanMs: mean(isolation.seconds) * 1000
    }
  }
}

/** A Markdown table; columns after the first are right-aligned, every cell padded so that it reads as plain text. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)))
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`
  const rule = `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`
  return [line(headers), rule, ...rows.map(line)].join('\n')
}

const whole = (value: number) => Math.round(value).toLocaleString('en-US')
const ratio = (value: number) => `${value.toFixed(2)}x`

function describeTarget(check: Check): string {
  if (!check.target) {
    return ''
  }
  const bound = check.target.atLeast !== undefined ? `>= ${check.target.atLeast}` : `<= ${check.target.atMost}`
  return `${bound}: ${check.target.met ? 'met' : 'MISSED'}`
}

export function renderReport(report: Report): string {
  const pathTable = renderTable(
    [
      'Path',
      'In flight',
      'Events/s median',
      'min',
      'max',
      'Events / CPU s',
      'Requests / 1,000 events',
      'Connections / 1,000 events',
      'Failed events',
      'Peak RSS MiB'
    ],
    report.paths.map((path) => [
      path.label,
      String(path.inFlight),
      whole(path.eventsPerSecond.median),
      whole(path.eventsPerSecond.min),
      whole(path.eventsPerSecond.max),
      whole(path.eventsPerCpuSecond.median),
      path.requestsPer1000Events.toFixed(1),
      path.connectionsPer1000Events.toFixed(1),
      whole(path.failedEvents),
      whole(path.peakRssMiB)
    ])
  )
  const checkTable = renderTable(
    ['Ratio or count (median of rounds)', 'Value', 'min', 'max', 'Target'],
    report.checks.map((check) => {
      const show = check.kind === 'ratio' ? ratio : (value: number) => value.toFixed(1)
      return [check.name, show(check.value.median), show(check.value.min), show(check.value.max), describeTarget(check)]
    })
  )
  const parts = [pathTable, '', checkTable]
  if (report.isolation) {
    const { worstRequests, meanRequests, worstMs, meanMs } = report.isolation
    parts.push(
      '',
      `Isolating 1 rejected event in a batch of 100 (every position): requests worst ${worstRequests}, mean ${meanRequests.toFixed(1)}; time worst ${worstMs.toFixed(1)} ms, mean ${meanMs.toFixed(1)} ms`
    )
  }
  return parts.join('\n')
}
