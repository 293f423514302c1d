import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultValues } from '@segment/actions-core'
import nock from 'nock'
import { parseFql } from '@segment/destination-subscriptions'
import sendEvent from '../../destinations/livelike-cloud/sendEvent'
import { loadSubscriptions, presetSubscriptions } from '../../runtime'
import { basicAuth, call, startTestServer } from '../../server/__tests__/helpers'
import type { RunningServer } from '../../server/server'
import type {
  ActionView,
  MappingDraft,
  MappingsView,
  MappingTestResult,
  PreviewResult,
  TriggerCheck
} from '../shared/mappings'
import type { ConsoleInfo, EventDetail } from '../shared/types'

jest.setTimeout(120_000)

let dir: string
let file: string
let server: RunningServer

const api = (path = '') => `${server.url}/_console/api/mappings${path}`

const orders: MappingDraft = {
  name: 'Orders',
  subscribe: 'event = "Order Completed"',
  partnerAction: 'sendEvent',
  mapping: { ...defaultValues(sendEvent.fields), event_name: { '@path': '$.properties.order_id' } }
}

const order = (messageId: string, orderId: string) => ({
  type: 'track',
  event: 'Order Completed',
  userId: 'user-9',
  messageId,
  timestamp: '2026-12-01T10:00:00.000Z',
  properties: { order_id: orderId, livelike_profile_id: '6a1f2c3d-0000-4000-8000-00000000000a' }
})

async function track(event: Record<string, unknown>): Promise<EventDetail> {
  const sent = await call(`${server.url}/v1/track`, { json: event, headers: basicAuth('web-app') })
  expect(sent.status).toBe(200)
  const answer = await call<EventDetail>(`${server.url}/_console/api/events/${String(event.messageId)}?wait=30`)
  expect(answer.status).toBe(200)
  return answer.body
}

async function recordedNames(): Promise<string[]> {
  const { body } = await call<{ events: { event_name: string }[] }>(`${server.sandbox?.url}/_sandbox/events`)
  return body.events.map((event) => event.event_name)
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mappings-routes-'))
  file = join(dir, 'saved', 'subscriptions.json')
  server = await startTestServer({ subscriptionsFile: file })
})

afterAll(async () => {
  await server?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the Mappings JSON routes', () => {
  it('list the presets with the file they save to, their counts from the history and no loop', async () => {
    await track({ ...order('counted-1', 'A-1'), event: 'Video Watched' })
    const { status, body } = await call<MappingsView>(api())
    expect(status).toBe(200)
    expect(body.file).toBe(file)
    expect(
      body.subscriptions.map(({ name, subscribe, partnerAction, mapping }) => ({
        name,
        subscribe,
        partnerAction,
        mapping
      }))
    ).toEqual(presetSubscriptions())
    const trackCalls = body.subscriptions[0]
    expect(trackCalls).toMatchObject({ enabled: true, loops: [], counts: { matched: 1, delivered: 1, failed: 0 } })
    expect(body.subscriptions[1].counts).toEqual({ matched: 0, delivered: 0, failed: 0 })
  })

  it("describe each action's fields from the definition: label, description, required, default", async () => {
    const { body } = await call<ActionView[]>(api('/actions'))
    expect(body.map((action) => action.key)).toEqual([
      'sendEvent',
      'trackEvent',
      'syncToUserGroup',
      'invokeRewardAction'
    ])
    const eventName = body[0].fields.find((field) => field.key === 'event_name')
    expect(eventName).toEqual({
      key: 'event_name',
      label: 'Event Name',
      description: sendEvent.fields.event_name.description,
      type: 'string',
      required: true,
      multiple: false,
      default: { '@path': '$.event' },
      dynamic: false,
      hidden: false
    })
    expect(body[0].fields.find((field) => field.key === 'event_type')?.choices).toEqual([
      { label: 'track', value: 'track' },
      { label: 'page', value: 'page' },
      { label: 'screen', value: 'screen' }
    ])
  })

  it("check a trigger with Segment's parser: its own message for a syntax error, else the recent events it matches", async () => {
    const broken = 'event = "Order Completed'
    const { body: error } = await call<TriggerCheck>(api('/check'), { json: { subscribe: broken } })
    const parsed = parseFql(broken)
    expect('error' in parsed && parsed.error.message).toBeTruthy()
    expect(error).toEqual({ ok: false, error: 'error' in parsed ? parsed.error.message : undefined })

    await track(order('check-1', 'A-2'))
    const { body } = await call<TriggerCheck>(api('/check'), {
      json: { subscribe: 'event = "Order Completed"', partnerAction: 'sendEvent' }
    })
    expect(body).toMatchObject({ ok: true, matched: 1, loops: [] })
    expect(body.ok && body.of).toBeGreaterThanOrEqual(2)
    expect(body.ok && body.events.map((event) => event.messageId)).toEqual(['check-1'])
  })

  it("flag a trigger that would send LiveLike's own source events back to LiveLike", async () => {
    const { body } = await call<TriggerCheck>(api('/check'), {
      json: { subscribe: 'type = "track"', partnerAction: 'sendEvent' }
    })
    expect(body.ok && body.loops).toEqual(expect.arrayContaining(['Reward Item Rewarded', 'Badge Rewarded']))
    const other = await call<TriggerCheck>(api('/check'), {
      json: { subscribe: 'type = "track"', partnerAction: 'syncToUserGroup' }
    })
    expect(other.body.ok && other.body.loops).toEqual([])
  })

  it("give Invoke Reward Action's Program choices from its own handler, page by page, and LiveLike's refusal", async () => {
    const { body: actions } = await call<ActionView[]>(api('/actions'))
    const invoke = actions.find((action) => action.key === 'invokeRewardAction')
    expect(
      invoke?.fields.filter((item) => item.dynamic).map(({ key, label, required }) => [key, label, required])
    ).toEqual([
      ['reward_action_key', 'Reward Action', true],
      ['program_id', 'Program', true]
    ])

    const base = new URL(server.sandbox?.apiBaseUrl as string)
    const programs = `${base.pathname}/programs/`
    nock(base.origin, { allowUnmocked: true })
      .get(programs)
      .query({ client_id: 'demo' })
      .reply(200, {
        count: 3,
        next: `${base.href}/programs/?client_id=demo&page=2`,
        previous: null,
        results: [
          { id: 'program-1', title: 'Season Pass', status: 'published' },
          { id: 'program-2', title: 'Playoffs' }
        ]
      })
      .get(programs)
      .query({ client_id: 'demo', page: '2' })
      .reply(200, { count: 3, next: null, previous: null, results: [{ id: 'program-3', title: 'Finals' }] })
      .get(programs)
      .query({ client_id: 'demo' })
      .reply(401, { detail: 'Invalid token.' })
    const choices = (body: Record<string, unknown>) =>
      call(api('/dynamic/invokeRewardAction/program_id'), { json: { mapping: {}, ...body } })

    expect((await choices({})).body).toEqual({
      choices: [
        { label: 'Season Pass', value: 'program-1', description: 'Status: published.' },
        { label: 'Playoffs', value: 'program-2' }
      ],
      nextPage: '2'
    })
    expect((await choices({ page: '2' })).body).toEqual({ choices: [{ label: 'Finals', value: 'program-3' }] })
    expect((await choices({})).body).toEqual({
      choices: [],
      error: {
        code: '401',
        message: expect.stringMatching(/^LiveLike refused the Producer Token \(401\) while listing your programs/)
      }
    })
  })

  it('preview the payload actions-core makes of an event, sending nothing', async () => {
    const before = await recordedNames()
    const { body } = await call<PreviewResult>(api('/preview'), {
      json: { subscription: orders, event: order('preview-1', 'A-3') }
    })
    expect(body).toEqual({
      ok: true,
      payload: {
        event_name: 'A-3',
        event_type: 'track',
        segment_user_id: 'user-9',
        livelike_profile_id: '6a1f2c3d-0000-4000-8000-00000000000a',
        timestamp: '2026-12-01T10:00:00.000Z',
        properties: { order_id: 'A-3', livelike_profile_id: '6a1f2c3d-0000-4000-8000-00000000000a' },
        message_id: 'preview-1',
        enable_batching: true,
        batch_size: 100
      }
    })
    expect(await recordedNames()).toEqual(before)
  })

  it("preview a missing required field with actions-core's own message, and a bad directive with mapping-kit's", async () => {
    const { body } = await call<PreviewResult>(api('/preview'), {
      json: { subscription: orders, event: { ...order('preview-2', 'A-4'), properties: {} } }
    })
    expect(body).toEqual({
      ok: false,
      error: {
        name: 'AggregateAjvError',
        messages: ["The root value is missing the required field 'event_name'."]
      }
    })
    const bad = await call<PreviewResult>(api('/preview'), {
      json: {
        subscription: { ...orders, mapping: { ...orders.mapping, event_name: { '@path': 3 } } },
        event: order('p', 'A')
      }
    })
    expect(bad.body).toEqual({
      ok: false,
      error: {
        name: 'AggregateError',
        messages: ['/event_name/@path should be a string or a mapping directive but it is a number.']
      }
    })
  })

  it('test an unsaved subscription through the runner: only it delivers, and LiveLike records the mapped event', async () => {
    const { status, body } = await call<MappingTestResult>(api('/test'), {
      json: { subscription: orders, event: order('ignored', 'A-5') }
    })
    expect(status).toBe(200)
    expect(body.outcomes).toEqual([
      expect.objectContaining({ subscription: 'Orders', action: 'sendEvent', ok: true, status: 202 })
    ])
    expect(body.detail?.fates.map((fate) => [fate.subscription, fate.stage])).toEqual([['Orders', 'delivered']])
    expect(body.detail?.messageId).toMatch(/^mapping-test-/)
    expect(await recordedNames()).toContain('A-5')
    expect((await call<MappingsView>(api())).body.subscriptions.map((item) => item.name)).not.toContain('Orders')
  })

  it('save a new subscription: later events go through it, and the file holds every subscription', async () => {
    const { status, body } = await call<MappingsView>(api(), { json: { subscription: orders } })
    expect(status).toBe(200)
    expect(body.subscriptions.map((item) => item.name)).toEqual(['Track Calls', 'Page Calls', 'Screen Calls', 'Orders'])
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual([...presetSubscriptions(), orders])
    const info = await call<ConsoleInfo>(`${server.url}/_console/api/info`)
    expect(info.body.subscriptions.map((item) => item.name)).toContain('Orders')

    const detail = await track(order('saved-1', 'A-6'))
    expect(detail.fates.map((fate) => [fate.subscription, fate.stage])).toEqual(
      expect.arrayContaining([['Orders', 'delivered']])
    )
    // Track Calls sent the same message_id first, so LiveLike recorded it once: the request shows what Orders sent.
    const sent = detail.exchanges.map(
      (exchange) => JSON.parse(exchange.request.body) as { events: { event_name: string }[] }
    )
    expect(sent.flatMap((body) => body.events.map((item) => item.event_name)).sort()).toEqual([
      'A-6',
      'Order Completed'
    ])
  })

  it('refuse a bad subscription with the reason and change nothing, neither the runner nor the file', async () => {
    const saved = await readFile(file, 'utf8')
    const { mtimeMs } = await stat(file)
    const broken = 'event = "Order Completed'
    const parsed = parseFql(broken)
    const cases: [MappingDraft, RegExp | string][] = [
      [{ ...orders, name: 'Broken', subscribe: broken }, 'error' in parsed ? parsed.error.message : 'never'],
      [
        { ...orders, name: 'Nameless event', mapping: { ...orders.mapping, event_name: '' } },
        /Event Name \(event_name\)/
      ],
      [
        { ...orders, name: 'Bad path', mapping: { ...orders.mapping, event_name: { '@path': 3 } } },
        /@path should be a string/
      ],
      [{ ...orders, name: 'Unknown', partnerAction: 'sendEverything' }, /"partnerAction" must be one of/],
      [orders, /has the name of an earlier one/]
    ]
    for (const [subscription, reason] of cases) {
      const { status, body } = await call<{ message: string }>(api(), { json: { subscription } })
      expect(status).toBe(400)
      expect(body.message).toEqual(
        expect.stringMatching(typeof reason === 'string' ? reason.replace(/[()'"]/g, '.') : reason)
      )
    }
    expect(await readFile(file, 'utf8')).toBe(saved)
    expect((await stat(file)).mtimeMs).toBe(mtimeMs)
    expect((await call<MappingsView>(api())).body.subscriptions.map((item) => item.name)).toEqual([
      'Track Calls',
      'Page Calls',
      'Screen Calls',
      'Orders'
    ])
  })

  it('refuse a foreign Origin and a body that is not JSON, and change nothing', async () => {
    const saved = await readFile(file, 'utf8')
    const foreign = await call<{ message: string }>(api(), {
      json: { subscription: { ...orders, name: 'From elsewhere' } },
      headers: { origin: 'https://evil.example' }
    })
    expect(foreign.status).toBe(403)
    const removal = await call(api('/Orders'), { method: 'DELETE', headers: { origin: 'https://evil.example' } })
    expect(removal.status).toBe(403)
    const text = await call(api(), {
      body: JSON.stringify({ subscription: orders }),
      headers: { 'content-type': 'text/plain' }
    })
    expect(text.status).toBe(415)
    const own = await call<MappingsView>(api('/Orders'), {
      method: 'PUT',
      json: { subscription: orders },
      headers: { origin: server.url }
    })
    expect(own.status).toBe(200)
    expect(await readFile(file, 'utf8')).toBe(saved)
  })

  it('turn a subscription off, rename it and delete it, each written to the file at once', async () => {
    const off = await call<MappingsView>(api('/Orders'), {
      method: 'PUT',
      json: { subscription: { ...orders, enabled: false } }
    })
    expect(off.status).toBe(200)
    expect(off.body.subscriptions[3]).toMatchObject({ name: 'Orders', enabled: false })
    expect((await loadSubscriptions(file))[3]).toEqual({ ...orders, enabled: false })
    const detail = await track(order('while-off', 'A-7'))
    expect(detail.fates.map((fate) => fate.subscription)).not.toContain('Orders')

    const renamed = await call<MappingsView>(api('/Orders'), {
      method: 'PUT',
      json: { subscription: { ...orders, name: 'Completed Orders' } }
    })
    expect(renamed.body.subscriptions.map((item) => item.name)).toEqual([
      'Track Calls',
      'Page Calls',
      'Screen Calls',
      'Completed Orders'
    ])
    const missing = await call<{ message: string }>(api('/Orders'), { method: 'PUT', json: { subscription: orders } })
    expect(missing.status).toBe(404)

    const removed = await call<MappingsView>(api('/Screen%20Calls'), { method: 'DELETE' })
    expect(removed.body.subscriptions.map((item) => item.name)).toEqual([
      'Track Calls',
      'Page Calls',
      'Completed Orders'
    ])
    expect((await loadSubscriptions(file)).map((item) => item.name)).toEqual([
      'Track Calls',
      'Page Calls',
      'Completed Orders'
    ])
  })

  it('give a fresh server started with the saved file the same subscriptions', async () => {
    const fresh = await startTestServer({ subscriptions: await loadSubscriptions(file), subscriptionsFile: file })
    try {
      const strip = (view: MappingsView) => view.subscriptions.map(({ counts: _counts, ...rest }) => rest)
      const [before, after] = await Promise.all([
        call<MappingsView>(api()),
        call<MappingsView>(`${fresh.url}/_console/api/mappings`)
      ])
      expect(strip(after.body)).toEqual(strip(before.body))
    } finally {
      await fresh.close()
    }
  })

  it('keep the last subscription, which a subscriptions file needs, and offer to turn it off', async () => {
    const single = await startTestServer({ subscriptions: [orders], subscriptionsFile: join(dir, 'single.json') })
    try {
      const { status, body } = await call<{ message: string }>(`${single.url}/_console/api/mappings/Orders`, {
        method: 'DELETE'
      })
      expect(status).toBe(409)
      expect(body.message).toBe(
        '"Orders" is the only subscription, and a subscriptions file holds at least one: turn it off instead (enabled false).'
      )
      await expect(stat(join(dir, 'single.json'))).rejects.toMatchObject({ code: 'ENOENT' })
    } finally {
      await single.close()
    }
  })

  it("batch background delivery by a saved subscription's Batch Size, larger than any at start", async () => {
    const bulk = {
      ...orders,
      name: 'Bulk',
      subscribe: 'event = "Bulk"',
      mapping: { ...orders.mapping, batch_size: 500 }
    }
    const batching = await startTestServer({
      subscriptions: [orders],
      subscriptionsFile: join(dir, 'batching.json'),
      lingerMs: 60_000
    })
    try {
      expect((await call(`${batching.url}/_console/api/mappings`, { json: { subscription: bulk } })).status).toBe(200)
      const batch = Array.from({ length: 500 }, (_, n) => ({ ...order(`bulk-${n}`, `B-${n}`), event: 'Bulk' }))
      const sent = await call(`${batching.url}/v1/batch`, { json: { batch }, headers: basicAuth('web-app') })
      expect(sent.status).toBe(200)
      const { body } = await call<EventDetail>(`${batching.url}/_console/api/events/bulk-0?wait=30`)
      expect(body.fates.map((fate) => [fate.subscription, fate.stage])).toEqual([['Bulk', 'delivered']])
      expect((JSON.parse(body.exchanges[0].request.body) as { events: unknown[] }).events).toHaveLength(500)
    } finally {
      await batching.close()
    }
  })

  it('answer a file that cannot be written with the reason, changing nothing', async () => {
    const blocker = join(dir, 'a-file')
    await writeFile(blocker, 'not a folder')
    const stuck = await startTestServer({ subscriptionsFile: join(blocker, 'subscriptions.json') })
    try {
      const { status, body } = await call<{ message: string }>(`${stuck.url}/_console/api/mappings`, {
        json: { subscription: orders }
      })
      expect(status).toBe(500)
      expect(body.message).toMatch(/^Nothing changed: the subscriptions file .* could not be written \(E[A-Z]+\)/)
      const list = await call<MappingsView>(`${stuck.url}/_console/api/mappings`)
      expect(list.body.subscriptions.map((item) => item.name)).toEqual(['Track Calls', 'Page Calls', 'Screen Calls'])
    } finally {
      await stuck.close()
    }
  })
})
