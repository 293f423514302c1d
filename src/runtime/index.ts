export { createRunner } from './runner'
export { loadSubscriptions, presetSubscriptions, validateSubscriptions, SubscriptionsError } from './subscriptions'
export type { Backoff, DeliveryOutcome, Runner, RunnerOptions, SegmentEvent, Subscription } from './types'
