/** A key and its text value, as LiveLike keeps attributes. */
export interface Attribute {
  key: string
  value: string
}

/** One invocation as `POST /invoked-actions/` receives it: exactly one of profile_id and custom_profile_id. */
export interface Invocation {
  program_id: string
  reward_action_key: string
  profile_id?: string
  custom_profile_id?: string
  code?: string
  attributes?: Attribute[]
  description?: string
}

/** The identity field an invocation was sent with, to name it in an error. */
export type IdentityField = 'profile_id' | 'custom_profile_id'

/** One update of `POST /batch-invoked-actions/`: one profile, one code, its reward actions. */
export interface BatchUpdate {
  profile_id?: string
  custom_profile_id?: string
  code?: string
  reward_actions: { reward_action_key: string; attributes?: Attribute[] }[]
}

export interface BatchInvocation {
  program_id: string
  updates: BatchUpdate[]
}

/** What LiveLike answers for one reward action of a batch update. */
export interface BatchActionResult {
  reward_action_key?: string
  invoked_action_id?: string
  status?: string
  reason?: string
  rewards?: unknown[]
}

/** What LiveLike answers for one update of a batch, in request order. */
export interface BatchUpdateResult {
  profile_id?: string
  status?: string
  reason?: string
  reward_actions?: BatchActionResult[]
}

/** One page of a LiveLike collection. */
export interface LiveLikePage<Item> {
  count?: number
  next?: string | null
  results?: Item[]
}

export interface RewardAction {
  id?: string
  key?: string
  name?: string
  description?: string | null
  type?: string
}

export interface Program {
  id?: string
  title?: string
  status?: string
}
