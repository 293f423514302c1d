/**
 * The texts and statuses the sandbox answers invocations with, single and batch, in one place. LiveLike documents the
 * 404 and 409 texts; the 400 texts and the batch statuses are the sandbox's (docs/sandbox.md, assumptions).
 */
export const INVOCATION_DETAIL = {
  codeUsed: 'code already used.',
  unknownProfile: 'No profile found from input profile uuid.',
  bothIdentities: 'profile_id, custom_profile_id: Give one of them, not both.',
  noIdentity: 'profile_id, custom_profile_id: One of them is required, to say whose action it is.',
  notUuid: 'profile_id: Must be a valid UUID.',
  unknownProgram: (id: string) => `program_id: Invalid pk "${id.slice(0, 100)}" - object does not exist.`,
  unknownAction: (key: string) => `reward_action_key: Object with key=${key.slice(0, 100)} does not exist.`
}

/** The status of each update and each reward action in a batch's answer. */
export const BATCH_STATUS = { success: 'success', failed: 'failed' } as const

/** What became of one invocation, as the console shows it. */
export const OUTCOME = {
  granted: 'granted',
  limited: 'limited',
  nothingToGrant: 'nothing to grant',
  codeUsed: 'code already used',
  refused: 'refused'
} as const
export type Outcome = (typeof OUTCOME)[keyof typeof OUTCOME]
