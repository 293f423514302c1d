import { createServer } from 'http'
import type { Server } from 'http'
import type { AddressInfo } from 'net'
import { SandboxClient } from '../sandbox-client'

/** Serves /_sandbox/events from a fixed list, at most `pageLimit` a page whatever the client asks. */
function eventsServer(
  messageIds: (string | undefined)[],
  pageLimit: number
): Promise<{ server: Server; url: string; pages: string[] }> {
  const pages: string[] = []
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://sandbox')
    pages.push(url.search)
    const offset = Number(url.searchParams.get('offset'))
    const limit = Math.min(Number(url.searchParams.get('limit')), pageLimit)
    const events = messageIds.slice(offset, offset + limit).map((id) => (id === undefined ? {} : { message_id: id }))
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ total: messageIds.length, events }))
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pages })
    )
  )
}

describe('reading back what the sandbox recorded', () => {
  it('pages through the events from the given offset and counts each message ID recorded more than once', async () => {
    const ids = ['old', 'a', 'b', 'a', undefined, 'c', 'b', 'a', 'old']
    const { server, url, pages } = await eventsServer(ids, 3)
    try {
      expect(await new SandboxClient(url).checkRecorded(1)).toEqual({ recorded: 8, duplicates: 2 })
      expect(pages).toEqual(['?offset=1&limit=1000', '?offset=4&limit=1000', '?offset=7&limit=1000'])
    } finally {
      server.close()
    }
  })

  it('finds no duplicates when every message ID is recorded once', async () => {
    const { server, url } = await eventsServer(['a', 'b', 'c'], 1000)
    try {
      expect(await new SandboxClient(url).checkRecorded(0)).toEqual({ recorded: 3, duplicates: 0 })
    } finally {
      server.close()
    }
  })
})
