import { createTestEvent, createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import destination from '../../index'
import invokeRewardAction from '../index'
import { batchInvokedActionsPath, headersOf, liveLikeApi, settings } from '../../__tests__/helpers'
import type { BatchInvocation, BatchUpdateResult } from '../types'

const PROGRAM_ID = 'a9b8c7d6-0000-4000-8000-000000000001'
const profile = (n: number) => `3f1c9a2e-7b5d-4e8a-9c61-2d4f8b0a7e${String(n).padStart(2, '0')}`

const mapping: JSONObject = {
  ...defaultValues(invokeRewardAction.fields),
  reward_action_key: 'purchase',
  program_id: PROGRAM_ID,
  code: { '@path': '$.properties.order_id' }
}

const order = (n: number, overrides: Partial<SegmentEvent> = {}): SegmentEvent =>
  createTestEvent({
    type: 'track',
    event: 'Order Completed',
    userId: `user-${n}`,
    messageId: `msg-${n}`,
    properties: { livelike_profile_id: profile(n), order_id: `order-${n}` },
    ...overrides
  })

const invokeBatch = (events: SegmentEvent[], batchMapping = mapping) =>
  createTestIntegration(destination).executeBatch('invokeRewardAction', { events, mapping: batchMapping, settings })

const success = (profileId: string, rewards: unknown[] = [{ reward_item_name: 'Points', reward_item_amount: 10 }]) => ({
  profile_id: profileId,
  status: 'success',
  reward_actions: [{ reward_action_key: 'purchase', invoked_action_id: `inv-${profileId}`, status: 'success', rewards }]
})

describe('invokeRewardAction batch events', () => {
  it('posts one batch for the program, one update per event in order, each with one identity', async () => {
    let sent: BatchInvocation | undefined
    let authorization = ''
    liveLikeApi()
      .post(batchInvokedActionsPath())
      .reply(function (_uri, body) {
        sent = body as BatchInvocation
        authorization = headersOf(this.req).authorization
        return [
          201,
          { request_id: 'req-1', program_id: PROGRAM_ID, updates: sent.updates.map((u) => success(u.profile_id ?? '')) }
        ]
      })

    const results = await invokeBatch([order(1), order(2, { properties: { order_id: 'order-2' } })])

    expect(authorization).toBe(`Bearer ${settings.producerToken}`)
    expect(sent).toEqual({
      program_id: PROGRAM_ID,
      updates: [
        { profile_id: profile(1), code: 'order-1', reward_actions: [{ reward_action_key: 'purchase' }] },
        { custom_profile_id: 'user-2', code: 'order-2', reward_actions: [{ reward_action_key: 'purchase' }] }
      ]
    })
    expect(results.map((result) => result.status)).toEqual([201, 201])
  })

  it('reports granted, already used, unknown profile and invalid events each where it stood', async () => {
    let sent: BatchInvocation | undefined
    const updates: BatchUpdateResult[] = [
      success(profile(1)),
      {
        profile_id: profile(2),
        status: 'failed',
        reason: 'code already used.',
        reward_actions: [{ reward_action_key: 'purchase', status: 'failed', reason: 'code already used.' }]
      },
      { profile_id: profile(4), status: 'failed', reason: 'No profile found from input profile uuid.' }
    ]
    liveLikeApi()
      .post(batchInvokedActionsPath(), (body: BatchInvocation) => Boolean((sent = body)))
      .reply(201, { request_id: 'req-1', program_id: PROGRAM_ID, updates })

    const results = await invokeBatch([
      order(1),
      order(2),
      order(3, { userId: undefined, properties: { livelike_profile_id: 'not-a-uuid', order_id: 'order-3' } }),
      order(4),
      order(5, { userId: undefined, properties: { order_id: 'order-5' } })
    ])

    expect(sent?.updates.map((update) => update.profile_id)).toEqual([profile(1), profile(2), profile(4)])
    expect(results).toEqual([
      expect.objectContaining({ status: 201, body: updates[0] }),
      expect.objectContaining({ status: 200, body: updates[1] }),
      expect.objectContaining({
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: expect.stringMatching(
          /^The LiveLike Profile ID field \(profile_id\) is not a LiveLike profile ID/
        )
      }),
      expect.objectContaining({
        status: 404,
        errortype: 'NOT_FOUND',
        errormessage:
          'LiveLike answered 404: No profile found from input profile uuid. LiveLike has no such profile, program or reward action in this application: check the field LiveLike Profile ID (profile_id).',
        sent: { profile_id: profile(4), code: 'order-4', reward_actions: [{ reward_action_key: 'purchase' }] }
      }),
      expect.objectContaining({
        status: 400,
        errormessage: expect.stringMatching(/^The event has no LiveLike identity/)
      })
    ])
  })

  it('pairs each event with its own message ID for a blank code, even after actions-core dropped an invalid event', async () => {
    let sent: BatchInvocation | undefined
    liveLikeApi()
      .post(batchInvokedActionsPath(), (body: BatchInvocation) => Boolean((sent = body)))
      .reply(201, { updates: [success(profile(1)), success(profile(3))] })
    const withCodeFrom = { ...mapping, code: { '@path': '$.properties.coupon' } }

    const results = await invokeBatch(
      [order(1), order(2, { properties: { custom_profile_id: 'x'.repeat(300) }, userId: 'u'.repeat(300) }), order(3)],
      withCodeFrom
    )

    expect(results.map((result) => result.status)).toEqual([201, 400, 201])
    expect(sent?.updates.map((update) => update.code)).toEqual(['msg-1', 'msg-3'])
  })

  it('fails an event whose reward action LiveLike refused, with its reason', async () => {
    liveLikeApi()
      .post(batchInvokedActionsPath())
      .reply(201, {
        updates: [
          {
            profile_id: profile(1),
            status: 'success',
            reward_actions: [{ reward_action_key: 'purchase', status: 'failed', reason: 'Invalid reward_action_key.' }]
          }
        ]
      })

    const [result] = await invokeBatch([order(1)])

    expect(result).toMatchObject({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage:
        'LiveLike answered 400: Invalid reward_action_key. Correct the field Reward Action (reward_action_key) in the mapping.'
    })
  })

  it('retries an event LiveLike gave no result for, which its code makes safe', async () => {
    liveLikeApi()
      .post(batchInvokedActionsPath())
      .reply(201, { updates: [success(profile(1))] })

    const results = await invokeBatch([order(1), order(2)])

    expect(results[0]).toMatchObject({ status: 201 })
    expect(results[1]).toMatchObject({ status: 502, errortype: 'RETRYABLE_ERROR' })
  })

  it('sends one batch per program when a batch was not split by program', async () => {
    const programs: string[] = []
    liveLikeApi()
      .persist()
      .post(batchInvokedActionsPath(), (body: BatchInvocation) => programs.push(body.program_id) > 0)
      .reply(201, (_uri, body) => ({
        updates: (body as BatchInvocation).updates.map((u) => success(u.profile_id ?? ''))
      }))

    const results = await invokeBatch(
      [order(1), order(2, { properties: { livelike_profile_id: profile(2), order_id: 'o', program: 'p-2' } })],
      {
        ...mapping,
        program_id: {
          '@if': {
            exists: { '@path': '$.properties.program' },
            then: { '@path': '$.properties.program' },
            else: PROGRAM_ID
          }
        }
      }
    )

    expect(programs.sort()).toEqual([PROGRAM_ID, 'p-2'].sort())
    expect(results.map((result) => result.status)).toEqual([201, 201])
  })

  it.each([
    [429, 'TOO_MANY_REQUESTS', /Segment will retry/],
    [500, 'INTERNAL_SERVER_ERROR', /Segment will retry/],
    [503, 'SERVICE_UNAVAILABLE', /Segment will retry/],
    [401, 'INVALID_AUTHENTICATION', /Check the Producer Token and Client ID settings/],
    [403, 'INVALID_AUTHENTICATION', /Check the Producer Token and Client ID settings/],
    [400, 'PAYLOAD_VALIDATION_FAILED', /Correct the field Program \(program_id\)/]
  ])("gives every event the whole request's %d as %s", async (status: number, errortype: string, message: RegExp) => {
    liveLikeApi().post(batchInvokedActionsPath()).reply(status, { detail: 'Invalid program_id, or try later.' })

    const results = await invokeBatch([order(1), order(2)])

    expect(results).toEqual(
      Array(2).fill(expect.objectContaining({ status, errortype, errormessage: expect.stringMatching(message) }))
    )
  })

  it('marks every event retryable when the connection is reset', async () => {
    liveLikeApi().post(batchInvokedActionsPath()).replyWithError('socket hang up')

    const results = await invokeBatch([order(1), order(2)])

    expect(results).toEqual(Array(2).fill(expect.objectContaining({ status: 503, errortype: 'RETRYABLE_ERROR' })))
  })
})
