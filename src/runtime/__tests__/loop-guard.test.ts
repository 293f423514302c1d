import { defaultValues } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import definition from '../../destinations/livelike-cloud'
import {
  LIVELIKE_SOURCE_EVENTS,
  TRACK_CALLS_NOT_FROM_LIVELIKE
} from '../../destinations/livelike-cloud/livelike-source-events'
import { createRunner } from '..'
import { sourceEventsSentBack } from '../loop-guard'
import type { DeliveryOutcome, Subscription } from '..'

const settings = { clientId: 'demo', producerToken: 'demo-producer-token' }

const subscription = (partnerAction: string): Subscription => ({
  name: `Every track on ${partnerAction}`,
  subscribe: 'type = "track"',
  partnerAction,
  mapping: defaultValues(definition.actions[partnerAction].fields)
})

const rewardReported = (messageId: string, causedBy?: string): SegmentEvent =>
  ({
    type: 'track',
    event: 'Reward Item Rewarded',
    userId: 'user-42',
    messageId,
    timestamp: '2024-03-07T12:00:00.000Z',
    properties: { livelike_profile_id: 'p-1' },
    ...(causedBy && { context: { livelike_sandbox: { caused_by: causedBy } } })
  }) as SegmentEvent

describe('the loop guard', () => {
  it.each([['sendEvent'], ['trackEvent'], ['invokeRewardAction']])(
    'stops an event of the LiveLike source that %s would send back, without calling LiveLike',
    async (action) => {
      const loops: DeliveryOutcome[] = []
      const runner = createRunner({
        settings,
        subscriptions: [subscription(action)],
        loops: { sourceWriteKey: 'livelike-source', onLoop: (outcome) => loops.push(outcome) }
      })
      const outcomes = await runner.deliver(
        [rewardReported('r-1'), rewardReported('r-2')],
        ['livelike-source', 'livelike-source']
      )
      expect(outcomes).toEqual([
        expect.objectContaining({ messageId: 'r-1', ok: false, attempts: 0, loop: { hop: 1, stopped: true } }),
        expect.objectContaining({ messageId: 'r-2', ok: false, attempts: 0, loop: { hop: 1, stopped: true } })
      ])
      expect(outcomes.every((outcome) => outcome.source === 'livelike-source')).toBe(true)
      expect(loops).toEqual([expect.objectContaining({ messageId: 'r-1', message: outcomes[0].message })])
    }
  )

  it('ends a chain after the hops allowed, counting each hop from the event that caused it', async () => {
    const runner = createRunner({
      settings,
      subscriptions: [subscription('sendEvent')],
      loops: { sourceWriteKey: 'livelike-source', causeContext: 'livelike_sandbox', allowHops: 0 }
    })
    const [outcome] = await runner.deliver([rewardReported('r-3', 'r-2')], ['livelike-source'])
    expect(outcome).toMatchObject({ loop: { hop: 1, stopped: true } })
    expect(outcome.message).toMatch(/^Loop ended: .* as hop 1 of one chain of rewards; loops are allowed for 0 hops\.$/)
  })

  it('leaves alone what another action receives', async () => {
    const runner = createRunner({
      settings,
      subscriptions: [{ ...subscription('syncToUserGroup'), subscribe: 'type = "identify"' }],
      loops: { sourceWriteKey: 'livelike-source' }
    })
    const [outcome] = await runner.deliver([rewardReported('r-4')], ['livelike-source'])
    expect(outcome).toMatchObject({
      status: 0,
      message: 'No subscription matched this event.',
      source: 'livelike-source'
    })
    expect(outcome.loop).toBeUndefined()
  })
})

describe('sourceEventsSentBack', () => {
  it("names LiveLike's source events a subscription would send back to LiveLike, before any event comes", () => {
    expect(sourceEventsSentBack({ subscribe: 'type = "track"', partnerAction: 'sendEvent' })).toEqual(
      LIVELIKE_SOURCE_EVENTS
    )
    expect(sourceEventsSentBack({ subscribe: 'event = "Badge Rewarded"', partnerAction: 'trackEvent' })).toEqual([
      'Badge Rewarded'
    ])
  })

  it('names the reward reports an Invoke Reward Action subscription would grant rewards for', () => {
    expect(
      sourceEventsSentBack({ subscribe: 'event = "Reward Item Rewarded"', partnerAction: 'invokeRewardAction' })
    ).toEqual(['Reward Item Rewarded'])
    expect(
      sourceEventsSentBack({
        subscribe: 'type = "track" and event = "Order Completed"',
        partnerAction: 'invokeRewardAction'
      })
    ).toEqual([])
  })

  it('finds none for the Track Calls preset, another action, a trigger of other events or FQL that does not parse', () => {
    expect(sourceEventsSentBack({ subscribe: TRACK_CALLS_NOT_FROM_LIVELIKE, partnerAction: 'sendEvent' })).toEqual([])
    expect(sourceEventsSentBack({ subscribe: 'type = "track"', partnerAction: 'syncToUserGroup' })).toEqual([])
    expect(sourceEventsSentBack({ subscribe: 'event = "Order Completed"', partnerAction: 'sendEvent' })).toEqual([])
    expect(sourceEventsSentBack({ subscribe: 'event = "Badge', partnerAction: 'sendEvent' })).toEqual([])
  })
})
