export { createRunner } from './runner'
export { loadSubscriptions, presetSubscriptions, validateSubscriptions, SubscriptionsError } from './subscriptions'
export type {
  AttemptReport,
  Backoff,
  DeliveryObserver,
  DeliveryOutcome,
  Exchange,
  LoopOptions,
  Runner,
  RunnerOptions,
  SegmentEvent,
  Subscription
} from './types'
