import type { FastifyInstance } from 'fastify'
import { badgesSchema } from '../badges'
import type { Badge } from '../badges'
import { entryOf, limitsOf } from '../engine/bodies'
import type { Body } from '../engine/fields'
import { engineSnapshot } from '../engine/snapshot'
import { parseFaults } from '../faults'
import { badRequest, SandboxError } from '../http-errors'
import { integerParam } from '../query'
import type { RewardRule } from '../engine/rules'
import { replaceRules, rewardRulesSchema, rulesOf } from '../engine/rules'
import type { SandboxState } from '../state'

const entryBodySchema = {
  type: 'object',
  required: ['reward_table_id'],
  properties: { reward_table_id: { type: 'string' } }
}
const OFFSET = { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 }
const EVENTS_LIMIT = { min: 1, max: 10_000, fallback: 1000 }

/**
 * /_sandbox: what the sandbox recorded, granted and sent as LiveLike's source, its reward rules, badges and faults.
 * Never faulted, no token needed.
 */
export function registerInspectionRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/_sandbox/events', async (request, reply) => {
    const offset = integerParam(request.query, 'offset', OFFSET)
    const limit = integerParam(request.query, 'limit', EVENTS_LIMIT)
    return reply.type('application/json; charset=utf-8').send(state.events.pageJson(offset, limit))
  })

  app.get('/_sandbox/stats', async () => state.events.stats())

  app.get('/_sandbox/rewards', async (request) => {
    const grants = state.rewards.grants
    const offset = integerParam(request.query, 'offset', OFFSET)
    const limit = integerParam(request.query, 'limit', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      fallback: grants.length
    })
    return {
      rules: rulesOf(state.rewards),
      balances: state.rewards.allBalances(),
      grants_total: grants.length,
      grants: grants.slice(offset, offset + limit).map((grant) => ({
        user: grant.user,
        event_name: grant.actionKey,
        message_id: grant.messageId ?? null,
        reward_item: grant.entry.item.name,
        amount: grant.entry.amount,
        created_at: grant.createdAt
      }))
    }
  })

  app.get('/_sandbox/engine', async () => engineSnapshot(state.rewards))

  // The console's way to change the engine without the Producer Token: the same checks as LiveLike's entry route.
  app.post('/_sandbox/engine/entries', { schema: { body: entryBodySchema } }, async (request, reply) => {
    const { reward_table_id: tableId, ...fields } = request.body as Body & { reward_table_id: string }
    const table = state.rewards.catalog.tables.get(tableId)
    if (!table) throw badRequest(`reward_table_id: Invalid pk "${tableId.slice(0, 100)}" - object does not exist.`)
    const entry = state.rewards.catalog.addEntry(table, entryOf(state.rewards.catalog, fields))
    return reply.code(201).send({ id: entry.id })
  })

  app.put<{ Params: { id: string } }>(
    '/_sandbox/engine/entries/:id/limits',
    { schema: { body: { type: 'object' } } },
    async (request) => {
      const entry = state.rewards.catalog.entry(request.params.id)
      if (!entry) throw new SandboxError(404, 'No RewardTableEntry matches the given query.')
      const { rateLimit, rewardLimit } = limitsOf(request.body as Body)
      entry.rateLimit = rateLimit
      entry.rewardLimit = rewardLimit
      return { id: entry.id, rate_limit: rateLimit, reward_limit: rewardLimit }
    }
  )

  app.get('/_sandbox/invocations', async () =>
    state.rewards.attempts.map((attempt) => ({
      at: attempt.at,
      program_id: attempt.programId,
      profile_id: attempt.profileId,
      reward_action_key: attempt.actionKey,
      code: attempt.code,
      outcome: attempt.outcome,
      detail: attempt.detail,
      invoked_action_id: attempt.invocationId,
      rewards: attempt.rewards,
      limited: attempt.limited
    }))
  )

  app.get('/_sandbox/rewards/rules', async () => rulesOf(state.rewards))

  app.put('/_sandbox/rewards/rules', { schema: { body: rewardRulesSchema } }, async (request) => {
    replaceRules(state.rewards, request.body as RewardRule[])
    return rulesOf(state.rewards)
  })

  app.get('/_sandbox/badges', async () => state.badges.list)

  app.put('/_sandbox/badges', { schema: { body: badgesSchema } }, async (request) => {
    state.badges.list = request.body as Badge[]
    return state.badges.list
  })

  app.get('/_sandbox/source', async () => state.source?.view() ?? { enabled: false })

  app.get('/_sandbox/user-groups', async () => state.userGroups.toJSON())

  app.get('/_sandbox/faults', async () => state.faults.current)

  app.put('/_sandbox/faults', async (request) => state.faults.update(parseFaults(request.body)))

  app.delete('/_sandbox', async () => {
    state.reset()
    return {
      detail:
        'The sandbox is empty: events, rewards, badges and user groups forgotten, the reward engine and faults as at start.'
    }
  })
}
