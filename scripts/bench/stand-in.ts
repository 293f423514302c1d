/**
 * A minimal LiveLike on loopback, run as a child process of the bench: it answers 202 to every request, or 400 to a
 * request that holds the poisoned message ID (LiveLike rejects a request whole), and counts the requests and the connections it gets.
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

function main(): void {
  let requests = 0
  let connections = 0
  const server = createServer((request, response) => {
    requests++
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const poisoned = Buffer.concat(chunks).includes(POISON_MARK)
      response.writeHead(poisoned ? 400 : 202, { 'content-type': 'application/json' })
      response.end(poisoned ? REJECTED : ACCEPTED)
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
