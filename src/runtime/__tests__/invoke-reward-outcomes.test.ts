import nock from 'nock'
import { defaultValues, Destination } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import definition from '../../destinations/livelike-cloud'
import invokeRewardAction from '../../destinations/livelike-cloud/invokeRewardAction'
import { attempt } from '../attempt'
import type { Subscription } from '../types'

const settings = { clientId: 'demo', producerToken: 'demo-producer-token' }
const LIVELIKE = 'https://cf-blast.livelikecdn.com'

const subscription: Subscription = {
  name: 'Order Completed grants a purchase',
  subscribe: 'event = "Order Completed"',
  partnerAction: 'invokeRewardAction',
  mapping: {
    ...defaultValues(invokeRewardAction.fields),
    reward_action_key: 'purchase',
    program_id: 'season-2026',
    code: { '@path': '$.properties.order_id' }
  }
}

const order = (n: number): SegmentEvent => ({
  type: 'track',
  event: 'Order Completed',
  userId: `user-${n}`,
  messageId: `message-${n}`,
  timestamp: '2024-03-07T12:00:00.000Z',
  properties: { order_id: `order-${n}` }
})

const context = () => ({ destination: new Destination(definition), settings, subscription })

describe('Invoke Reward Action outcomes in the runner', () => {
  it('delivers a single event whose code LiveLike already used, keeping its 409 and never retrying it', async () => {
    nock(LIVELIKE).post('/api/v1/invoked-actions/').reply(409, { detail: 'code already used.' })

    const [result] = await attempt(context(), [order(1)], false)

    expect(result).toEqual({ ok: true, status: 409, retryable: false, alreadyGranted: true })
  })

  it('delivers every event of a batch, granted with 201 and already granted with 200', async () => {
    nock(LIVELIKE)
      .post('/api/v1/batch-invoked-actions/')
      .reply(201, {
        updates: [
          { status: 'success', reward_actions: [{ reward_action_key: 'purchase', status: 'success' }] },
          { status: 'failed', reason: 'code already used.' }
        ]
      })

    const results = await attempt(context(), [order(1), order(2)], true)

    expect(results).toEqual([
      { ok: true, status: 201, retryable: false, message: undefined },
      { ok: true, status: 200, retryable: false, message: undefined, alreadyGranted: true }
    ])
  })

  it('marks a single granted event delivered without the mark', async () => {
    nock(LIVELIKE)
      .post('/api/v1/invoked-actions/')
      .reply(201, { id: 'invoked-1', code: 'order-1', rewards: [{ reward_item_name: 'coins', reward_item_amount: 5 }] })

    const [result] = await attempt(context(), [order(1)], false)

    expect(result).toEqual({ ok: true, status: 201, retryable: false })
  })

  it('marks a batch event already granted when LiveLike refused the whole request with 409', async () => {
    nock(LIVELIKE).post('/api/v1/batch-invoked-actions/').reply(409, { detail: 'code already used.' })

    const results = await attempt(context(), [order(1)], true)

    expect(results).toEqual([{ ok: true, status: 200, retryable: false, message: undefined, alreadyGranted: true }])
  })

  it("fails an unknown profile for good, with LiveLike's detail", async () => {
    nock(LIVELIKE).post('/api/v1/invoked-actions/').reply(404, { detail: 'No profile found from input profile uuid.' })

    const [result] = await attempt(context(), [order(1)], false)

    expect(result).toMatchObject({
      ok: false,
      status: 404,
      retryable: false,
      message: expect.stringContaining('No profile found from input profile uuid.')
    })
  })
})
