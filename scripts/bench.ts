/**
 * Measures the destination against a LiveLike stand-in on loopback: requests per 1,000 events, the cost of
 * isolating a bad event, and single-event against batch throughput side by side in one run.
 * Usage: npm run bench [-- --events N]
 */
import { createServer, type IncomingMessage, type Server } from 'http'
import type { AddressInfo } from 'net'
import { performance } from 'perf_hooks'
import { createTestEvent, defaultValues, Destination, type SegmentEvent } from '@segment/actions-core'

const POISONED_MESSAGE_ID = 'poisoned'
const settings = { clientId: 'bench-client', producerToken: 'bench-token-not-real' }

interface Receiver {
  server: Server
  requests: number
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/** Answers 202, or 400 to any request that holds the poisoned event, as LiveLike would reject a whole request. */
async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { server: createServer(), requests: 0 }
  receiver.server.on('request', async (request, response) => {
    receiver.requests++
    const body = await readBody(request)
    const poisoned = body.includes(`"message_id":"${POISONED_MESSAGE_ID}"`)
    response.writeHead(poisoned ? 400 : 202, { 'content-type': 'application/json' })
    response.end(JSON.stringify(poisoned ? { detail: 'Invalid event.' } : { detail: 'Accepted.' }))
  })
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve))
  return receiver
}

function events(count: number, poisonedAt = -1): SegmentEvent[] {
  return Array.from({ length: count }, (_, i) =>
    createTestEvent({
      messageId: i === poisonedAt ? POISONED_MESSAGE_ID : `bench-${i}`,
      properties: { livelike_profile_id: `profile-${i % 97}`, score: i, tags: ['bench', 'segment'] }
    })
  )
}

function heapAfterCollection(): number {
  global.gc?.()
  return process.memoryUsage().heapUsed
}

function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))
}

async function main(): Promise<void> {
  const eventCount = Number(process.argv[process.argv.indexOf('--events') + 1]) || 5000
  const receiver = await startReceiver()
  process.env.LIVELIKE_API_BASE_URL = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/api/v1`
  // Imported after the environment names the stand-in: the base URL is read once, at load.
  const { default: definition } = await import('../src/destinations/livelike-cloud')
  const { DEFAULT_BATCH_SIZE } = await import('../src/destinations/livelike-cloud/constants')
  const destination = new Destination(definition)
  const mapping = defaultValues(definition.actions.sendEvent.fields)
  // actions-core's Destination records every response it sees (the caller reads and clears them), which would
  // otherwise show up as memory the destination keeps.
  const forgetResponses = () => destination.responses.splice(0)
  const subscribed = { ...settings, subscription: { subscribe: 'type = "track"', partnerAction: 'sendEvent', mapping } }
  const sendOne = async (event: SegmentEvent) => {
    await destination.onEvent(event, subscribed)
    forgetResponses()
  }
  const sendBatch = async (batch: SegmentEvent[]) => {
    const results = await destination.executeBatch('sendEvent', { events: batch, mapping, settings })
    forgetResponses()
    return results
  }

  receiver.requests = 0
  for (const batch of chunk(events(1000), DEFAULT_BATCH_SIZE)) {
    await sendBatch(batch)
  }
  console.log(`requests per 1,000 events at batch size ${DEFAULT_BATCH_SIZE}: ${receiver.requests}`)

  const isolationCosts: number[] = []
  for (let position = 0; position < 100; position++) {
    receiver.requests = 0
    const results = await sendBatch(events(100, position))
    const delivered = results.filter((result) => result.status === 202).length
    if (delivered !== 99 || results[position].status !== 400) {
      throw new Error(`isolation failed for the bad event at position ${position}`)
    }
    isolationCosts.push(receiver.requests)
  }
  const mean = isolationCosts.reduce((sum, cost) => sum + cost, 0) / isolationCosts.length
  console.log(
    `requests to deliver 99 and isolate 1 bad event in a batch of 100 (all 100 positions): worst ${Math.max(...isolationCosts)}, mean ${mean.toFixed(1)}`
  )

  const measured = events(eventCount)
  const heapBefore = heapAfterCollection()
  let started = performance.now()
  for (const event of measured) {
    await sendOne(event)
  }
  const singleSeconds = (performance.now() - started) / 1000
  const heapAfterSingle = heapAfterCollection()
  started = performance.now()
  for (const batch of chunk(measured, DEFAULT_BATCH_SIZE)) {
    await destination.onBatch(batch, subscribed)
    forgetResponses()
  }
  const batchSeconds = (performance.now() - started) / 1000
  const heapAfter = heapAfterCollection()

  console.log(`${eventCount} events, one request each: ${(eventCount / singleSeconds).toFixed(0)} events/s`)
  console.log(
    `${eventCount} events, batches of ${DEFAULT_BATCH_SIZE}: ${(eventCount / batchSeconds).toFixed(0)} events/s`
  )
  console.log(`batch / single throughput, same run: ${(singleSeconds / batchSeconds).toFixed(1)}x`)
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  console.log(
    `heap retained after GC: single run ${mib(heapAfterSingle - heapBefore)}, batch run ${mib(heapAfter - heapAfterSingle)}`
  )
  receiver.server.close()
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
