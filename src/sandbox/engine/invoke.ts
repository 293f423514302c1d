import { randomUUID } from 'crypto'
import { badRequest, SandboxError } from '../http-errors'
import type { Invocation, RewardEngine, Settled } from '../rewards'
import { INVOCATION_DETAIL, OUTCOME } from './answers'
import type { Outcome } from './answers'
import type { Attribute, Program, RewardAction } from './catalog'
import type { Body } from './fields'
import { attributes, isUuid, optionalString, requiredString } from './fields'
import { CUSTOM_ID_MAX_LENGTH } from '../validation'

/** An invocation refused: the status and detail of the single call, the reason of a batch's update or action. */
export class Refusal {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly detail: string
  ) {}
}

/** The fields of one invocation beyond its program: who, what, with which code. */
export interface InvocationFields {
  profileId: unknown
  customProfileId: unknown
  actionKey: string
  code: string | null
  description: string | null
  attributes: Attribute[]
}

export function programOf(engine: RewardEngine, body: Body): Program {
  const id = requiredString(body, 'program_id')
  const program = engine.catalog.programs.get(id)
  if (!program) throw badRequest(INVOCATION_DETAIL.unknownProgram(id))
  return program
}

/** Reads what one invocation asks; identity and action are checked later, by profileOf and actionOf. */
export function invocationFields(body: Body, prefix = ''): InvocationFields {
  const actionKey = requiredString(body, 'reward_action_key', `${prefix}reward_action_key`)
  return {
    profileId: body.profile_id,
    customProfileId: body.custom_profile_id,
    actionKey,
    code: optionalString(body, 'code', `${prefix}code`, 255),
    description: optionalString(body, 'description', `${prefix}description`),
    attributes: attributes(body, `${prefix}attributes`)
  }
}

const given = (value: unknown) => value !== undefined && value !== null

/** The profile the invocation names: profile_id must be a known profile's UUID; a custom ID gets one on first sight. */
export function profileOf(engine: RewardEngine, profileId: unknown, customProfileId: unknown, createdAt: string) {
  if (given(profileId) && given(customProfileId)) return new Refusal(400, INVOCATION_DETAIL.bothIdentities)
  if (given(profileId)) {
    if (typeof profileId !== 'string' || !isUuid(profileId)) return new Refusal(400, INVOCATION_DETAIL.notUuid)
    return (
      engine.profiles.get(profileId.toLowerCase()) ??
      engine.profiles.get(profileId) ??
      new Refusal(404, INVOCATION_DETAIL.unknownProfile)
    )
  }
  if (given(customProfileId)) {
    if (
      typeof customProfileId !== 'string' ||
      customProfileId.trim() === '' ||
      customProfileId.length > CUSTOM_ID_MAX_LENGTH
    ) {
      return new Refusal(
        400,
        `custom_profile_id: Must be a non-blank string of at most ${CUSTOM_ID_MAX_LENGTH} characters.`
      )
    }
    return engine.profiles.ensureCustomId(customProfileId, createdAt)
  }
  return new Refusal(400, INVOCATION_DETAIL.noIdentity)
}

export const actionOf = (engine: RewardEngine, key: string): RewardAction | Refusal =>
  engine.catalog.actions.get(key) ?? new Refusal(400, INVOCATION_DETAIL.unknownAction(key))

/** What became of an invocation that was not refused. */
export function outcomeOf(settled: Settled): Outcome {
  if (settled.granted.length > 0) return OUTCOME.granted
  return settled.limited.length > 0 ? OUTCOME.limited : OUTCOME.nothingToGrant
}

/**
 * Invokes the action for the profile in the program: refused with 409 when the profile already used the code for
 * this action (in any program), else granted by every entry for the action in the tables linked to the program, as
 * far as each entry's limits allow. A limit that stops an entry is no error: the invocation is recorded with fewer
 * rewards, none when every entry was stopped.
 */
export function invoke(
  engine: RewardEngine,
  program: Program,
  profileId: string,
  fields: InvocationFields,
  at: Date
): { invocation: Invocation; settled: Settled } | Refusal {
  if (fields.code !== null && engine.codeUsed(profileId, fields.actionKey, fields.code)) {
    return new Refusal(409, INVOCATION_DETAIL.codeUsed)
  }
  const createdAt = at.toISOString()
  const invocation: Invocation = {
    id: randomUUID(),
    createdAt,
    programId: program.id,
    profileId,
    actionKey: fields.actionKey,
    code: fields.code,
    description: fields.description,
    attributes: fields.attributes,
    rewards: []
  }
  const entries = engine.catalog
    .tablesOf(program)
    .flatMap((table) => table.entries.filter((entry) => entry.action === fields.actionKey))
  const settled = engine.grantBy(profileId, entries, { actionKey: fields.actionKey, invocation, at, createdAt })
  invocation.rewards = settled.granted.map(({ grant }) => grant)
  engine.recordInvocation(invocation)
  return { invocation, settled }
}

export const refuse = (refusal: Refusal) => new SandboxError(refusal.status, refusal.detail)
