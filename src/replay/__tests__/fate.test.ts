import type { DeliveryOutcome } from '../../runtime'
import { fateOf } from '../fate'

const outcome = (fields: Partial<DeliveryOutcome>): DeliveryOutcome => ({
  messageId: 'm-1',
  subscription: 'Track Calls',
  action: 'sendEvent',
  ok: true,
  status: 202,
  retryable: false,
  attempts: 1,
  ...fields
})

describe('the fate of one event', () => {
  it.each([
    ['delivered when every subscription delivered it', [outcome({}), outcome({ attempts: 3 })], 'delivered', 2],
    ['unmatched when no subscription matched it', [outcome({ ok: false, status: 0, attempts: 0 })], 'unmatched', 0],
    [
      'a validation failure when the destination refused it without calling LiveLike',
      [outcome({ ok: false, status: 400, message: 'The event has no LiveLike identity.' })],
      'validation',
      0
    ],
    [
      'refused by LiveLike when LiveLike answered 400',
      [outcome({ ok: false, status: 400, message: 'LiveLike answered 400: Invalid event_type.' })],
      'refused',
      0
    ],
    ['refused by LiveLike for any other final status', [outcome({ ok: false, status: 404 })], 'refused', 0],
    [
      'undelivered when the last failure was retryable, whatever else happened',
      [outcome({ ok: false, status: 400 }), outcome({ ok: false, status: 503, retryable: true, attempts: 4 })],
      'undelivered',
      3
    ]
  ])('is %s', (_, outcomes, fate, retried) => {
    expect(fateOf(outcomes)).toMatchObject({ fate, retried })
  })
})
