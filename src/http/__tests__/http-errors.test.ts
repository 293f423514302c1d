import type { FastifyInstance } from 'fastify'
import { call } from '../../runtime/__tests__/http'
import { answerErrorsAsJson, errorBody, HttpError } from '../http-errors'
import { listening } from './listening'

jest.setTimeout(120_000)

describe('answerErrorsAsJson', () => {
  let app: FastifyInstance
  let url: string

  beforeAll(async () => {
    ;({ app, url } = await listening((server) => {
      answerErrorsAsJson(server)
      server.get('/refused', async () => {
        throw new HttpError(409, 'Already there: pick another name.')
      })
      server.get('/broken', async () => {
        throw new Error('a secret detail of the failure')
      })
      server.get('/plain', async (_request, reply) => reply.code(400).type('text/plain').send('not like that'))
      server.post('/json', { schema: { body: { type: 'object', required: ['name'] } } }, async () => ({ ok: true }))
    }))
  })

  afterAll(() => app.close())

  it.each<[string, string, Parameters<typeof call>[1], number, string]>([
    ['a thrown HttpError', '/refused', {}, 409, 'Already there: pick another name.'],
    [
      'a failure of the server, without its detail',
      '/broken',
      {},
      500,
      'The server failed on this request; see its log.'
    ],
    ['a plain-text error answer', '/plain', {}, 400, 'not like that'],
    ['an unknown route', '/nothing?at=all', {}, 404, 'No route GET /nothing.'],
    [
      'a body that is not JSON',
      '/json',
      { body: '{', headers: { 'content-type': 'application/json' } },
      400,
      'The body is not valid JSON'
    ],
    [
      'a body the schema refuses',
      '/json',
      { json: {} },
      400,
      "Invalid request: body must have required property 'name'."
    ]
  ])('answers %s with a JSON error body', async (_, path, init, status, message) => {
    const answer = await call<{ message: string }>(`${url}${path}`, init)

    expect(answer.status).toBe(status)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(answer.body).toEqual({ ...errorBody(status, answer.body.message) })
    expect(answer.body.message.startsWith(message)).toBe(true)
  })

  it('names the status as HTTP does', () => {
    expect(errorBody(413, 'Too big.')).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'Too big.' })
  })
})
