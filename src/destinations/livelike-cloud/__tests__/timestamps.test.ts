import { PayloadValidationError } from '@segment/actions-core'
import { toIsoTimestamp } from '../timestamps'

const field = { key: 'timestamp', label: 'Timestamp' }

describe('toIsoTimestamp', () => {
  it.each([
    ['2019-09-30T15:59:44.933696Z', '2019-09-30T15:59:44.933696Z'],
    ['2024-03-10T14:22:05Z', '2024-03-10T14:22:05Z'],
    ['2024-03-07T12:00:00.000Z', '2024-03-07T12:00:00.000Z'],
    ['2024-03-07T12:00Z', '2024-03-07T12:00Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z']
  ])('sends the UTC date-time %p exactly as it came', (value: string, expected: string) => {
    expect(toIsoTimestamp(value, field)).toBe(expected)
  })

  it.each([
    ['2024-03-07T17:30:00+05:30', '2024-03-07T12:00:00Z'],
    ['2024-03-07T17:30:00+0530', '2024-03-07T12:00:00Z'],
    ['2024-03-07T17:00:00+05', '2024-03-07T12:00:00Z'],
    ['2024-03-07T07:00:00-0500', '2024-03-07T12:00:00Z'],
    ['2024-03-07T06:00:00-06:00', '2024-03-07T12:00:00Z'],
    ['2019-09-30T21:29:44.933696+05:30', '2019-09-30T15:59:44.933696Z'],
    ['2024-03-07T07:00:00.123456789-05:00', '2024-03-07T12:00:00.123456789Z'],
    ['2024-03-07T00:30:00.5+01:00', '2024-03-06T23:30:00.5Z'],
    ['2024-03-07T12:00:00.250', '2024-03-07T12:00:00.250Z'],
    ['2024-03-07T12:00:00', '2024-03-07T12:00:00Z'],
    ['2024-03-07 13:00:00,5+01', '2024-03-07T12:00:00.5Z'],
    ['2024-03-07T12:00', '2024-03-07T12:00:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z']
  ])('moves %p to the same instant in UTC with every fractional digit: %s', (value: string, expected: string) => {
    expect(toIsoTimestamp(value, field)).toBe(expected)
  })

  it.each([
    [1709812800123, '2024-03-07T12:00:00.123Z'],
    ['1709812800123', '2024-03-07T12:00:00.123Z'],
    [1709812800, '2024-03-07T12:00:00.000Z'],
    [' 1709812800 ', '2024-03-07T12:00:00.000Z']
  ])('reads the epoch number %p as %s', (value: string | number, expected: string) => {
    expect(toIsoTimestamp(value, field)).toBe(expected)
  })

  it.each([
    '2024-02-30T12:00:00Z',
    '2023-02-29',
    '1900-02-29',
    '2024-03-07T24:00:00Z',
    '2024-03-07T12:60:00Z',
    '2024-03-07T12:00:00+24:00',
    '2024-03-07T12:00:00.5+05:60',
    '+275760-09-13T00:00:00Z',
    '',
    '-1',
    '99999999999999999999'
  ])('refuses %p rather than move it to another instant', (value: string) => {
    expect(() => toIsoTimestamp(value, field)).toThrow(PayloadValidationError)
  })
})
