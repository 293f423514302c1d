import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { validateSubscriptions } from '../../runtime'
import type { DeliveryOutcome, Subscription } from '../../runtime'
import { DEFAULT_PROGRAM_ID } from '../../sandbox/engine/defaults'
import type { EventDetail } from '../../console/shared/types'
import type { RunningServer, ServerOptions } from '../server'
import { basicAuth, call, eventually, startTestServer } from './helpers'
import { COINS_PER_ORDER, coinsOf, liveLikeApi, orderSubscription, sendOrders, setUpPurchase } from './reward-purchase'
import type { Api } from './reward-purchase'

jest.setTimeout(120_000)

async function detailOf(server: RunningServer, messageId: string): Promise<EventDetail> {
  const answer = await call<EventDetail>(`${server.url}/_console/api/events/${messageId}?wait=30`)
  expect(answer.status).toBe(200)
  expect(answer.body.settled).toBe(true)
  return answer.body
}

async function startWithPurchase(batched: boolean, options: ServerOptions = {}) {
  const server = await startTestServer({ subscriptions: [orderSubscription(batched)], ...options })
  const api = liveLikeApi(server)
  await setUpPurchase(api, server.settings.clientId)
  return { server, api }
}

describe.each([
  ['one event per request', false],
  ['batched', true]
])('Invoke Reward Action end to end, %s', (_, batched) => {
  let server: RunningServer
  let api: Api

  beforeAll(async () => {
    ;({ server, api } = await startWithPurchase(batched))
  })

  afterAll(async () => {
    await server.close()
  })

  it('grants once by the program table, and delivers the same order resent as already granted', async () => {
    const { clientId } = server.settings
    await sendOrders(server, [{ messageId: 'first-send', userId: 'buyer-1', orderId: 'order-1001' }])
    const first = await detailOf(server, 'first-send')
    await sendOrders(server, [{ messageId: 'second-send', userId: 'buyer-1', orderId: 'order-1001' }])
    const second = await detailOf(server, 'second-send')

    expect(first).toMatchObject({ stage: 'delivered', attempts: 1 })
    expect(first.alreadyGranted).toBeUndefined()
    expect(first.fates).toEqual([
      expect.objectContaining({ action: 'invokeRewardAction', stage: 'delivered', status: 201 })
    ])
    expect(first.fates[0].alreadyGranted).toBeUndefined()
    const [granted] = first.exchanges
    expect(granted.request.method).toBe('POST')
    expect(granted.request.headers.authorization).toBe('[redacted]')
    const identity = { custom_profile_id: 'buyer-1', code: 'order-1001' }
    if (batched) {
      expect(new URL(granted.request.url).pathname).toBe('/api/v1/batch-invoked-actions/')
      expect(JSON.parse(granted.request.body)).toEqual({
        program_id: DEFAULT_PROGRAM_ID,
        updates: [{ ...identity, reward_actions: [{ reward_action_key: 'purchase' }] }]
      })
      expect(JSON.parse(granted.response.body).updates[0]).toMatchObject({
        status: 'success',
        reward_actions: [
          { status: 'success', rewards: [{ reward_item_name: 'coins', reward_item_amount: COINS_PER_ORDER }] }
        ]
      })
    } else {
      expect(new URL(granted.request.url).pathname).toBe('/api/v1/invoked-actions/')
      expect(JSON.parse(granted.request.body)).toEqual({
        program_id: DEFAULT_PROGRAM_ID,
        reward_action_key: 'purchase',
        ...identity
      })
      expect(JSON.parse(granted.response.body)).toMatchObject({
        code: 'order-1001',
        rewards: [{ reward_item_name: 'coins', reward_item_amount: COINS_PER_ORDER }]
      })
    }

    expect(second).toMatchObject({ stage: 'delivered', attempts: 1, alreadyGranted: true })
    expect(second.fates).toEqual([
      expect.objectContaining({
        stage: 'delivered',
        status: batched ? 200 : 409,
        alreadyGranted: true,
        attempts: [expect.objectContaining({ number: 1, ok: true, retryable: false, alreadyGranted: true })]
      })
    ])
    const [refused] = second.exchanges
    if (batched) {
      expect(refused.response.status).toBe(201)
      expect(JSON.parse(refused.response.body).updates[0]).toMatchObject({
        status: 'failed',
        reason: 'code already used.'
      })
    } else {
      expect(refused.response.status).toBe(409)
      expect(JSON.parse(refused.response.body)).toEqual({ detail: 'code already used.' })
    }

    expect(await coinsOf(api, clientId, 'buyer-1')).toBe(COINS_PER_ORDER)
    const invoked = await api.get<{ count: number }>(`/invoked-actions/?client_id=${clientId}&code=order-1001`)
    expect(invoked.count).toBe(1)
    const overview = await call<{ counts: { delivered: number; failed: Record<string, number> } }>(
      `${server.url}/_console/api/overview`
    )
    expect(overview.body.counts.delivered).toBe(2)
    expect(overview.body.counts.failed).toEqual({ validation: 0, refused: 0, retriesExhausted: 0 })
  })

  it("lists both calls in the sandbox's invocations, granted and code already used", async () => {
    const invocations = await call<{ code: string; outcome: string; rewards: unknown[] }[]>(
      `${server.sandbox?.url}/_sandbox/invocations`
    )
    expect(invocations.body.filter((invocation) => invocation.code === 'order-1001')).toEqual([
      expect.objectContaining({
        outcome: 'granted',
        rewards: [expect.objectContaining({ reward_item_name: 'coins', reward_item_amount: COINS_PER_ORDER })]
      }),
      expect.objectContaining({ outcome: 'code already used', rewards: [] })
    ])
  })
})

describe.each([
  ['one event per request', false],
  ['batched', true]
])('Invoke Reward Action end to end with lost answers, %s', (_, batched) => {
  it('never grants an order twice when the answer to a grant is lost and the event retried', async () => {
    const { server, api } = await startWithPurchase(batched, {
      sandbox: { faults: { lostResponseRate: 0.5 }, seed: 2026 },
      retries: 12
    })
    try {
      const orders = Array.from({ length: 12 }, (_, n) => ({
        messageId: `lost-${n}`,
        userId: 'buyer-lost',
        orderId: `order-${2000 + n}`
      }))
      await sendOrders(server, orders)
      const details = await Promise.all(orders.map(({ messageId }) => detailOf(server, messageId)))

      details.forEach((detail) => expect(detail.stage).toBe('delivered'))
      const retried = details.filter((detail) => detail.fates[0].attempts.length > 1)
      expect(retried.length).toBeGreaterThan(0)
      // The lost answer came after the grant: the retry finds the code used, and the event is delivered as such.
      retried.forEach((detail) => expect(detail.alreadyGranted).toBe(true))
      expect(await coinsOf(api, server.settings.clientId, 'buyer-lost')).toBe(orders.length * COINS_PER_ORDER)
      for (const { orderId } of orders) {
        const invoked = await api.get<{ count: number }>(
          `/invoked-actions/?client_id=${server.settings.clientId}&code=${orderId}`
        )
        expect(invoked.count).toBe(1)
      }
    } finally {
      await server.close()
    }
  })
})

describe('Invoke Reward Action with the loop through LiveLike closed', () => {
  const rewardsGrantRewards: Subscription = {
    name: 'Reward reports grant a purchase',
    subscribe: 'event = "Reward Item Rewarded"',
    partnerAction: 'invokeRewardAction',
    mapping: {
      reward_action_key: 'purchase',
      program_id: DEFAULT_PROGRAM_ID,
      custom_profile_id: { '@path': '$.userId' }
    }
  }

  it('stops the reward reports a subscription would grant rewards for, and flags the subscription beforehand', async () => {
    const { server, api } = await startWithPurchase(false, {
      subscriptions: [orderSubscription(false), rewardsGrantRewards],
      liveLikeSource: true
    })
    try {
      const mappings = await call<{ subscriptions: { name: string; loops: string[] }[] }>(
        `${server.url}/_console/api/mappings`
      )
      expect(mappings.body.subscriptions.map(({ name, loops }) => [name, loops])).toEqual([
        ['Order Completed grants a purchase', []],
        ['Reward reports grant a purchase', ['Reward Item Rewarded']]
      ])

      await sendOrders(server, [{ messageId: 'looping-order', userId: 'buyer-loop', orderId: 'order-3000' }])
      const stopped = await eventually(async () => {
        const { body } = await call<{ outcomes: DeliveryOutcome[] }>(`${server.url}/_deliveries?limit=1000`)
        return body.outcomes.find((outcome) => outcome.loop?.stopped)
      })

      expect(stopped).toMatchObject({
        subscription: 'Reward reports grant a purchase',
        action: 'invokeRewardAction',
        source: 'livelike-source',
        ok: false,
        attempts: 0,
        loop: { hop: 1, stopped: true }
      })
      expect(stopped.message).toMatch(
        /^Loop stopped: "Reward reports grant a purchase" \(invokeRewardAction\) would send "Reward Item Rewarded"/
      )
      const invoked = await api.get<{ count: number }>(`/invoked-actions/?client_id=${server.settings.clientId}`)
      expect(invoked.count).toBe(1)
      expect(await coinsOf(api, server.settings.clientId, 'buyer-loop')).toBe(COINS_PER_ORDER)
    } finally {
      await server.close()
    }
  })
})

describe("Running locally's Invoke Reward Action try-it, as written", () => {
  /** The subscriptions file and the two track calls' bodies, read from the page. */
  async function tryIt(): Promise<{ subscriptions: Subscription[]; bodies: Record<string, unknown>[] }> {
    const page = await readFile(join(__dirname, '../../../docs/running-locally.md'), 'utf8')
    const section = page.slice(page.indexOf('**Try Invoke Reward Action.**'))
    const file = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
    const curls = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
    const bodies = [...curls.matchAll(/-d '([^']*)'/g)].map((match) => JSON.parse(match[1]) as Record<string, unknown>)
    return { subscriptions: validateSubscriptions(JSON.parse(file), 'running-locally.md'), bodies }
  }

  it('grants once for the first call and marks the second already granted', async () => {
    const { subscriptions, bodies } = await tryIt()
    expect(bodies).toHaveLength(2)
    const server = await startTestServer({ subscriptions })
    try {
      // One after the other, as a person types them: each delivered before the next is sent.
      const details: EventDetail[] = []
      for (const body of bodies) {
        const reply = await call(`${server.url}/v1/track`, { json: body, headers: basicAuth('any-write-key') })
        expect(reply.status).toBe(200)
        details.push(await detailOf(server, String(body.messageId)))
      }
      const [first, second] = details

      expect(first).toMatchObject({ stage: 'delivered', fates: [expect.objectContaining({ status: 201 })] })
      expect(first.alreadyGranted).toBeUndefined()
      expect(second).toMatchObject({ stage: 'delivered', alreadyGranted: true, fates: [{ status: 409 }] })
      const rewards = await call<{ grants: { amount: number; reward_item: string }[] }>(
        `${server.sandbox?.url}/_sandbox/rewards`
      )
      expect(rewards.body.grants).toEqual([expect.objectContaining({ reward_item: 'points', amount: 10 })])
    } finally {
      await server.close()
    }
  })
})
