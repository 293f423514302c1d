import { Analytics } from '@segment/analytics-node'
import type { Subscription } from '../../runtime'
import { DEFAULT_PROGRAM_ID } from '../../sandbox/engine/defaults'
import type { RunningServer } from '../server'
import { call } from './helpers'

/** What the tests of Invoke Reward Action on a real server share: a purchase set up as an integrator would. */
export const COINS_PER_ORDER = 5

/** The subscription a customer saves: Order Completed invokes `purchase` in the sandbox's program, once per order. */
export function orderSubscription(batched: boolean): Subscription {
  return {
    name: 'Order Completed grants a purchase',
    subscribe: 'type = "track" and event = "Order Completed"',
    partnerAction: 'invokeRewardAction',
    mapping: {
      reward_action_key: 'purchase',
      program_id: DEFAULT_PROGRAM_ID,
      custom_profile_id: { '@path': '$.userId' },
      code: { '@path': '$.properties.order_id' },
      enable_batching: batched,
      batch_size: 50
    }
  }
}

export interface Api {
  get<T>(path: string): Promise<T>
  send<T>(method: 'POST' | 'PUT', path: string, json: unknown): Promise<T>
}

/** LiveLike's routes on the embedded sandbox, with the Producer Token the dev server delivers with. */
export function liveLikeApi(server: RunningServer): Api {
  const base = server.sandbox?.apiBaseUrl ?? ''
  const headers = { authorization: `Bearer ${server.settings.producerToken}` }
  return {
    async get<T>(path: string) {
      const reply = await call<T>(`${base}${path}`, { headers })
      expect(reply.status).toBe(200)
      return reply.body
    },
    async send<T>(method: 'POST' | 'PUT', path: string, json: unknown) {
      const reply = await call<T>(`${base}${path}`, { method, json, headers })
      expect([200, 201]).toContain(reply.status)
      return reply.body
    }
  }
}

/** What an integrator does first: an item, a custom reward action, a table granting it, linked to the program. */
export async function setUpPurchase(api: Api, clientId: string): Promise<void> {
  const item = await api.send<{ id: string }>('POST', '/reward-items/', { client_id: clientId, name: 'coins' })
  await api.send('POST', '/reward-actions/', {
    client_id: clientId,
    key: 'purchase',
    name: 'Purchase',
    description: 'A completed order'
  })
  const table = await api.send<{ id: string }>('POST', '/reward-tables/', {
    client_id: clientId,
    name: 'Orders',
    entries: [{ action: 'purchase', reward_item_id: item.id, reward_item_amount: COINS_PER_ORDER }]
  })
  await api.send('PUT', `/programs/${DEFAULT_PROGRAM_ID}/reward-tables/${table.id}/`, {})
}

export async function coinsOf(api: Api, clientId: string, customId: string): Promise<number> {
  const profile = await api.get<{ id: string }>(`/profile-by-custom-id/${clientId}/${customId}/`)
  const balances = await api.get<{ results: { reward_item_name: string; reward_item_balance: number }[] }>(
    `/profiles/${profile.id}/reward-item-balances/`
  )
  return balances.results.find((balance) => balance.reward_item_name === 'coins')?.reward_item_balance ?? 0
}

export async function sendOrders(
  server: RunningServer,
  orders: { messageId: string; userId: string; orderId: string }[]
) {
  const analytics = new Analytics({ writeKey: 'shop', host: server.url, flushAt: orders.length })
  for (const { messageId, userId, orderId } of orders) {
    analytics.track({ userId, event: 'Order Completed', messageId, properties: { order_id: orderId, total: 42 } })
  }
  await analytics.closeAndFlush()
}
