import { PayloadValidationError } from '@segment/actions-core'
import { toIsoTimestamp } from '../timestamps'

const field = { key: 'timestamp', label: 'Timestamp' }

describe('toIsoTimestamp', () => {
  it.each([
    ['2024-03-07T12:00:00Z', '2024-03-07T12:00:00.000Z'],
    ['2024-03-07T17:30:00+05:30', '2024-03-07T12:00:00.000Z'],
    ['2024-03-07T17:30:00+0530', '2024-03-07T12:00:00.000Z'],
    ['2024-03-07T17:00:00+05', '2024-03-07T12:00:00.000Z'],
    ['2024-03-07T06:00:00-06:00', '2024-03-07T12:00:00.000Z'],
    ['2024-03-07T12:00:00', '2024-03-07T12:00:00.000Z'],
    ['2024-03-07 12:00:00,5Z', '2024-03-07T12:00:00.500Z'],
    ['2024-03-07T12:00Z', '2024-03-07T12:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    [1709812800123, '2024-03-07T12:00:00.123Z'],
    [' 1709812800 ', '2024-03-07T12:00:00.000Z']
  ])('reads %p as the instant %s', (value, expected) => {
    expect(toIsoTimestamp(value, field)).toBe(expected)
  })

  it.each([
    '2024-02-30T12:00:00Z',
    '2023-02-29',
    '1900-02-29',
    '2024-03-07T24:00:00Z',
    '2024-03-07T12:60:00Z',
    '2024-03-07T12:00:00+24:00',
    '',
    '-1',
    '99999999999999999999'
  ])('refuses %p rather than move it to another instant', (value) => {
    expect(() => toIsoTimestamp(value, field)).toThrow(PayloadValidationError)
  })
})
