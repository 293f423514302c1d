import { randomInt } from 'crypto'
import { Badges } from './badges'
import { EventLedger } from './event-ledger'
import { FaultPlan } from './faults'
import type { Application, SandboxOptions } from './options'
import { sandboxApplication, sandboxSource } from './options'
import { RewardEngine } from './rewards'
import { LiveLikeSource } from './source'
import { UserGroups } from './user-groups'

/** Everything one sandbox holds, in memory; each sandbox has its own. */
export interface SandboxState {
  readonly application: Application
  readonly faults: FaultPlan
  events: EventLedger
  rewards: RewardEngine
  /** The sandbox's clock: the time of grants, invocations and limits' windows. */
  readonly clock: () => Date
  badges: Badges
  userGroups: UserGroups
  /** LiveLike as a Segment source, when the sandbox has a write key to send with. */
  readonly source?: LiveLikeSource
  /**
   * Forgets events, the reward engine (back to its default item, action, table and program), badges (none) and user groups; faults go back to the start
   * options. The source's calls, already sent, stay counted.
   */
  reset(): void
}

export function createSandboxState(options: SandboxOptions): SandboxState {
  const source = sandboxSource(options)
  const clock = options.clock ?? (() => new Date())
  const state: SandboxState = {
    application: sandboxApplication(options),
    faults: FaultPlan.from(options.faults, options.seed ?? randomInt(2 ** 31)),
    events: new EventLedger(),
    rewards: new RewardEngine(clock),
    clock,
    badges: new Badges(),
    userGroups: new UserGroups(),
    source: source && new LiveLikeSource(source),
    reset() {
      state.events = new EventLedger()
      state.rewards = new RewardEngine(clock)
      state.badges = new Badges()
      state.userGroups = new UserGroups()
      state.faults.reset()
    }
  }
  return state
}
