import { head, RawConnection } from '../../http/__tests__/socket'
import { startSandbox } from '../../sandbox'
import type { RunningSandbox } from '../../sandbox'
import { testServerForFile } from './helpers'

const THREE_MB = 3 * 1024 * 1024
const ROUNDS = 5

const session = testServerForFile()

const json = { 'content-type': 'application/json' }

/** A request for the same connection after the refused one: the server still answers on it. */
async function manifestOn(connection: RawConnection): Promise<number | undefined> {
  await connection.write(head('GET', '/manifest', {}))
  return (await connection.answer())?.status
}

describe('an oversize body over a real socket', () => {
  it.each([
    ['/events', 413, /over this route's limit of 1024 KB/],
    ['/v1/batch', 400, /over this route's limit of 500 KB/],
    ['/sendEvent', 413, /over this route's limit of 1024 KB/]
  ])('%s: the client sends all 3 MB, reads the whole JSON answer and goes on', async (path, status, message) => {
    for (let round = 0; round < ROUNDS; round++) {
      const connection = await RawConnection.open(session.server.url)
      try {
        await connection.write(head('POST', path, { ...json, 'content-length': THREE_MB }))
        const sending = connection.writeFiller(THREE_MB)
        const answer = await connection.answer()

        expect(await sending).toBeUndefined()
        expect(answer).toMatchObject({ status, headers: { 'content-type': 'application/json; charset=utf-8' } })
        expect(JSON.parse(answer!.body)).toEqual({
          statusCode: status,
          error: expect.any(String),
          message: expect.stringMatching(message)
        })
        expect(await manifestOn(connection)).toBe(200)
      } finally {
        connection.close()
      }
    }
  })

  it('lets the client finish sending after it has read the answer', async () => {
    const connection = await RawConnection.open(session.server.url)
    try {
      await connection.write(head('POST', '/events', { ...json, 'content-length': THREE_MB }))
      await connection.write(Buffer.alloc(64 * 1024, 'x'))
      const answer = await connection.answer()

      expect(answer?.status).toBe(413)
      expect(await connection.writeFiller(THREE_MB - 64 * 1024)).toBeUndefined()
      expect(await manifestOn(connection)).toBe(200)
    } finally {
      connection.close()
    }
  })

  it('answers a chunked body that grows past the limit, and the client can still finish it', async () => {
    const connection = await RawConnection.open(session.server.url)
    try {
      await connection.write(head('POST', '/events', { ...json, 'transfer-encoding': 'chunked' }))
      const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 'x'), Buffer.from('\r\n')])
      for (let sent = 0; sent < THREE_MB; sent += 0x10000) {
        expect(await connection.write(chunk)).toBeUndefined()
      }
      expect(await connection.write('0\r\n\r\n')).toBeUndefined()

      expect((await connection.answer())?.status).toBe(413)
      expect(await manifestOn(connection)).toBe(200)
    } finally {
      connection.close()
    }
  })
})

describe("the sandbox's server", () => {
  let sandbox: RunningSandbox

  beforeAll(async () => {
    sandbox = await startSandbox()
  })

  afterAll(() => sandbox.close())

  it('lets a client send all of an oversize body and read its answer, then goes on serving', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const connection = await RawConnection.open(sandbox.url)
      try {
        const path = '/api/v1/applications/demo/segment-events/'
        const token = { authorization: 'Bearer demo-producer-token' }
        await connection.write(head('POST', path, { ...json, ...token, 'content-length': THREE_MB }))
        const sending = connection.writeFiller(THREE_MB)
        const answer = await connection.answer()

        expect(await sending).toBeUndefined()
        expect(answer?.status).toBe(413)
        expect(JSON.parse(answer!.body)).toEqual({ detail: expect.stringMatching(/too large/) })
        await connection.write(head('GET', '/_sandbox/stats', {}))
        expect((await connection.answer())?.status).toBe(200)
      } finally {
        connection.close()
      }
    }
  })
})
