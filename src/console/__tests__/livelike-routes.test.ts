import { basicAuth, call, startTestServer } from '../../server/__tests__/helpers'
import type { RunningServer } from '../../server/server'
import type { ConsoleInfo, EventDetail, LiveLikeView } from '../shared/types'

jest.setTimeout(120_000)

let server: RunningServer

beforeAll(async () => {
  server = await startTestServer()
})

afterAll(async () => {
  await server.close()
})

const own = () => ({ origin: server.url })

describe("the console's LiveLike panel routes", () => {
  it('shows what the sandbox recorded and granted for a delivered event', async () => {
    await call(`${server.url}/v1/track`, {
      json: { userId: 'user-9', event: 'Quiz Answered', messageId: 'panel-1' },
      headers: basicAuth('web-app')
    })
    await call<EventDetail>(`${server.url}/_console/api/events/panel-1?wait=30`)
    const { status, body } = await call<LiveLikeView>(`${server.url}/_console/livelike`)
    expect(status).toBe(200)
    expect(body.stats).toMatchObject({ recorded: 1 })
    expect(body.records[0]).toMatchObject({ event_name: 'Quiz Answered', message_id: 'panel-1' })
    expect(body.grants[0]).toMatchObject({ event_name: 'Quiz Answered', amount: 10, reward_item: 'points' })
    expect(body.balances).toHaveLength(1)
    expect(body.faults).toMatchObject({ unavailableRate: 0 })
    expect(JSON.stringify(body)).not.toContain(server.settings.producerToken)
  })

  it("changes the sandbox's faults and rules from the console's own origin, passing on the sandbox's refusals", async () => {
    const faults = await call(`${server.url}/_console/livelike/faults`, {
      method: 'PUT',
      json: { latencyMs: 5 },
      headers: own()
    })
    expect(faults).toMatchObject({ status: 200, body: { latencyMs: 5 } })
    const refused = await call<{ detail: string }>(`${server.url}/_console/livelike/rules`, {
      method: 'PUT',
      json: [{ event_name: 'x' }],
      headers: own()
    })
    expect(refused.status).toBe(400)
    const rules = [{ event_name: '*', reward_item: 'coins', amount: 3 }]
    expect(
      await call(`${server.url}/_console/livelike/rules`, { method: 'PUT', json: rules, headers: own() })
    ).toMatchObject({ status: 200, body: rules })
    expect((await call(`${server.sandbox?.url}/_sandbox/rewards/rules`)).body).toEqual(rules)
  })

  it('empties the sandbox on reset', async () => {
    const reset = await call(`${server.url}/_console/livelike/reset`, { json: {}, headers: own() })
    expect(reset.status).toBe(200)
    const { body } = await call<LiveLikeView>(`${server.url}/_console/livelike`)
    expect(body.stats).toMatchObject({ recorded: 0 })
    expect(body.faults).toMatchObject({ latencyMs: 0 })
  })

  it('refuses a foreign origin and a body that is not JSON', async () => {
    const foreign = await call<{ message: string }>(`${server.url}/_console/livelike/faults`, {
      method: 'PUT',
      json: { unavailableRate: 1 },
      headers: { origin: 'https://example.com' }
    })
    expect(foreign.status).toBe(403)
    const reset = await call(`${server.url}/_console/livelike/reset`, {
      body: '{}',
      headers: { origin: 'https://example.com', 'content-type': 'application/json' }
    })
    expect(reset.status).toBe(403)
    const form = await call(`${server.url}/_console/livelike/faults`, {
      method: 'PUT',
      body: 'unavailableRate=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }
    })
    expect(form.status).toBe(415)
    expect((await call(`${server.sandbox?.url}/_sandbox/faults`)).body).toMatchObject({ unavailableRate: 0 })
  })

  it('has no LiveLike panel with --live, where there is no sandbox', async () => {
    const live = await startTestServer({ live: { clientId: 'client', producerToken: 'live-token' } })
    try {
      expect((await call<ConsoleInfo>(`${live.url}/_console/api/info`)).body.sandbox).toBe(false)
      const panel = await call<{ message: string }>(`${live.url}/_console/livelike`)
      expect(panel.status).toBe(404)
      expect(panel.body.message).toMatch(/No sandbox/)
      expect((await call(`${live.url}/_console/livelike/faults`, { method: 'PUT', json: {} })).status).toBe(404)
    } finally {
      await live.close()
    }
  })
})
