import { createServer } from 'http'
import type { IncomingMessage, Server, ServerResponse } from 'http'
import type { AddressInfo } from 'net'
import type { RunningServer } from '../server'
import { call, startTestServer } from './helpers'

jest.setTimeout(120_000)

const API_BASE_URL_ENV = 'LIVELIKE_API_BASE_URL'
const credentials = { clientId: 'c/../x', producerToken: 'stand-in-token-not-real' }

interface Seen {
  method?: string
  url?: string
  authorization?: string
}

/** A LiveLike stand-in on a free port: two pages of reward actions, one of programs, 401 for any other token. */
function standIn(seen: Seen[]) {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization })
    const url = new URL(request.url ?? '/', 'http://stand-in')
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    if (request.headers.authorization !== `Bearer ${credentials.producerToken}`) {
      return json(401, { detail: 'Invalid token.' })
    }
    if (url.pathname === '/api/v1/reward-actions/' && url.searchParams.get('page') === '2') {
      return json(200, {
        count: 2,
        next: null,
        results: [{ key: 'quiz-answered', name: 'Quiz Answered', type: 'built-in' }]
      })
    }
    if (url.pathname === '/api/v1/reward-actions/') {
      return json(200, {
        count: 2,
        next: 'https://elsewhere.example/api/v1/reward-actions/?page=2',
        results: [{ key: 'purchase', name: 'Purchase', description: 'A completed order', type: 'custom' }]
      })
    }
    if (url.pathname === '/api/v1/programs/') {
      return json(200, { count: 1, next: null, results: [{ id: 'prog-1', title: 'Season 2026', status: 'published' }] })
    }
    json(404, { detail: 'Not found.' })
  })
}

let liveLike: Server
let server: RunningServer
const seen: Seen[] = []
const previousBaseUrl = process.env[API_BASE_URL_ENV]

beforeAll(async () => {
  liveLike = standIn(seen)
  await new Promise<void>((resolve) => liveLike.listen(0, '127.0.0.1', resolve))
  process.env[API_BASE_URL_ENV] = `http://127.0.0.1:${(liveLike.address() as AddressInfo).port}/api/v1`
  server = await startTestServer({ live: credentials })
})

afterAll(async () => {
  await server.close()
  await new Promise((resolve) => liveLike.close(resolve))
  if (previousBaseUrl === undefined) {
    delete process.env[API_BASE_URL_ENV]
  } else {
    process.env[API_BASE_URL_ENV] = previousBaseUrl
  }
})

describe('Actions Tester dynamic field routes', () => {
  it('lists the reward actions page by page, as upstream serve answers POST /:action/:field', async () => {
    const first = await call(`${server.url}/invokeRewardAction/reward_action_key`, {
      json: { settings: credentials, payload: {}, page: 1, auth: {} }
    })
    const second = await call(`${server.url}/invokeRewardAction/reward_action_key`, {
      json: { settings: credentials, payload: {}, page: '2' }
    })

    expect(first).toMatchObject({
      status: 200,
      body: {
        choices: [{ label: 'Purchase', value: 'purchase', description: 'A completed order' }],
        nextPage: '2'
      }
    })
    expect(second).toMatchObject({
      status: 200,
      body: { choices: [{ label: 'Quiz Answered', value: 'quiz-answered', description: 'A built-in reward action.' }] }
    })
    expect(seen.slice(-2)).toEqual([
      {
        method: 'GET',
        url: '/api/v1/reward-actions/?client_id=c%2F..%2Fx',
        authorization: `Bearer ${credentials.producerToken}`
      },
      {
        method: 'GET',
        url: '/api/v1/reward-actions/?client_id=c%2F..%2Fx&page=2',
        authorization: `Bearer ${credentials.producerToken}`
      }
    ])
  })

  it('lists the programs', async () => {
    const reply = await call(`${server.url}/invokeRewardAction/program_id`, { json: { settings: credentials } })

    expect(reply.body).toEqual({
      choices: [{ label: 'Season 2026', value: 'prog-1', description: 'Status: published.' }]
    })
  })

  it('answers a LiveLike refusal with 500 and [error], the token nowhere', async () => {
    const settings = { ...credentials, producerToken: 'wrong-token' }

    const reply = await call(`${server.url}/invokeRewardAction/program_id`, { json: { settings } })

    expect(reply.status).toBe(500)
    expect(reply.body).toEqual([{ code: '401', message: expect.stringContaining('check the Producer Token setting') }])
    expect(JSON.stringify(reply.body)).not.toContain('wrong-token')
  })

  it.each([
    ['/invokeRewardAction/code', /No dynamic field named code in action invokeRewardAction/],
    ['/nothing/program_id', /No dynamic field named program_id in action nothing/]
  ])('refuses %s with a JSON 404', async (path, message) => {
    const reply = await call<{ statusCode: number; message: string }>(`${server.url}${path}`, {
      json: { settings: credentials }
    })

    expect(reply.status).toBe(404)
    expect(reply.body.message).toMatch(message)
  })
})
