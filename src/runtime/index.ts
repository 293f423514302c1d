export { createRunner } from './runner'
export {
  loadSubscriptions,
  presetSubscriptions,
  subscriptionProblem,
  validateSubscriptions,
  SubscriptionsError
} from './subscriptions'
export type {
  AttemptReport,
  Backoff,
  DeliverOptions,
  DeliveryObserver,
  DeliveryOutcome,
  Exchange,
  LoopOptions,
  Runner,
  RunnerOptions,
  SegmentEvent,
  Subscription
} from './types'
