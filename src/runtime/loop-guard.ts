import type { SegmentEvent } from '@segment/actions-core'
import { parseFql, validate } from '@segment/destination-subscriptions'
import { LIVELIKE_SOURCE_EVENTS } from '../destinations/livelike-cloud/livelike-source-events'
import type { DeliveryOutcome, LoopOptions, Subscription } from './types'

/**
 * The actions whose calls can grant a LiveLike reward, which LiveLike's source reports again: those that send events
 * (which can earn one) and Invoke Reward Action (which grants one; a report of a reward would grant another).
 */
const LIVELIKE_EVENT_ACTIONS = new Set(['sendEvent', 'trackEvent', 'invokeRewardAction'])

/** Hops remembered per chain link; older links are forgotten first (a forgotten cause starts a new chain). */
const LINKS_KEPT = 10_000

interface Candidate {
  index: number
  event: SegmentEvent
}

function causeOf(event: SegmentEvent, contextKey: string | undefined): string | undefined {
  if (contextKey === undefined) {
    return undefined
  }
  const note = (event.context as Record<string, unknown> | undefined)?.[contextKey] as { caused_by?: unknown }
  return typeof note?.caused_by === 'string' ? note.caused_by : undefined
}

/**
 * The events of LiveLike's own source (as it sends them: track calls with a LiveLike profile ID) that a subscription
 * would send back to LiveLike: the loops the guard below stops at delivery, found before any event comes.
 */
export function sourceEventsSentBack(subscription: Pick<Subscription, 'subscribe' | 'partnerAction'>): string[] {
  const condition = parseFql(subscription.subscribe)
  if ('error' in condition || !LIVELIKE_EVENT_ACTIONS.has(subscription.partnerAction)) {
    return []
  }
  return LIVELIKE_SOURCE_EVENTS.filter((event) =>
    validate(condition, {
      type: 'track',
      event,
      userId: 'user-1',
      properties: { livelike_profile_id: '00000000-0000-4000-8000-000000000001' }
    })
  )
}

/**
 * Stops the events of LiveLike's own source that a subscription would send back to LiveLike: the reward loop a
 * connected LiveLike source and a `type = "track"` mapping make. With `allowHops`, loops run as in production, but a
 * chain ends after that many hops (the sandbox notes on each source call which event earned it).
 */
export function createLoopGuard(options: LoopOptions | undefined) {
  const hops = new Map<string, number>()
  const warned = new Set<string>()

  function warnOnce(kind: string, outcome: DeliveryOutcome): void {
    const key = `${kind}:${outcome.subscription}`
    if (!warned.has(key)) {
      warned.add(key)
      options?.onLoop?.(outcome)
    }
  }

  function remember(messageId: string | undefined, hop: number): void {
    if (messageId === undefined) {
      return
    }
    hops.set(messageId, hop)
    if (hops.size > LINKS_KEPT) {
      hops.delete(hops.keys().next().value as string)
    }
  }

  function stopped(subscription: Subscription, event: SegmentEvent, hop: number, message: string): DeliveryOutcome {
    return {
      messageId: event.messageId,
      subscription: subscription.name,
      action: subscription.partnerAction,
      ok: false,
      status: 0,
      retryable: false,
      message,
      attempts: 0,
      loop: { hop, stopped: true }
    }
  }

  /**
   * For one subscription's matched events, by event index: the outcomes of those it must not deliver (`stopped`), and
   * the hop of each loop it delivers because loops are allowed (`running`); the other events are no loop.
   */
  function stop(
    subscription: Subscription,
    matched: Candidate[],
    sources: readonly (string | undefined)[] | undefined
  ): { stopped: Map<number, DeliveryOutcome>; running: Map<number, number> } {
    const outcomes = new Map<number, DeliveryOutcome>()
    const running = new Map<number, number>()
    if (!options || !LIVELIKE_EVENT_ACTIONS.has(subscription.partnerAction)) {
      return { stopped: outcomes, running }
    }
    for (const { index, event } of matched) {
      if (sources?.[index] !== options.sourceWriteKey) {
        continue
      }
      const cause = causeOf(event, options.causeContext)
      const hop = (cause === undefined ? 0 : (hops.get(cause) ?? 0)) + 1
      const name = JSON.stringify(event.event ?? event.type)
      const where = `"${subscription.name}" (${subscription.partnerAction})`
      if (options.allowHops === undefined) {
        const outcome = stopped(
          subscription,
          event,
          hop,
          `Loop stopped: ${where} would send ${name}, an event of LiveLike's own source, back to LiveLike, where it can earn a reward that LiveLike reports again. Leave LiveLike's source events out of this subscription (as the Track Calls preset does), or allow loops to see production's behaviour.`
        )
        outcomes.set(index, outcome)
        warnOnce('stopped', outcome)
      } else if (hop > options.allowHops) {
        const outcome = stopped(
          subscription,
          event,
          hop,
          `Loop ended: ${where} would send ${name} back to LiveLike as hop ${hop} of one chain of rewards; loops are allowed for ${options.allowHops} hops.`
        )
        outcomes.set(index, outcome)
        warnOnce('ended', outcome)
      } else {
        remember(event.messageId, hop)
        running.set(index, hop)
      }
    }
    return { stopped: outcomes, running }
  }

  return { stop }
}
