import type { FastifyInstance } from 'fastify'
import { finishReading } from '../finish-reading'
import { answerErrorsAsJson } from '../http-errors'
import { listening } from './listening'
import { head, RawConnection } from './socket'

jest.setTimeout(120_000)

const THREE_MB = 3 * 1024 * 1024
const json = { 'content-type': 'application/json' }

describe('finishReading', () => {
  let app: FastifyInstance
  let url: string

  beforeAll(async () => {
    ;({ app, url } = await listening(
      (server) => {
        answerErrorsAsJson(server)
        finishReading(server, 50)
        server.post('/', async () => ({ ok: true }))
        server.get('/', async () => ({ ok: true }))
      },
      { bodyLimit: 1024 }
    ))
  })

  afterAll(() => app.close())

  it('lets a client send all of a refused body, read the JSON answer and use the connection again', async () => {
    const connection = await RawConnection.open(url)
    try {
      await connection.write(head('POST', '/', { ...json, 'content-length': 64 * 1024 }))
      const sending = connection.writeFiller(64 * 1024)
      const answer = await connection.answer()

      expect(await sending).toBeUndefined()
      expect(answer?.status).toBe(413)
      expect(answer?.headers.connection).not.toBe('close')
      expect(JSON.parse(answer!.body)).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: "The body is over this route's limit of 1 KB: send less per request."
      })
      await connection.write(head('GET', '/', {}))
      expect((await connection.answer())?.status).toBe(200)
    } finally {
      connection.close()
    }
  })

  it('disconnects a client that never finishes its refused body once the time to finish is up, after its answer', async () => {
    const connection = await RawConnection.open(url)
    try {
      await connection.write(head('POST', '/', { ...json, 'content-length': THREE_MB }))

      expect((await connection.answer())?.status).toBe(413)
      expect(await connection.answer()).toBeUndefined()
      expect(connection.failure).toBeDefined()
    } finally {
      connection.close()
    }
  })
})
