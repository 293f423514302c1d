import { badRequest } from '../http-errors'
import type { Catalog, NewEntry, RateLimit, RewardLimit } from './catalog'
import { RATE_LIMIT_UNITS, REWARD_LIMIT_DURATIONS } from './catalog'
import type { Body } from './fields'
import { boolean, choice, integer, object, requiredString } from './fields'
import { isTimeZone } from './limits'

/** The reward engine's request bodies, read in full before anything changes. */

export function clientIdOf(body: Body, clientId: string): void {
  const value = requiredString(body, 'client_id')
  if (value !== clientId) throw badRequest(`client_id: Invalid pk "${value.slice(0, 100)}" - object does not exist.`)
}

const enabled = (body: Body, path: string) => (body.is_enabled === undefined ? true : boolean(body, 'is_enabled', path))

function rateLimit(body: Body, path: string): RateLimit | null {
  const limit = object(body, 'rate_limit', path)
  if (!limit) return null
  return {
    is_enabled: enabled(limit, `${path}.is_enabled`),
    unit: choice(limit, 'unit', `${path}.unit`, RATE_LIMIT_UNITS),
    frequency: integer(limit, 'frequency', `${path}.frequency`, 1)
  }
}

function rewardLimit(body: Body, path: string): RewardLimit | null {
  const limit = object(body, 'reward_limit', path)
  if (!limit) return null
  const read = {
    is_enabled: enabled(limit, `${path}.is_enabled`),
    action_limit_count: integer(limit, 'action_limit_count', `${path}.action_limit_count`, 1),
    duration: choice(limit, 'duration', `${path}.duration`, REWARD_LIMIT_DURATIONS),
    timezone: requiredString(limit, 'timezone', `${path}.timezone`)
  }
  if (!isTimeZone(read.timezone)) {
    throw badRequest(
      `${path}.timezone: "${read.timezone.slice(0, 60)}" is not a valid IANA time zone, e.g. Europe/Paris.`
    )
  }
  return read
}

/** The body of the sandbox's own limits route: {rate_limit, reward_limit}, each an object or null (none). */
export const limitsOf = (body: Body) => ({
  rateLimit: rateLimit(body, 'rate_limit'),
  rewardLimit: rewardLimit(body, 'reward_limit')
})

/** One reward table entry: {action (a reward action's key), reward_item_id, reward_item_amount, rate_limit, reward_limit}. */
export function entryOf(catalog: Catalog, body: Body, prefix = ''): NewEntry {
  const action = requiredString(body, 'action', `${prefix}action`)
  if (!catalog.actions.has(action)) {
    throw badRequest(`${prefix}action: Object with key=${action.slice(0, 100)} does not exist.`)
  }
  const itemId = requiredString(body, 'reward_item_id', `${prefix}reward_item_id`)
  const item = catalog.items.get(itemId)
  if (!item) throw badRequest(`${prefix}reward_item_id: Invalid pk "${itemId.slice(0, 100)}" - object does not exist.`)
  return {
    action,
    item,
    amount: integer(body, 'reward_item_amount', `${prefix}reward_item_amount`, 1),
    rateLimit: rateLimit(body, `${prefix}rate_limit`),
    rewardLimit: rewardLimit(body, `${prefix}reward_limit`)
  }
}
