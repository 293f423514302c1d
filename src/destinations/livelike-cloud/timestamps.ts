import { PayloadValidationError } from '@segment/actions-core'

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/i
const EPOCH = /^\d+(?:\.\d+)?$/
// Below this a number reads as epoch seconds (it would be before March 1973 in milliseconds).
const EPOCH_SECONDS_LIMIT = 1e11
// The largest instant a JavaScript Date can hold.
const MAX_INSTANT_MS = 8.64e15

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
const daysInMonth = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1])

/**
 * Reads the ISO 8601 forms Segment sends, field by field: Date.parse would read a time without an offset as local
 * time, refuse `+05` offsets and move 30 February to 1 March.
 */
function parseIso(value: string): number {
  const parts = ISO_8601.exec(value)
  if (!parts) {
    return NaN
  }
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts.slice(1, 7).map((part) => Number(part ?? 0))
  const milliseconds = Number((parts[7] ?? '').padEnd(3, '0').slice(0, 3))
  const [sign, offsetHours, offsetMinutes] = [parts[9] === '-' ? -1 : 1, Number(parts[10] ?? 0), Number(parts[11] ?? 0)]
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59
  if (!valid) {
    return NaN
  }
  // Date.UTC would read the years 0 to 99 as 1900 to 1999.
  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day)
  utc.setUTCHours(hour, minute, second, milliseconds)
  return utc.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000
}

function parseInstant(value: string): number {
  if (EPOCH.test(value)) {
    const epoch = Number(value)
    return epoch < EPOCH_SECONDS_LIMIT ? epoch * 1000 : epoch
  }
  return parseIso(value)
}

/**
 * Converts a Segment timestamp (ISO 8601 with or without offset, or epoch milliseconds or seconds)
 * to the ISO 8601 UTC form LiveLike stores, keeping the same instant.
 */
export function toIsoTimestamp(value: string | number, field: { key: string; label: string }): string {
  const instant = parseInstant(String(value).trim())
  if (!Number.isFinite(instant) || Math.abs(instant) > MAX_INSTANT_MS) {
    throw new PayloadValidationError(
      `The ${field.label} field (${field.key}) is "${String(value).slice(0, 64)}", which is not a date. ` +
        'Map it to an ISO 8601 date-time such as 2024-03-07T12:00:00Z, or to epoch milliseconds.'
    )
  }
  return new Date(instant).toISOString()
}
