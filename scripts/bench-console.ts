/**
 * npm run bench:console: POST /v1/batch throughput of the dev server with a console page open (an SSE client that,
 * as the page does, reads a page of the stream after every update) against without, side by side in one run. The
 * server runs in a child process; rounds alternate the two cases; each round times from the first batch posted to the
 * last event delivered to the embedded sandbox, and reads the CPU time the server process spent on it, which other
 * work on a busy machine disturbs far less than the wall clock.
 * Usage: npm run bench:console [-- --rounds 4 --events 20000 --json]
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { parseArgs } from 'node:util'
import { Pool, request } from 'undici'
import { startServer } from '../src/server/server'

const BATCH = 100
const IN_FLIGHT = 8
const STREAM_PAGE = 70

type Case = 'without a page' | 'with a page open'

interface Round {
  case: Case
  eventsPerSecond: number
  /** Events per CPU second of the server process. */
  eventsPerCpuSecond: number
}

/** The server's side: its URL on the first line, then its CPU time (µs) for each line read. */
async function serve(): Promise<void> {
  const server = await startServer({ port: 0, sandboxPort: 0, logger: false, liveLikeSource: false })
  process.stdout.write(`${server.url}\n`)
  createInterface({ input: process.stdin }).on('line', () => {
    const { user, system } = process.cpuUsage()
    process.stdout.write(`${user + system}\n`)
  })
  process.once('SIGTERM', () => server.close().then(() => process.exit(0)))
}

/** Asks the server process for its CPU time, in seconds. */
function cpuReader(child: ChildProcess, lines: AsyncIterator<string>): () => Promise<number> {
  return async () => {
    child.stdin?.write('cpu\n')
    const { value } = await lines.next()
    return Number(value) / 1e6
  }
}

async function delivered(url: string): Promise<number> {
  const answer = await request(`${url}/_deliveries?limit=1`)
  return ((await answer.body.json()) as { total: number }).total
}

async function postBatches(pool: Pool, events: number, round: number): Promise<void> {
  let next = 0
  const auth = `Basic ${Buffer.from('bench:').toString('base64')}`
  const worker = async () => {
    while (next < events) {
      const first = next
      next += BATCH
      const batch = Array.from({ length: Math.min(BATCH, events - first) }, (_, index) => ({
        type: 'track',
        event: 'Video Watched',
        userId: `user-${(first + index) % 500}`,
        messageId: `bench-${round}-${first + index}`,
        properties: { video_id: 'intro' }
      }))
      const answer = await pool.request({
        method: 'POST',
        path: '/v1/batch',
        headers: { 'content-type': 'application/json', authorization: auth },
        body: JSON.stringify({ batch })
      })
      await answer.body.dump()
      if (answer.statusCode !== 200) {
        throw new Error(`POST /v1/batch answered ${answer.statusCode}`)
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
}

/** What an open page costs the server: the live stream, and one page of the stream read after each update. */
async function openPage(url: string): Promise<() => void> {
  const stream = await request(`${url}/_console/api/live`)
  let reading = false
  stream.body.on('data', (chunk: Buffer) => {
    if (!reading && chunk.includes('"kind":"events"')) {
      reading = true
      request(`${url}/_console/api/events?limit=${STREAM_PAGE}`)
        .then((answer) => answer.body.dump())
        .finally(() => {
          reading = false
        })
    }
  })
  return () => stream.body.destroy()
}

interface Target {
  url: string
  pool: Pool
  cpu: () => Promise<number>
}

async function round(target: Target, events: number, index: number, which: Case): Promise<Round> {
  const { url, pool, cpu } = target
  const close = which === 'with a page open' ? await openPage(url) : () => undefined
  try {
    const before = await delivered(url)
    const cpuBefore = await cpu()
    const started = process.hrtime.bigint()
    await postBatches(pool, events, index)
    while ((await delivered(url)) < before + events) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const cpuSeconds = (await cpu()) - cpuBefore
    return { case: which, eventsPerSecond: events / seconds, eventsPerCpuSecond: events / cpuSeconds }
  } finally {
    close()
  }
}

function wholeNumber(name: string, value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`--${name} must be a whole number of 1 or more, got "${value}"`)
  }
  return number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '4' },
      events: { type: 'string', default: '20000' },
      json: { type: 'boolean', default: false }
    }
  })
  const rounds = wholeNumber('rounds', values.rounds)
  const events = wholeNumber('events', values.events)
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--serve'], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  const lines = createInterface({ input: child.stdout as Readable })[Symbol.asyncIterator]()
  const url = String((await lines.next()).value)
  const pool = new Pool(url, { connections: IN_FLIGHT })
  const target = { url, pool, cpu: cpuReader(child, lines) }
  try {
    await round(target, events, 0, 'without a page')
    const results: Round[] = []
    const pairs: number[] = []
    for (let index = 1; index <= rounds; index++) {
      // Alternate which case goes first, so that neither always runs on a warmer process.
      const order: Case[] = index % 2 ? ['without a page', 'with a page open'] : ['with a page open', 'without a page']
      const pair: Record<string, number> = {}
      for (const which of order) {
        const result = await round(target, events, results.length + 1, which)
        results.push(result)
        pair[which] = result.eventsPerSecond
      }
      pairs.push(pair['with a page open'] / pair['without a page'])
    }
    const of = (which: Case, measure: 'eventsPerSecond' | 'eventsPerCpuSecond') =>
      results.filter((result) => result.case === which).map((result) => result[measure])
    const line = (which: Case, measure: 'eventsPerSecond' | 'eventsPerCpuSecond', unit: string) =>
      `  ${which.padEnd(18)} ${of(which, measure)
        .map((value) => Math.round(value).toLocaleString('en-US').padStart(7))
        .join(' ')}   median ${Math.round(median(of(which, measure))).toLocaleString('en-US')} ${unit}`
    const ratioOf = (measure: 'eventsPerSecond' | 'eventsPerCpuSecond') =>
      median(of('with a page open', measure)) / median(of('without a page', measure))
    const ratio = (measure: 'eventsPerSecond' | 'eventsPerCpuSecond') => ratioOf(measure).toFixed(2)
    if (values.json) {
      const withOverWithout = {
        eventsPerSecond: ratioOf('eventsPerSecond'),
        eventsPerCpuSecond: ratioOf('eventsPerCpuSecond'),
        withinEachRound: pairs
      }
      const run = { eventsPerRound: events, batchSize: BATCH, inFlight: IN_FLIGHT, rounds }
      process.stdout.write(`${JSON.stringify({ run, rounds: results, withOverWithout }, null, 2)}\n`)
      return
    }
    process.stdout.write(
      [
        `POST /v1/batch, ${events.toLocaleString('en-US')} events a round in batches of ${BATCH}, ${IN_FLIGHT} in flight, until delivered`,
        'throughput',
        line('without a page', 'eventsPerSecond', 'events/s'),
        line('with a page open', 'eventsPerSecond', 'events/s'),
        `  ratio of the medians (with / without) ${ratio('eventsPerSecond')}; within each round ${pairs
          .map((pair) => pair.toFixed(2))
          .join(' ')}, median ${median(pairs).toFixed(2)}`,
        "events per CPU second of the server's process",
        line('without a page', 'eventsPerCpuSecond', 'events/CPU s'),
        line('with a page open', 'eventsPerCpuSecond', 'events/CPU s'),
        `  ratio of the medians (with / without) ${ratio('eventsPerCpuSecond')}`,
        ''
      ].join('\n')
    )
  } finally {
    await pool.close()
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
}

if (process.argv.includes('--serve')) {
  serve().catch((error: unknown) => {
    process.stderr.write(`bench:console server failed: ${String(error)}\n`)
    process.exit(1)
  })
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:console failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  })
}
