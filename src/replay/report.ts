import type { PositionUnit, MalformedItem } from './read-events'
import type { ReasonSummary } from './reasons'
import type { RecordedCheck } from './sandbox-client'
import type { Tally } from './tally'

export interface ReplayReport {
  file: string
  target: string
  options: { batchSize?: number; concurrency: number; chaos: number; retries: number }
  /** Lines (.jsonl) or array items (.json) that held something. */
  read: number
  unit: PositionUnit
  events: number
  delivered: number
  /** Of the delivered: those an Invoke Reward Action subscription found already granted (LiveLike's `code already used.`). */
  alreadyGranted: number
  rejected: {
    total: number
    invalidJson: { count: number; first: MalformedItem[] }
    validation: ReasonSummary
    refusedByLiveLike: ReasonSummary
  }
  /** Events no subscription matched: nothing to send. */
  noSubscription: number
  /** Events still failing with a retryable error after every retry. */
  undelivered: ReasonSummary
  undeliveredFile?: string
  retried: number
  /** Resends the sandbox recognised by message_id and did not record again (its stats). */
  deduplicated?: number
  sandbox?: RecordedCheck
  seconds: number
  eventsPerSecond: number
  peakRssMb: number
  exitCode: 0 | 1
}

export interface ReportInput {
  file: string
  target: string
  options: ReplayReport['options']
  unit: PositionUnit
  tally: Tally
  seconds: number
  deduplicated?: number
  sandbox?: RecordedCheck
  undeliveredFile?: string
}

/** Peak resident memory of this process so far (the embedded sandbox included), in MB. */
function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

export function buildReport(input: ReportInput): ReplayReport {
  const { tally } = input
  const everyValidEventDelivered = tally.undelivered === 0 && tally.refused.total === 0
  const noDoubleReward = (input.sandbox?.duplicates ?? 0) === 0
  return {
    file: input.file,
    target: input.target,
    options: input.options,
    read: tally.read,
    unit: input.unit,
    events: tally.events,
    delivered: tally.delivered,
    alreadyGranted: tally.alreadyGranted,
    rejected: {
      total: tally.rejected,
      invalidJson: { count: tally.malformedCount, first: tally.malformed },
      validation: tally.validation.summary(),
      refusedByLiveLike: tally.refused.summary()
    },
    noSubscription: tally.unmatched,
    undelivered: tally.retryExhausted.summary(),
    ...(input.undeliveredFile && { undeliveredFile: input.undeliveredFile }),
    retried: tally.retried,
    ...(input.deduplicated !== undefined && { deduplicated: input.deduplicated }),
    ...(input.sandbox && { sandbox: input.sandbox }),
    seconds: Math.round(input.seconds * 100) / 100,
    eventsPerSecond: input.seconds > 0 ? Math.round(tally.events / input.seconds) : tally.events,
    peakRssMb: peakRssMb(),
    exitCode: everyValidEventDelivered && noDoubleReward ? 0 : 1
  }
}

const MESSAGE_WIDTH = 160

function shorten(message: string): string {
  return message.length > MESSAGE_WIDTH ? `${message.slice(0, MESSAGE_WIDTH - 1)}…` : message
}

function reasonLines(summary: ReasonSummary, unit: PositionUnit): string[] {
  return summary.reasons.map(({ count, message, positions }) => {
    const more = count > positions.length ? ', …' : ''
    return `      ${count} × ${shorten(message)} (${unit}s ${positions.join(', ')}${more})`
  })
}

/** The report as text; its last line is the summary scripts look for. */
export function formatReport(report: ReplayReport): string {
  const { rejected, unit } = report
  const options = [
    `batch size ${report.options.batchSize ?? 'per subscription'}`,
    `concurrency ${report.options.concurrency}`,
    `chaos ${report.options.chaos}`,
    `retries ${report.options.retries}`
  ].join(', ')
  const check = report.sandbox
    ? `recorded ${report.sandbox.recorded}, deduplicated ${report.deduplicated}, duplicates ${report.sandbox.duplicates}`
    : 'not checked (the live API cannot be read back)'
  const lines = [
    `Replay of ${report.file} into ${report.target} (${options})`,
    `  read              ${report.read} ${unit}s: ${report.events} events, ${rejected.invalidJson.count} invalid`,
    `  delivered         ${report.delivered}`,
    ...(report.alreadyGranted > 0
      ? [`    already granted ${report.alreadyGranted} (their code used before: LiveLike granted nothing new)`]
      : []),
    `  rejected          ${rejected.total}`,
    `    invalid JSON    ${rejected.invalidJson.count}`,
    ...rejected.invalidJson.first.map(({ position, message }) => `      ${unit} ${position}: ${shorten(message)}`),
    `    validation      ${rejected.validation.count}`,
    ...reasonLines(rejected.validation, unit),
    `    refused by LiveLike ${rejected.refusedByLiveLike.count}`,
    ...reasonLines(rejected.refusedByLiveLike, unit),
    `  no subscription   ${report.noSubscription}`,
    `  undelivered       ${report.undelivered.count}${report.undeliveredFile ? ` (written to ${report.undeliveredFile})` : ''}`,
    ...reasonLines(report.undelivered, unit),
    `  retried           ${report.retried} resends after a retryable failure`,
    `  sandbox           ${check}`,
    `  speed             ${report.events} events in ${report.seconds} s: ${report.eventsPerSecond} events/s`,
    `  peak memory       ${report.peakRssMb} MB resident`,
    summaryLine(report)
  ]
  return lines.join('\n') + '\n'
}

export function summaryLine(report: ReplayReport): string {
  const unchecked = 'unchecked'
  return (
    `delivered ${report.delivered}, rejected ${report.rejected.total}, retried ${report.retried}, ` +
    `deduplicated ${report.deduplicated ?? unchecked}, duplicates ${report.sandbox?.duplicates ?? unchecked}`
  )
}
