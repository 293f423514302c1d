import { randomUUID } from 'crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { requireApplication, requireProducerToken } from '../auth'
import { faultHooks } from '../fault-hooks'
import { BATCH_STATUS, OUTCOME } from '../engine/answers'
import type { Outcome } from '../engine/answers'
import type { Body } from '../engine/fields'
import { isObject, objects, optionalString } from '../engine/fields'
import type { InvocationFields } from '../engine/invoke'
import { actionOf, invocationFields, invoke, outcomeOf, profileOf, programOf, Refusal, refuse } from '../engine/invoke'
import type { Program } from '../engine/catalog'
import { invocationView, profileView } from '../engine/views'
import { badRequest, SandboxError } from '../http-errors'
import { textParam } from '../query'
import { baseUrlOf, paginate } from '../reward-views'
import type { Invocation, Settled } from '../rewards'
import { reportGrants } from '../source-events'
import type { SandboxState } from '../state'
import { isIsoDateTime } from '../timestamps'
import { CUSTOM_ID_MAX_LENGTH } from '../validation'

/**
 * LiveLike's invoked actions (single and batch) and profiles by custom ID, under /api/v1. An invocation grants through
 * the same engine as segment-events, and LiveLike's source reports each grant.
 */
export function registerInvocationRoutes(app: FastifyInstance, state: SandboxState): void {
  const clientId = state.application.clientId
  const authenticate = async (request: FastifyRequest) => requireProducerToken(request, state.application)
  // Invocations are calls a destination makes: they meet the faults too, a lost answer after the grant included.
  const faults = faultHooks(state)
  const faulted = { onRequest: [faults.onRequest, authenticate], schema: { body: { type: 'object' } } }

  /** One invocation of one action, noted for the console whatever its outcome. */
  function invokeOne(program: Program, fields: InvocationFields, at: Date) {
    const note = (
      outcome: Outcome,
      profileId: string | null,
      detail: string | null,
      settled?: Settled,
      invocation?: Invocation
    ) =>
      state.rewards.noteAttempt({
        at: at.toISOString(),
        programId: program.id,
        profileId,
        actionKey: fields.actionKey,
        code: fields.code,
        outcome,
        detail,
        invocationId: invocation?.id ?? null,
        rewards: (settled?.granted ?? []).map(({ grant }) => ({
          reward_item_name: grant.entry.item.name,
          reward_item_amount: grant.entry.amount
        })),
        limited: (settled?.limited ?? []).map(({ entry, limit }) => ({ reward_table_entry_id: entry.id, limit }))
      })
    const action = actionOf(state.rewards, fields.actionKey)
    if (action instanceof Refusal) {
      note(OUTCOME.refused, null, action.detail)
      return action
    }
    const profile = profileOf(state.rewards, fields.profileId, fields.customProfileId, at.toISOString())
    if (profile instanceof Refusal) {
      note(OUTCOME.refused, null, profile.detail)
      return profile
    }
    const result = invoke(state.rewards, program, profile.id, fields, at)
    if (result instanceof Refusal) {
      note(result.status === 409 ? OUTCOME.codeUsed : OUTCOME.refused, profile.id, result.detail)
      return result
    }
    note(outcomeOf(result.settled), profile.id, null, result.settled, result.invocation)
    // As for an event known by its custom_id only, the source has no Segment user ID to send.
    reportGrants(state, profile.id, result.settled.granted, { userId: undefined, causedBy: result.invocation.id })
    return result.invocation
  }

  app.post('/api/v1/invoked-actions/', faulted, async (request, reply) => {
    const body = request.body as Body
    const fields = invocationFields(body)
    const program = programOf(state.rewards, body)
    const outcome = invokeOne(program, fields, state.clock())
    if (outcome instanceof Refusal) throw refuse(outcome)
    return faults.answer(request, reply, 201, invocationView(outcome, baseUrlOf(request)))
  })

  app.get('/api/v1/invoked-actions/', { onRequest: authenticate }, async (request) => {
    const client = textParam(request.query, 'client_id')
    if (!client) throw badRequest('client_id: This query parameter is required.')
    requireApplication(client, state.application)
    const [code, profileId, actionKey, programId] = ['code', 'profile_id', 'reward_action_key', 'program_id'].map(
      (name) => textParam(request.query, name)
    )
    const [since, until] = ['since', 'until'].map((name) => {
      const value = textParam(request.query, name)
      if (value !== undefined && !isIsoDateTime(value)) {
        throw badRequest(`${name}: Datetime has wrong format. Use ISO 8601, for example 2024-03-07T12:00:00Z.`)
      }
      return value === undefined ? undefined : Date.parse(value)
    })
    const invocations = state.rewards.invocations.filter(
      (invocation) =>
        (!code || invocation.code === code) &&
        (!profileId || invocation.profileId === profileId) &&
        (!actionKey || invocation.actionKey === actionKey) &&
        (!programId || invocation.programId === programId) &&
        (since === undefined || Date.parse(invocation.createdAt) >= since) &&
        (until === undefined || Date.parse(invocation.createdAt) <= until)
    )
    const baseUrl = baseUrlOf(request)
    return paginate(request, invocations, (invocation) => invocationView(invocation, baseUrl))
  })

  app.post('/api/v1/batch-invoked-actions/', faulted, async (request, reply) => {
    const body = request.body as Body
    // Every update is read before any is invoked: a malformed one refuses the whole batch and changes nothing.
    const updates = objects(body, 'updates', 'updates', { required: true }).map((update, i) => {
      const code = optionalString(update, 'code', `updates[${i}].code`, 255)
      const actions = objects(update, 'reward_actions', `updates[${i}].reward_actions`, { required: true }).map(
        (action, j) => {
          const fields = invocationFields(action, `updates[${i}].reward_actions[${j}].`)
          return {
            ...fields,
            code: fields.code ?? code,
            profileId: update.profile_id,
            customProfileId: update.custom_profile_id
          }
        }
      )
      return { update, code, actions }
    })
    const program = programOf(state.rewards, body)
    const at = state.clock()
    const baseUrl = baseUrlOf(request)
    const answers = updates.map(({ update, code, actions }) => {
      const identity = {
        ...(update.profile_id !== undefined && { profile_id: update.profile_id }),
        ...(update.custom_profile_id !== undefined && { custom_profile_id: update.custom_profile_id })
      }
      const rewardActions = actions.map((fields) => {
        const outcome = invokeOne(program, fields, at)
        const failed = outcome instanceof Refusal
        return {
          reward_action_key: fields.actionKey,
          invoked_action_id: failed ? null : outcome.id,
          status: failed ? BATCH_STATUS.failed : BATCH_STATUS.success,
          reason: failed ? outcome.detail : null,
          rewards: failed ? [] : invocationView(outcome, baseUrl).rewards
        }
      })
      const firstFailure = rewardActions.find((action) => action.status === BATCH_STATUS.failed)
      const anySuccess = rewardActions.some((action) => action.status === BATCH_STATUS.success)
      return {
        ...identity,
        code,
        status: anySuccess ? BATCH_STATUS.success : BATCH_STATUS.failed,
        reason: anySuccess ? null : (firstFailure?.reason ?? null),
        reward_actions: rewardActions
      }
    })
    return faults.answer(request, reply, 201, { request_id: randomUUID(), program_id: program.id, updates: answers })
  })

  type ProfileParams = { Params: { clientId: string; customId: string } }
  const customIdOf = (request: FastifyRequest<ProfileParams>) => {
    requireApplication(request.params.clientId, state.application)
    const customId = request.params.customId
    if (customId.length > CUSTOM_ID_MAX_LENGTH) {
      throw badRequest(`custom_id: Ensure this field has no more than ${CUSTOM_ID_MAX_LENGTH} characters.`)
    }
    return customId
  }

  app.get<ProfileParams>(
    '/api/v1/profile-by-custom-id/:clientId/:customId/',
    { onRequest: authenticate },
    async (request) => {
      const profile = state.rewards.profiles.withCustomId(customIdOf(request))
      if (!profile) throw new SandboxError(404, 'No Profile matches the given query.')
      return profileView(profile, clientId, baseUrlOf(request))
    }
  )

  app.post<ProfileParams>(
    '/api/v1/profile-by-custom-id/:clientId/:customId/',
    { onRequest: authenticate },
    async (request, reply) => {
      const customId = customIdOf(request)
      const body = request.body === undefined ? {} : request.body
      if (!isObject(body)) throw badRequest('body: must be object.')
      const nickname = optionalString(body, 'nickname', 'nickname', 255)
      const profile = state.rewards.profiles.create(customId, nickname, state.clock().toISOString())
      if (!profile) {
        throw new SandboxError(409, `profile with custom_id '${customId.slice(0, 100)}' already exists.`)
      }
      return reply.code(201).send(profileView(profile, clientId, baseUrlOf(request)))
    }
  )
}
