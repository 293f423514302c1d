import { createTestEvent, defaultValues } from '@segment/actions-core'
import { rawEventsOf } from '../raw-events'
import { fields } from '../sendEvent/fields'

const mapping = defaultValues(fields)
const valid = (messageId: string) =>
  createTestEvent({ type: 'track', event: 'Quiz Answered', messageId, timestamp: '2024-03-07T12:00:00Z' })

describe('rawEventsOf', () => {
  it('pairs payloads with the raw events index by index when none was dropped', () => {
    const events = [valid('a'), valid('b')]

    expect(rawEventsOf([{}, {}], events, mapping, fields)).toBe(events)
  })

  it('skips the raw events whose payload fails validation', () => {
    const events = [valid('a'), { ...valid('dropped'), event: undefined }, valid('b')]

    expect(rawEventsOf([{}, {}], events, mapping, fields).map((event) => event?.messageId)).toEqual(['a', 'b'])
  })

  it('pairs nothing rather than guess when the dropped events cannot be found again', () => {
    expect(rawEventsOf([{}], [valid('a'), valid('b')], mapping, fields)).toEqual([])
    expect(rawEventsOf([{}], [valid('a'), valid('b')], undefined, fields)).toEqual([])
  })

  it('pairs nothing when actions-core passed no raw events', () => {
    expect(rawEventsOf([{}], undefined, mapping, fields)).toEqual([])
  })
})
