import type { Invocation } from '../rewards'
import type { Program, RewardAction, RewardItem, RewardTable, TableEntry } from './catalog'
import type { Profile } from './profiles'

/** The engine's records in LiveLike's shapes (public API reference); baseUrl is where the request came to. */

export const itemView = (item: RewardItem, clientId: string, baseUrl: string) => ({
  id: item.id,
  url: `${baseUrl}/api/v1/reward-items/${item.id}/`,
  client_id: clientId,
  name: item.name,
  attributes: item.attributes,
  created_at: item.createdAt
})

export const actionView = (action: RewardAction, clientId: string, baseUrl: string) => ({
  id: action.id,
  url: `${baseUrl}/api/v1/reward-actions/${action.id}/`,
  client_id: clientId,
  key: action.key,
  name: action.name,
  description: action.description,
  type: action.type,
  created_at: action.createdAt
})

export const entryView = (entry: TableEntry, baseUrl: string) => ({
  id: entry.id,
  url: `${baseUrl}/api/v1/reward-tables/${entry.tableId}/entries/${entry.id}/`,
  reward_table_id: entry.tableId,
  action: entry.action,
  reward_item_id: entry.item.id,
  reward_item_name: entry.item.name,
  reward_item_amount: entry.amount,
  rate_limit: entry.rateLimit,
  reward_limit: entry.rewardLimit
})

export const tableView = (table: RewardTable, clientId: string, baseUrl: string) => ({
  id: table.id,
  url: `${baseUrl}/api/v1/reward-tables/${table.id}/`,
  client_id: clientId,
  name: table.name,
  created_at: table.createdAt,
  entries: table.entries.map((entry) => entryView(entry, baseUrl))
})

export const programView = (program: Program, clientId: string, baseUrl: string) => ({
  id: program.id,
  url: `${baseUrl}/api/v1/programs/${program.id}/`,
  client_id: clientId,
  title: program.title,
  status: program.status,
  created_at: program.createdAt,
  scheduled_at: program.scheduledAt,
  started_at: null,
  stopped_at: null,
  custom_id: null,
  reward_table_ids: [...program.tableIds]
})

export const invocationView = (invocation: Invocation, baseUrl: string) => ({
  id: invocation.id,
  url: `${baseUrl}/api/v1/invoked-actions/${invocation.id}/`,
  created_at: invocation.createdAt,
  program_id: invocation.programId,
  profile_id: invocation.profileId,
  reward_action_key: invocation.actionKey,
  code: invocation.code,
  description: invocation.description,
  attributes: invocation.attributes,
  rewards: invocation.rewards.map((grant) => ({
    reward_item_id: grant.entry.item.id,
    reward_item_name: grant.entry.item.name,
    reward_item_amount: grant.entry.amount
  }))
})

export function profileView(profile: Profile, clientId: string, baseUrl: string) {
  const url = `${baseUrl}/api/v1/profiles/${profile.id}/`
  return {
    id: profile.id,
    url,
    client_id: clientId,
    custom_id: profile.customId,
    nickname: profile.nickname,
    created_at: profile.createdAt,
    custom_data: null,
    attributes: [],
    reward_item_balances_url: `${url}reward-item-balances/`
  }
}
