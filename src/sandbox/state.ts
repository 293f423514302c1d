import { randomInt } from 'crypto'
import { EventLedger } from './event-ledger'
import { FaultPlan } from './faults'
import type { Application, SandboxOptions } from './options'
import { sandboxApplication } from './options'
import { RewardLedger } from './rewards'
import { UserGroups } from './user-groups'

/** Everything one sandbox holds, in memory; each sandbox has its own. */
export interface SandboxState {
  readonly application: Application
  readonly faults: FaultPlan
  events: EventLedger
  rewards: RewardLedger
  userGroups: UserGroups
  /** Forgets events, rewards (rules back to the default) and user groups; faults go back to the start options. */
  reset(): void
}

export function createSandboxState(options: SandboxOptions): SandboxState {
  const state: SandboxState = {
    application: sandboxApplication(options),
    faults: FaultPlan.from(options.faults, options.seed ?? randomInt(2 ** 31)),
    events: new EventLedger(),
    rewards: new RewardLedger(),
    userGroups: new UserGroups(),
    reset() {
      state.events = new EventLedger()
      state.rewards = new RewardLedger()
      state.userGroups = new UserGroups()
      state.faults.reset()
    }
  }
  return state
}
