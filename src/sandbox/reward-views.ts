import type { FastifyRequest } from 'fastify'
import { idFor } from './derived-ids'
import { SandboxError } from './http-errors'
import { integerParam } from './query'
import type { RewardItem } from './engine/catalog'
import type { Grant } from './rewards'

/**
 * LiveLike's read shapes (public OpenAPI reference of the engagement suite): reward item balances and reward
 * transactions, in Django REST pages {count, next, previous, results}.
 */

/** The ID of the reward item with this name, whether or not it exists yet (badges name their item). */
export const rewardItemId = (rewardItem: string) => idFor('reward-item', rewardItem)

export function balanceView(item: RewardItem, balance: number) {
  return { reward_item_id: item.id, reward_item_name: item.name, reward_item_balance: balance }
}

/** actionName: the name of the grant's reward action (an event's action is named after the event). */
export function transactionView(grant: Grant, id: string, baseUrl: string, actionName: string) {
  return {
    id,
    url: `${baseUrl}/api/v1/reward-transactions/${id}/`,
    created_at: grant.createdAt,
    reward_item_id: grant.entry.item.id,
    reward_item_name: grant.entry.item.name,
    reward_item_amount: grant.entry.amount,
    reward_action_id: idFor('reward-action', grant.actionKey),
    reward_action_key: grant.actionKey,
    reward_action_name: actionName,
    profile_id: grant.user,
    profile_nickname: null,
    widget_id: null,
    widget_kind: null,
    invoked_action_id: grant.invocation?.id ?? null,
    invoked_action_code: grant.invocation?.code ?? null,
    reward_table_entry_id: grant.entry.id,
    source: null,
    reason: null
  }
}

export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}

export interface Page<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

const PAGE_SIZE = { min: 1, max: 1000, fallback: 20 }

/** One page of items as Django REST's page number pagination serves it (?page=&page_size=). */
export function paginate<T, View>(request: FastifyRequest, items: readonly T[], view: (item: T) => View): Page<View> {
  const pageSize = integerParam(request.query, 'page_size', PAGE_SIZE)
  const lastPage = Math.max(1, Math.ceil(items.length / pageSize))
  const page = integerParam(request.query, 'page', { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 1 })
  if (page > lastPage) {
    throw new SandboxError(404, 'Invalid page.')
  }
  const pageUrl = (number: number) => {
    const url = new URL(request.url, baseUrlOf(request))
    url.searchParams.set('page', String(number))
    return url.toString()
  }
  return {
    count: items.length,
    next: page < lastPage ? pageUrl(page + 1) : null,
    previous: page > 1 ? pageUrl(page - 1) : null,
    results: items.slice((page - 1) * pageSize, page * pageSize).map(view)
  }
}
