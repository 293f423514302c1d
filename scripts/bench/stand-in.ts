/**
 * A minimal LiveLike on loopback, run as a child process of the bench: it answers 202 to every request, or 400 to a
 * request that holds the poisoned message ID (LiveLike rejects a request whole), and counts the requests and the connections it gets.
 * Reward invocations get 201: one invocation with a reward, or a batch answer with one granted update per update sent.
 */
import { createServer } from 'http'
import type { AddressInfo } from 'net'
import { serve } from './ipc'

export const POISONED_MESSAGE_ID = 'bench-poisoned'

export interface Counts {
  requests: number
  connections: number
}

const POISON_MARK = `"message_id":"${POISONED_MESSAGE_ID}"`
const ACCEPTED = JSON.stringify({ detail: 'Accepted.' })
const REJECTED = JSON.stringify({ detail: 'Invalid event.' })
const REWARDS = [{ reward_item_id: 'bench-points', reward_item_name: 'Points', reward_item_amount: 10 }]
const INVOKED = JSON.stringify({ id: 'bench-invocation', rewards: REWARDS })

/** LiveLike's batch answer: each update granted, in request order; 400 for a body that is not a batch. */
function batchAnswer(body: Buffer): [number, string] {
  try {
    const { program_id, updates } = JSON.parse(body.toString('utf8')) as { program_id?: unknown; updates?: unknown }
    if (!Array.isArray(updates)) {
      return [400, JSON.stringify({ detail: 'updates is required.' })]
    }
    const granted = (updates as { profile_id?: string }[]).map((update) => ({
      profile_id: update.profile_id,
      status: 'success',
      reward_actions: [
        { reward_action_key: 'purchase', invoked_action_id: 'bench', status: 'success', rewards: REWARDS }
      ]
    }))
    return [201, JSON.stringify({ request_id: 'bench', program_id, updates: granted })]
  } catch {
    return [400, JSON.stringify({ detail: 'JSON parse error.' })]
  }
}

function answer(url: string | undefined, body: Buffer): [number, string] {
  if (url?.endsWith('/batch-invoked-actions/')) {
    return batchAnswer(body)
  }
  if (url?.endsWith('/invoked-actions/')) {
    return [201, INVOKED]
  }
  return body.includes(POISON_MARK) ? [400, REJECTED] : [202, ACCEPTED]
}

function main(): void {
  let requests = 0
  let connections = 0
  const server = createServer((request, response) => {
    requests++
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const [status, body] = answer(request.url, Buffer.concat(chunks))
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(body)
    })
  })
  server.on('connection', () => connections++)
  server.keepAliveTimeout = 60_000
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo
    serve(
      {
        baseUrl: () => `http://127.0.0.1:${port}/api/v1`,
        counts: (): Counts => ({ requests, connections })
      },
      () => {
        server.close()
        server.closeAllConnections()
      }
    )
  })
}

if (require.main === module) {
  main()
}
