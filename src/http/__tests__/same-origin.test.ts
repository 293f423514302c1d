import type { FastifyInstance } from 'fastify'
import { call } from '../../runtime/__tests__/http'
import { answerErrorsAsJson } from '../http-errors'
import { sameOriginOnly } from '../same-origin'
import { listening } from './listening'

jest.setTimeout(120_000)

describe('sameOriginOnly', () => {
  let app: FastifyInstance
  let url: string

  beforeAll(async () => {
    ;({ app, url } = await listening((server) => {
      answerErrorsAsJson(server)
      const guard = sameOriginOnly({ origins: ['http://127.0.0.1:9999'] })
      server.post('/change', { onRequest: guard }, async () => ({ ok: 1 }))
      server.get('/change', { onRequest: guard }, async () => ({ ok: 1 }))
      server.post('/open', async () => ({ ok: 1 }))
      server.register(
        async (scope) => {
          scope.addHook('onRequest', sameOriginOnly({ under: '/scoped/guarded' }))
          scope.post('/guarded', async () => ({ ok: 1 }))
          scope.post('/free', async () => ({ ok: 1 }))
        },
        { prefix: '/scoped' }
      )
    }))
  })

  afterAll(() => app.close())

  const send = (path: string, headers: Record<string, string>, body = '{}') =>
    call(`${url}${path}`, { body, headers: { 'content-type': 'application/json', ...headers } })

  it('lets a listed origin through and refuses another, leaving other routes alone', async () => {
    expect((await send('/change', { origin: 'http://127.0.0.1:9999' })).status).toBe(200)
    expect((await send('/open', { origin: 'http://127.0.0.1:9998' })).status).toBe(200)
    const refused = await send('/change', { origin: 'http://127.0.0.1:9998' })
    expect(refused.status).toBe(403)
    expect(refused.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message:
        "A page from http://127.0.0.1:9998 may not change anything here; these may: this server's own pages, http://127.0.0.1:9999."
    })
  })

  it("lets the server's own loopback origin through, and a request without an Origin (not a browser)", async () => {
    const own = new URL(url).host
    expect((await send('/change', { origin: `http://${own}` })).status).toBe(200)
    expect((await send('/change', {})).status).toBe(200)
  })

  it('refuses a page whose name was made to point here, though its Origin matches its Host', async () => {
    const port = new URL(url).port
    const rebound = `rebound.example:${port}`
    expect((await send('/change', { origin: `http://${rebound}`, host: rebound })).status).toBe(403)
  })

  it('refuses a body that is not JSON with 415, and leaves safe methods alone', async () => {
    const text = await call(`${url}/change`, { body: 'a=1', headers: { 'content-type': 'text/plain' } })
    expect(text.status).toBe(415)
    expect((text.body as { message: string }).message).toBe(
      'Content-Type text/plain is not accepted here: send the body as application/json.'
    )
    expect((await call(`${url}/change`, { headers: { origin: 'https://example.com' } })).status).toBe(200)
  })

  it('guards only the routes under its path', async () => {
    expect((await send('/scoped/guarded', { origin: 'https://example.com' })).status).toBe(403)
    expect((await send('/scoped/free', { origin: 'https://example.com' })).status).toBe(200)
  })
})
