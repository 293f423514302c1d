import type { FastifyInstance, FastifyRequest } from 'fastify'
import { requireApplication, requireProducerToken } from '../auth'
import { faultHooks } from '../fault-hooks'
import type { JsonObject } from '../identity'
import { balanceView, baseUrlOf, paginate, transactionView } from '../reward-views'
import { textParam } from '../query'
import { settleRewards } from '../source-events'
import type { SandboxState } from '../state'
import { validateAudienceItems, validateEvents } from '../validation'

const eventsBodySchema = {
  type: 'object',
  required: ['events'],
  properties: { events: { type: 'array', items: { type: 'object' } } }
}
const audienceBodySchema = { type: 'array', items: { type: 'object' } }

/** LiveLike's API under /api/v1: the three calls the destination makes, and the reward read paths. */
export function registerLiveLikeRoutes(app: FastifyInstance, state: SandboxState): void {
  const faults = faultHooks(state)
  const authenticate = async (request: FastifyRequest) => {
    requireProducerToken(request, state.application)
    requireApplication((request.params as { clientId: string }).clientId, state.application)
  }
  const applicationRoute = { onRequest: [faults.onRequest, authenticate] }
  const base = '/api/v1/applications/:clientId'

  app.get(`${base}/validate-app/`, applicationRoute, async (request, reply) =>
    faults.answer(request, reply, 200, { client_id: state.application.clientId, valid: true })
  )

  app.post(
    `${base}/segment-events/`,
    { ...applicationRoute, schema: { body: eventsBodySchema } },
    async (request, reply) => {
      const { events } = request.body as { events: JsonObject[] }
      try {
        validateEvents(events)
      } catch (error) {
        state.events.reject(events.length)
        throw error
      }
      const { fresh, deduplicated } = state.events.record(events)
      const at = state.clock()
      const createdAt = at.toISOString()
      for (const { event } of fresh) {
        settleRewards(state, event, at, createdAt)
      }
      return faults.answer(request, reply, 202, { received: events.length, recorded: fresh.length, deduplicated })
    }
  )

  app.post(
    `${base}/segment-audience-sync/`,
    { ...applicationRoute, schema: { body: audienceBodySchema } },
    async (request, reply) => {
      const items = request.body as JsonObject[]
      validateAudienceItems(items)
      state.userGroups.apply(items)
      return faults.answer(request, reply, 202, { received: items.length })
    }
  )

  const authenticateProducer = async (request: FastifyRequest) => requireProducerToken(request, state.application)

  app.get<{ Params: { profileId: string } }>(
    '/api/v1/profiles/:profileId/reward-item-balances/',
    { onRequest: authenticateProducer },
    async (request) => {
      const balances = state.rewards.balanceOf(request.params.profileId)
      return paginate(request, balances, ([item, balance]) => balanceView(item, balance))
    }
  )

  app.get('/api/v1/reward-transactions/', { onRequest: authenticateProducer }, async (request) => {
    const [profile, itemId, action] = ['profile_id', 'reward_item_id', 'reward_action_key'].map((name) =>
      textParam(request.query, name)
    )
    const grants = state.rewards.grants.filter(
      (grant) =>
        (!profile || grant.user === profile) &&
        (!itemId || grant.entry.item.id === itemId) &&
        (!action || grant.actionKey === action)
    )
    const baseUrl = baseUrlOf(request)
    const { rewards } = state
    return paginate(request, grants, (grant) =>
      transactionView(
        grant,
        rewards.transactionId(grant),
        baseUrl,
        rewards.catalog.actions.get(grant.actionKey)?.name ?? grant.actionKey
      )
    )
  })
}
