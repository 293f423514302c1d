import { createHash } from 'crypto'
import type { FastifyRequest } from 'fastify'
import { SandboxError } from './http-errors'
import { integerParam } from './query'
import type { Grant } from './rewards'

/**
 * LiveLike's read shapes (public OpenAPI reference of the engagement suite): reward item balances and reward
 * transactions, in Django REST pages {count, next, previous, results}.
 */

const ids = new Map<string, string>()

/** A stable UUID-shaped ID for a name: LiveLike identifies reward items and actions by UUID, the sandbox by name. */
function idFor(kind: string, name: string): string {
  const key = `${kind}:${name}`
  let id = ids.get(key)
  if (id === undefined) {
    const hex = createHash('sha1').update(key).digest('hex')
    const variant = (8 | (parseInt(hex[16], 16) & 3)).toString(16)
    id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
    ids.set(key, id)
  }
  return id
}

export const rewardItemId = (rewardItem: string) => idFor('reward-item', rewardItem)

const transactionId = (sequence: number) => `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`

export function balanceView(rewardItem: string, balance: number) {
  return { reward_item_id: rewardItemId(rewardItem), reward_item_name: rewardItem, reward_item_balance: balance }
}

export function transactionView(grant: Grant, baseUrl: string) {
  const id = transactionId(grant.sequence)
  return {
    id,
    url: `${baseUrl}/api/v1/reward-transactions/${id}/`,
    created_at: grant.createdAt,
    reward_item_id: rewardItemId(grant.rewardItem),
    reward_item_name: grant.rewardItem,
    reward_item_amount: grant.amount,
    reward_action_id: idFor('reward-action', grant.eventName),
    reward_action_key: grant.eventName,
    reward_action_name: grant.eventName,
    profile_id: grant.user,
    profile_nickname: null,
    widget_id: null,
    widget_kind: null
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
