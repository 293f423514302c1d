import { writeFile } from 'fs/promises'
import { performance } from 'perf_hooks'
import type { Writable } from 'stream'
import { createRunner } from '../runtime'
import type { Subscription } from '../runtime'
import { chunksOf, forEachConcurrently } from './chunks'
import { checkEventsFile, checkWritable, chooseSubscriptions, undeliveredPath } from './inputs'
import { DEFAULT_BATCH_SIZE } from './options'
import type { ReplayOptions } from './options'
import { startProgress } from './progress'
import type { ProgressStream } from './progress'
import { openEventSource } from './read-events'
import type { PositionUnit } from './read-events'
import { buildReport, formatReport } from './report'
import type { ReplayReport } from './report'
import { Tally } from './tally'
import { openTarget } from './target'
import type { Target } from './target'
import { UndeliveredFile } from './undelivered-file'

export interface ReplayIo {
  stdout: Writable
  stderr: ProgressStream
  env: NodeJS.ProcessEnv
  /** Plain progress lines (when stderr is not a terminal) come this often; default 5 s. */
  progressIntervalMs?: number
}

// A chunk holds a few batches, so that each subscription's share of it still fills requests.
const BATCHES_PER_CHUNK = 4

interface Prepared {
  fileBytes: number
  subscriptions: Subscription[]
  undelivered: UndeliveredFile
}

async function prepare(options: ReplayOptions): Promise<Prepared> {
  const fileBytes = await checkEventsFile(options.file)
  const undelivered = new UndeliveredFile(undeliveredPath(options))
  await checkWritable(undelivered.path, '--undelivered')
  if (options.report) {
    await checkWritable(options.report, '--report')
  }
  return { fileBytes, subscriptions: await chooseSubscriptions(options), undelivered }
}

interface Delivered {
  tally: Tally
  unit: PositionUnit
  seconds: number
}

async function deliverFile(
  options: ReplayOptions,
  io: ReplayIo,
  target: Target,
  prepared: Prepared
): Promise<Delivered> {
  const startedAt = performance.now()
  const runner = createRunner({
    settings: target.settings,
    subscriptions: prepared.subscriptions,
    retries: options.retries
  })
  const source = openEventSource(options.file)
  const tally = new Tally()
  const progress = startProgress(
    io.stderr,
    prepared.fileBytes,
    () => ({
      bytesRead: source.bytesRead(),
      read: tally.read,
      delivered: tally.delivered,
      rejected: tally.rejected,
      retried: tally.retried,
      settled: tally.settled
    }),
    io.progressIntervalMs ?? 5000
  )
  const chunks = chunksOf(source.items, (options.batchSize ?? DEFAULT_BATCH_SIZE) * BATCHES_PER_CHUNK, {
    onEvent: () => tally.addRead(),
    onMalformed: (item) => tally.addMalformed(item)
  })
  try {
    await forEachConcurrently(chunks, options.concurrency, async (chunk) => {
      const outcomes = await runner.deliver(chunk.map(({ event }) => event))
      await prepared.undelivered.write(tally.addOutcomes(chunk, outcomes))
    })
  } finally {
    progress.stop()
  }
  return { tally, unit: source.unit, seconds: (performance.now() - startedAt) / 1000 }
}

/**
 * Replays a file of Segment events through the destination into the target, then checks what the sandbox recorded.
 * Throws a UsageError (exit status 2) for a problem found before the first event is sent.
 */
export async function runReplay(options: ReplayOptions, io: ReplayIo): Promise<ReplayReport> {
  const prepared = await prepare(options)
  const target = await openTarget(options, io.env)
  try {
    // A running sandbox may hold earlier runs: only what this run adds counts.
    const before = target.sandbox && {
      recorded: await target.sandbox.recordedTotal(),
      stats: await target.sandbox.stats()
    }
    const delivered = await deliverFile(options, io, target, prepared).finally(() => prepared.undelivered.close())
    const after = target.sandbox &&
      before && {
        check: await target.sandbox.checkRecorded(before.recorded),
        deduplicated: (await target.sandbox.stats()).deduplicated - before.stats.deduplicated
      }
    const report = buildReport({
      ...delivered,
      file: options.file,
      target: target.name,
      options: {
        batchSize: options.batchSize,
        concurrency: options.concurrency,
        chaos: options.chaos ?? 0,
        retries: options.retries
      },
      deduplicated: after?.deduplicated,
      sandbox: after?.check,
      undeliveredFile: await prepared.undelivered.close()
    })
    io.stdout.write(formatReport(report))
    if (options.report) {
      await writeFile(options.report, JSON.stringify(report, null, 2) + '\n')
    }
    return report
  } finally {
    await target.close()
  }
}
