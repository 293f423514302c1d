import { call } from '../../server/__tests__/helpers'
import type { RunningServer } from '../../server/server'

/** LiveLike lists 20 items to a page: this many reward actions at least run onto a second page. */
export const PAGE_SIZE = 20

/** One call to the sandbox's LiveLike routes with the server's own credentials; anything but a 2xx fails the test. */
export async function liveLike<T>(server: RunningServer, path: string, json?: unknown): Promise<T> {
  const { status, body } = await call<T>(`${server.sandbox?.apiBaseUrl}${path}`, {
    method: json === undefined ? 'PUT' : 'POST',
    json,
    headers: { authorization: `Bearer ${server.settings.producerToken}` }
  })
  if (status < 200 || status >= 300) {
    throw new Error(`${path} answered ${status}: ${JSON.stringify(body)}`)
  }
  return body
}

export interface Purchases {
  programId: string
  itemId: string
}

/**
 * The scenario as a LiveLike customer sets it up, through LiveLike's own routes: `promotions` custom reward
 * actions (enough to push the next one past LiveLike's first page), then the action `purchase`, the item `coins`, a
 * table granting 5 coins per purchase, and the program `Loyalty` that table is linked to.
 */
export async function setUpPurchases(server: RunningServer, promotions = PAGE_SIZE): Promise<Purchases> {
  const client_id = server.settings.clientId
  for (let n = 1; n <= promotions; n++) {
    await liveLike(server, '/reward-actions/', { client_id, key: `promotion-${n}`, name: `Promotion ${n}` })
  }
  await liveLike(server, '/reward-actions/', {
    client_id,
    key: 'purchase',
    name: 'Purchase',
    description: 'A completed order'
  })
  const item = await liveLike<{ id: string }>(server, '/reward-items/', { client_id, name: 'coins' })
  const table = await liveLike<{ id: string }>(server, '/reward-tables/', {
    client_id,
    name: 'Purchases',
    entries: [{ action: 'purchase', reward_item_id: item.id, reward_item_amount: 5 }]
  })
  const program = await liveLike<{ id: string }>(server, '/programs/', {
    client_id,
    title: 'Loyalty',
    scheduled_at: '2026-12-01'
  })
  await liveLike(server, `/programs/${program.id}/reward-tables/${table.id}/`)
  return { programId: program.id, itemId: item.id }
}

export interface Invocation {
  code: string | null
  program_id: string
  reward_action_key: string
  outcome: string
  detail?: string
  rewards: { reward_item_name: string; reward_item_amount: number }[]
}

/** The sandbox's latest invocations with this code, oldest first. */
export async function invocationsWithCode(server: RunningServer, code: string): Promise<Invocation[]> {
  const { body } = await call<Invocation[]>(`${server.sandbox?.url}/_sandbox/invocations`)
  return body.filter((invocation) => invocation.code === code)
}

/** The profile's balance of `item`, through LiveLike's balance route, its profile found by its custom ID. */
export async function balanceOf(server: RunningServer, customId: string, itemId: string): Promise<number> {
  const headers = { authorization: `Bearer ${server.settings.producerToken}` }
  const base = server.sandbox?.apiBaseUrl
  const profile = await call<{ id: string }>(
    `${base}/profile-by-custom-id/${encodeURIComponent(server.settings.clientId)}/${encodeURIComponent(customId)}/`,
    { headers }
  )
  const balances = await call<{ results: { reward_item_id: string; reward_item_balance: number }[] }>(
    `${base}/profiles/${profile.body.id}/reward-item-balances/`,
    { headers }
  )
  return balances.body.results.find((balance) => balance.reward_item_id === itemId)?.reward_item_balance ?? 0
}
