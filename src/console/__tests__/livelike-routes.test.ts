import { basicAuth, call, startTestServer, testServerForFile } from '../../server/__tests__/helpers'
import type { ConsoleInfo, EventDetail, LiveLikeView } from '../shared/types'

const session = testServerForFile()

const own = () => ({ origin: session.server.url })

describe("the console's LiveLike panel routes", () => {
  it('shows what the sandbox recorded and granted for a delivered event', async () => {
    await call(`${session.server.url}/v1/track`, {
      json: { userId: 'user-9', event: 'Quiz Answered', messageId: 'panel-1' },
      headers: basicAuth('web-app')
    })
    await call<EventDetail>(`${session.server.url}/_console/api/events/panel-1?wait=30`)
    const { status, body } = await call<LiveLikeView>(`${session.server.url}/_console/livelike`)
    expect(status).toBe(200)
    expect(body.stats).toMatchObject({ recorded: 1 })
    expect(body.records[0]).toMatchObject({ event_name: 'Quiz Answered', message_id: 'panel-1' })
    expect(body.grants[0]).toMatchObject({ event_name: 'Quiz Answered', amount: 10, reward_item: 'points' })
    expect(body.balances).toHaveLength(1)
    expect(body.faults).toMatchObject({ unavailableRate: 0 })
    expect(JSON.stringify(body)).not.toContain(session.server.settings.producerToken)
  })

  it("changes the sandbox's faults and rules from the console's own origin, passing on the sandbox's refusals", async () => {
    const faults = await call(`${session.server.url}/_console/livelike/faults`, {
      method: 'PUT',
      json: { latencyMs: 5 },
      headers: own()
    })
    expect(faults).toMatchObject({ status: 200, body: { latencyMs: 5 } })
    const refused = await call<{ detail: string }>(`${session.server.url}/_console/livelike/rules`, {
      method: 'PUT',
      json: [{ event_name: 'x' }],
      headers: own()
    })
    expect(refused.status).toBe(400)
    const rules = [{ event_name: '*', reward_item: 'coins', amount: 3 }]
    expect(
      await call(`${session.server.url}/_console/livelike/rules`, { method: 'PUT', json: rules, headers: own() })
    ).toMatchObject({ status: 200, body: rules })
    expect((await call(`${session.server.sandbox?.url}/_sandbox/rewards/rules`)).body).toEqual(rules)
  })

  it('empties the sandbox on reset', async () => {
    const reset = await call(`${session.server.url}/_console/livelike/reset`, { json: {}, headers: own() })
    expect(reset.status).toBe(200)
    const { body } = await call<LiveLikeView>(`${session.server.url}/_console/livelike`)
    expect(body.stats).toMatchObject({ recorded: 0 })
    expect(body.faults).toMatchObject({ latencyMs: 0 })
  })

  it("shows the reward engine and changes its entries from the console's own origin", async () => {
    await call(`${session.server.url}/_console/livelike/reset`, { json: {}, headers: own() })
    const before = (await call<LiveLikeView>(`${session.server.url}/_console/livelike`)).body
    const [program] = before.engine.programs
    expect(program).toMatchObject({ title: 'Sandbox program', status: 'live' })
    const [table] = program.tables
    expect(table.entries).toEqual([
      expect.objectContaining({ action: 'segment-event', reward_item_name: 'points', reward_item_amount: 10 })
    ])
    expect(before.engine.actions.filter((action) => action.type === 'built-in')).toHaveLength(6)
    const entry = { reward_table_id: table.id, action: 'quiz-correct', reward_item_id: before.engine.items[0].id }
    const foreign = await call(`${session.server.url}/_console/livelike/entries`, {
      json: { ...entry, reward_item_amount: 5 },
      headers: { origin: 'https://example.com' }
    })
    expect(foreign.status).toBe(403)
    const refused = await call<{ detail: string }>(`${session.server.url}/_console/livelike/entries`, {
      json: { ...entry, reward_item_amount: 0 },
      headers: own()
    })
    expect(refused).toMatchObject({
      status: 400,
      body: { detail: 'reward_item_amount: Ensure this value is greater than or equal to 1.' }
    })
    expect(
      await call(`${session.server.url}/_console/livelike/entries`, {
        json: { ...entry, reward_item_amount: 5 },
        headers: own()
      })
    ).toMatchObject({ status: 201 })
    const limits = {
      reward_limit: { action_limit_count: 2, duration: 'day', timezone: 'Europe/Paris' },
      rate_limit: null
    }
    const changed = await call(`${session.server.url}/_console/livelike/entries/${table.entries[0].id}/limits`, {
      method: 'PUT',
      json: limits,
      headers: own()
    })
    expect(changed).toMatchObject({ status: 200, body: { reward_limit: { action_limit_count: 2 } } })
    const invoke = (code: string) =>
      call(`${session.server.sandbox?.url}/api/v1/invoked-actions/`, {
        json: { program_id: program.id, reward_action_key: 'quiz-correct', custom_profile_id: 'fan-5', code },
        headers: { authorization: `Bearer ${session.server.settings.producerToken}` }
      })
    expect((await invoke('c-1')).status).toBe(201)
    expect((await invoke('c-1')).status).toBe(409)
    const after = (await call<LiveLikeView>(`${session.server.url}/_console/livelike`)).body
    expect(after.engine.programs[0].tables[0].entries).toEqual([
      expect.objectContaining({
        action: 'segment-event',
        reward_limit: expect.objectContaining({ timezone: 'Europe/Paris' })
      }),
      expect.objectContaining({ action: 'quiz-correct', reward_item_amount: 5 })
    ])
    expect(after.invocations.map((invocation) => [invocation.code, invocation.outcome, invocation.rewards])).toEqual([
      ['c-1', 'code already used', []],
      ['c-1', 'granted', [{ reward_item_name: 'points', reward_item_amount: 5 }]]
    ])
  })

  it('refuses a foreign origin and a body that is not JSON', async () => {
    const foreign = await call<{ message: string }>(`${session.server.url}/_console/livelike/faults`, {
      method: 'PUT',
      json: { unavailableRate: 1 },
      headers: { origin: 'https://example.com' }
    })
    expect(foreign.status).toBe(403)
    const reset = await call(`${session.server.url}/_console/livelike/reset`, {
      body: '{}',
      headers: { origin: 'https://example.com', 'content-type': 'application/json' }
    })
    expect(reset.status).toBe(403)
    const form = await call(`${session.server.url}/_console/livelike/faults`, {
      method: 'PUT',
      body: 'unavailableRate=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }
    })
    expect(form.status).toBe(415)
    expect((await call(`${session.server.sandbox?.url}/_sandbox/faults`)).body).toMatchObject({ unavailableRate: 0 })
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
