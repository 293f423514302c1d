import { Destination } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import { parseFql, validate } from '@segment/destination-subscriptions'
import definition from '../destinations/livelike-cloud'
import { DEFAULT_BATCH_SIZE } from '../destinations/livelike-cloud/constants'
import type { Settings } from '../destinations/livelike-cloud/generated-types'
import { attempt } from './attempt'
import type { AttemptContext, AttemptResult } from './attempt'
import { createLoopGuard } from './loop-guard'
import { DEFAULT_BACKOFF, retryDelayMs } from './retry-policy'
import { presetSubscriptions, validateSubscriptions } from './subscriptions'
import type { DeliveryObserver, DeliveryOutcome, Runner, RunnerOptions, Subscription } from './types'

const DEFAULT_RETRIES = 3
/** Batches of one subscription sent at once. */
const PARALLEL_BATCHES = 4

interface Route {
  subscription: Subscription
  matches: (event: SegmentEvent) => boolean
  /** Events per call of the destination: the subscription's Batch Size when batching is on, else 1. */
  batchSize: number
  batched: boolean
}

interface Pending {
  index: number
  event: SegmentEvent
}

function routeFor(subscription: Subscription, destination: Destination<Settings>): Route {
  const condition = parseFql(subscription.subscribe)
  const batched =
    subscription.mapping.enable_batching === true && destination.actions[subscription.partnerAction]?.hasBatchSupport
  const size = Number(subscription.mapping.batch_size)
  return {
    subscription,
    matches: (event) => !('error' in condition) && validate(condition, event),
    batched: Boolean(batched),
    batchSize: batched && Number.isInteger(size) && size > 0 ? size : batched ? DEFAULT_BATCH_SIZE : 1
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size))
  }
  return result
}

async function inGroups<T, R>(items: T[], width: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map(run))))
  }
  return results
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** One runner: subscriptions, routing, batching, Segment-like retries and one final outcome per delivery. */
export function createRunner(options: RunnerOptions): Runner {
  const destination = new Destination(definition)
  const routesOf = (list: Subscription[]) =>
    list
      .filter((subscription) => subscription.enabled !== false)
      .map((subscription) => routeFor(subscription, destination))
  let subscriptions = options.subscriptions
    ? validateSubscriptions(options.subscriptions, 'subscriptions')
    : presetSubscriptions()
  let routes = routesOf(subscriptions)
  const retries = options.retries ?? DEFAULT_RETRIES
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const observers = new Set<DeliveryObserver>()
  const loops = createLoopGuard(options.loops)

  const outcomeOf = (route: Route, event: SegmentEvent, result: AttemptResult, attempts: number): DeliveryOutcome => ({
    messageId: event.messageId,
    subscription: route.subscription.name,
    action: route.subscription.partnerAction,
    ok: result.ok,
    status: result.status,
    retryable: result.retryable,
    ...(result.message !== undefined && { message: result.message }),
    ...(result.alreadyGranted && { alreadyGranted: true }),
    attempts
  })

  async function attemptAll(route: Route, pending: Pending[]): Promise<AttemptResult[]> {
    const context: AttemptContext = {
      destination,
      settings: options.settings,
      subscription: route.subscription,
      recordExchanges: observers.size > 0
    }
    const groups = chunks(pending, route.batchSize)
    const results = await inGroups(groups, PARALLEL_BATCHES, (group) =>
      attempt(
        context,
        group.map(({ event }) => event),
        route.batched
      )
    )
    return results.flat()
  }

  /** Delivers the events one subscription matched, retrying retryable failures; outcomes keyed by event index. */
  async function deliverRoute(route: Route, matched: Pending[]): Promise<Map<number, DeliveryOutcome>> {
    const finals = new Map<number, DeliveryOutcome>()
    let pending = matched
    let waitedMs = 0
    for (let round = 1; pending.length > 0; round++) {
      const results = await attemptAll(route, pending)
      const again: Pending[] = []
      const messages: (string | undefined)[] = []
      pending.forEach((item, position) => {
        const result = results[position]
        const outcome = outcomeOf(route, item.event, result, round)
        options.onAttempt?.(outcome)
        const final = !(result.retryable && round <= retries)
        for (const observer of observers) {
          observer.attempted?.({ event: item.event, outcome, waitedMs, final, exchanges: result.exchanges ?? [] })
        }
        finals.set(item.index, outcome)
        if (!final) {
          again.push(item)
          messages.push(result.message)
        }
      })
      if (again.length > 0) {
        waitedMs = retryDelayMs(round, backoff, messages)
        await sleep(waitedMs)
      }
      pending = again
    }
    return finals
  }

  return {
    observe(observer) {
      observers.add(observer)
      return () => {
        observers.delete(observer)
      }
    },
    subscriptions: () => subscriptions,
    replaceSubscriptions(list) {
      const checked = validateSubscriptions(list, 'subscriptions')
      subscriptions = checked
      routes = routesOf(checked)
    },
    async deliver(events, sources, deliverOptions) {
      const active = deliverOptions?.through
        ? routesOf(validateSubscriptions(deliverOptions.through, 'subscriptions'))
        : routes
      for (const observer of observers) {
        observer.delivering?.(events, sources)
      }
      const indexed = events.map((event, index) => ({ index, event }))
      const byRoute = await Promise.all(
        active.map(async (route) => {
          const matched = indexed.filter(({ event }) => route.matches(event))
          const { stopped, running } = loops.stop(route.subscription, matched, sources)
          const finals = await deliverRoute(
            route,
            matched.filter(({ index }) => !stopped.has(index))
          )
          for (const [index, hop] of running) {
            finals.set(index, { ...(finals.get(index) as DeliveryOutcome), loop: { hop, stopped: false } })
          }
          return new Map([...finals, ...stopped])
        })
      )
      const all = indexed.flatMap(({ index, event }): DeliveryOutcome[] => {
        const source = sources?.[index]
        const outcomes = byRoute.flatMap((finals) => finals.get(index) ?? [])
        if (outcomes.length > 0) {
          return source === undefined ? outcomes : outcomes.map((outcome) => ({ ...outcome, source }))
        }
        return [
          {
            messageId: event.messageId,
            ok: false,
            status: 0,
            retryable: false,
            message: 'No subscription matched this event.',
            attempts: 0,
            ...(source !== undefined && { source })
          }
        ]
      })
      for (const observer of observers) {
        observer.delivered?.(events, all)
      }
      return all
    }
  }
}
