import { DEFAULT_PROGRAM_ID } from '../../sandbox/engine/defaults'
import { lastLine, replay, scratchFolder } from './helpers'

jest.setTimeout(180_000)

const scratch = scratchFolder()
afterAll(() => scratch.remove())

const order = (messageId: string, userId: string, orderId: string) => ({
  type: 'track',
  event: 'Order Completed',
  userId,
  messageId,
  timestamp: '2026-12-01T10:00:00.000Z',
  properties: { order_id: orderId }
})

describe('a replay through an Invoke Reward Action subscription', () => {
  it.each([
    ['one event per request', false],
    ['batched', true]
  ])('delivers an order sent twice and counts it already granted, %s', async (_, batched) => {
    const subscriptions = scratch.write(
      `orders-${batched}.json`,
      JSON.stringify([
        {
          name: 'Order Completed grants points',
          subscribe: 'type = "track" and event = "Order Completed"',
          partnerAction: 'invokeRewardAction',
          mapping: {
            reward_action_key: 'segment-event',
            program_id: DEFAULT_PROGRAM_ID,
            custom_profile_id: { '@path': '$.userId' },
            code: { '@path': '$.properties.order_id' },
            enable_batching: batched
          }
        }
      ])
    )
    const events = [
      order('o-1', 'buyer-1', 'order-1'),
      order('o-2', 'buyer-1', 'order-1'),
      order('o-3', 'buyer-2', 'order-2')
    ]
    const file = scratch.write(`orders-${batched}.jsonl`, events.map((event) => JSON.stringify(event) + '\n').join(''))

    const { report, stdout } = await replay([file, '--subscriptions', subscriptions])

    expect(report).toMatchObject({ delivered: 3, alreadyGranted: 1, rejected: { total: 0 }, exitCode: 0 })
    expect(stdout).toContain('    already granted 1 (their code used before: LiveLike granted nothing new)\n')
    expect(lastLine(stdout)).toMatch(/^delivered 3, rejected 0, retried 0,/)
  })
})
