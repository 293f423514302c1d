/**
 * Measures the destination side by side with the published LiveLike destination, plain HTTP posts (the floor) and
 * actions-core on its own (the ceiling), against a LiveLike stand-in in a child process. Each path runs in its own
 * worker process; rounds alternate the order of the paths. See the README's Performance section.
 * Usage: npm run bench [-- --rounds 5 --seconds 0.8 --warm-up 0.5 --keep-alive --only id,id --cpu-prof dir --forget-each-call --json]
 * `--triggers` instead measures what each form of the Track Calls trigger costs to parse and match.
 */
import os from 'os'
import path from 'path'
import { parseArgs } from 'util'
import { DEFAULT_PATHS, findPath, KEEP_ALIVE_PATHS } from './bench/catalog'
import type { PathSpec } from './bench/catalog'
import { startChild } from './bench/ipc'
import type { Child } from './bench/ipc'
import { buildReport, renderReport } from './bench/report'
import type { IsolationMeasurement, PathMeasurement } from './bench/report'
import { roundOrder } from './bench/stats'
import { ISOLATION_WORKER } from './bench/worker'
import type { RoundRequest, RoundResult } from './bench/worker'
import { measureTriggers, renderTriggers } from './bench/triggers'
import type { Isolation } from './bench/isolation'
import type { Counts } from './bench/stand-in'

const BENCH_DIR = path.join(__dirname, 'bench')
const ISOLATION_BATCH_SIZE = 100

interface Options {
  rounds: number
  seconds: number
  warmUp: number
  json: boolean
  paths: PathSpec[]
  isolation: boolean
  cpuProfileDir?: string
  forgetEachCall: boolean
  triggers: boolean
}

function positive(name: string, value: string): number {
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) {
    throw new Error(`--${name} must be a positive number, got "${value}"`)
  }
  return number
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '0.8' },
      'warm-up': { type: 'string', default: '0.5' },
      json: { type: 'boolean', default: false },
      'keep-alive': { type: 'boolean', default: false },
      only: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'forget-each-call': { type: 'boolean', default: false },
      triggers: { type: 'boolean', default: false }
    }
  })
  const paths = values.only
    ? values.only.split(',').map((id) => findPath(id.trim()))
    : [...DEFAULT_PATHS, ...(values['keep-alive'] ? KEEP_ALIVE_PATHS : [])]
  return {
    rounds: Math.round(positive('rounds', values.rounds)),
    seconds: positive('seconds', values.seconds),
    warmUp: positive('warm-up', values['warm-up']),
    json: values.json,
    paths,
    isolation: !values.only,
    cpuProfileDir: values['cpu-prof'] && path.resolve(values['cpu-prof']),
    forgetEachCall: values['forget-each-call'],
    triggers: values.triggers
  }
}

interface Worker {
  spec: PathSpec
  child: Child
  rounds: RoundResult[]
  requests: number[]
  connections: number[]
}

async function measureRounds(standIn: Child, workers: Worker[], options: Options, log: (line: string) => void) {
  for (const worker of workers) {
    await worker.child.call<RoundResult>('round', { seconds: options.warmUp, forgetEachCall: options.forgetEachCall })
  }
  for (let round = 0; round < options.rounds; round++) {
    log(`round ${round + 1} of ${options.rounds}`)
    for (const worker of roundOrder(workers, round)) {
      const before = await standIn.call<Counts>('counts')
      const request: RoundRequest = { seconds: options.seconds, forgetEachCall: options.forgetEachCall }
      worker.rounds.push(await worker.child.call<RoundResult>('round', request))
      const after = await standIn.call<Counts>('counts')
      worker.requests.push(after.requests - before.requests)
      worker.connections.push(after.connections - before.connections)
    }
  }
}

async function measureIsolation(standIn: Child, isolator: Child): Promise<IsolationMeasurement> {
  const measurement: IsolationMeasurement = { requests: [], seconds: [] }
  for (let position = 0; position < ISOLATION_BATCH_SIZE; position++) {
    const before = await standIn.call<Counts>('counts')
    const result = await isolator.call<Isolation>('isolate', position)
    if (result.delivered !== ISOLATION_BATCH_SIZE - 1 || !result.rejectedAtPosition) {
      throw new Error(`isolation failed with the rejected event at position ${position}`)
    }
    measurement.requests.push((await standIn.call<Counts>('counts')).requests - before.requests)
    measurement.seconds.push(result.seconds)
  }
  return measurement
}

function machine() {
  const cpus = os.cpus()
  return { cores: cpus.length, cpu: cpus[0]?.model.trim(), node: process.version, loadAverage: os.loadavg() }
}

function runTriggers(options: Options): void {
  const figures = measureTriggers(options.rounds)
  const loadAverage = os.loadavg()
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ machine: machine(), triggers: figures }, null, 2)}\n`)
    return
  }
  console.log(`Node ${process.version}, load average ${loadAverage.map((average) => average.toFixed(2)).join(' ')}\n`)
  console.log(renderTriggers(figures))
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2))
  if (options.triggers) {
    runTriggers(options)
    return
  }
  const started = Date.now()
  const log = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${line}\n`)
  const before = machine()
  const standIn = await startChild(path.join(BENCH_DIR, 'stand-in.ts'), [])
  const baseUrl = await standIn.call<string>('baseUrl')
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []
  const startWorker = (id: string) => startChild(path.join(BENCH_DIR, 'worker.ts'), [id, baseUrl], profiling)
  log(`starting ${options.paths.length} workers`)
  const [isolator, ...children] = await Promise.all([
    options.isolation ? startWorker(ISOLATION_WORKER) : undefined,
    ...options.paths.map((spec) => startWorker(spec.id))
  ])
  const workers = options.paths.map((spec, index): Worker => ({
    spec,
    child: children[index],
    rounds: [],
    requests: [],
    connections: []
  }))

  await measureRounds(standIn, workers, options, log)
  if (isolator) {
    log('isolating rejected events')
  }
  const isolation = isolator && (await measureIsolation(standIn, isolator))
  const measurements: PathMeasurement[] = []
  for (const worker of workers) {
    measurements.push({ ...worker, peakRssBytes: await worker.child.call<number>('peak') })
  }
  await Promise.all([...workers.map((worker) => worker.child.stop()), isolator?.stop(), standIn.stop()])

  log('done')
  const report = buildReport(measurements, isolation)
  const run = {
    rounds: options.rounds,
    secondsPerRound: options.seconds,
    warmUpSeconds: options.warmUp,
    responsesCleared: options.forgetEachCall ? 'after every call' : 'after every round'
  }
  const after = machine()
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ machine: { ...before, loadAverageAfter: after.loadAverage }, run, ...report }, null, 2)}\n`
    )
    return
  }
  const load = (averages: number[]) => averages.map((average) => average.toFixed(2)).join(' ')
  console.log(
    `${before.cores} cores (${before.cpu}), Node ${before.node}; load average ${load(before.loadAverage)} before, ${load(after.loadAverage)} after`
  )
  console.log(
    `${run.rounds} rounds of ${run.secondsPerRound} s per path after ${run.warmUpSeconds} s of warm-up; destination.responses emptied ${run.responsesCleared}\n`
  )
  console.log(renderReport(report))
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  // Exiting closes the IPC channels, so the stand-in and the workers stop too.
  process.exit(1)
})
