import { PayloadValidationError } from '@segment/actions-core'

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/i
const EPOCH = /^\d+(?:\.\d+)?$/
// Below this a number reads as epoch seconds (it would be before March 1973 in milliseconds).
const EPOCH_SECONDS_LIMIT = 1e11
// ISO 8601's four-digit years, 0000 to 9999: LiveLike reads no other. Date would write a later instant as +010000.
const FIRST_INSTANT_MS = Date.parse('0000-01-01T00:00:00.000Z')
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z')

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
const daysInMonth = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1])

/** An ISO 8601 date-time read field by field, with the fraction of a second as the digits sent. */
interface IsoDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  fraction: string
  inUtc: boolean
  offsetMinutes: number
}

const numberOf = (part: string | undefined) => (part === undefined ? 0 : Number(part))

/**
 * Reads the ISO 8601 forms Segment sends. Date.parse would read a time without an offset as local time, refuse
 * `+05` offsets, move 30 February to 1 March and keep only milliseconds of a fraction.
 */
function parseIso(value: string): IsoDateTime | undefined {
  const parts = ISO_8601.exec(value)
  if (!parts) {
    return undefined
  }
  const year = numberOf(parts[1])
  const month = numberOf(parts[2])
  const day = numberOf(parts[3])
  const hour = numberOf(parts[4])
  const minute = numberOf(parts[5])
  const second = numberOf(parts[6])
  const offsetHours = numberOf(parts[10])
  const offsetMinutes = numberOf(parts[11])
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
    return undefined
  }
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    fraction: parts[7] ?? '',
    inUtc: parts[8] !== undefined,
    offsetMinutes: (parts[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes)
  }
}

/** The instant of the whole seconds, in epoch milliseconds. */
function wholeSecondsMs({ year, month, day, hour, minute, second, offsetMinutes }: IsoDateTime): number {
  // Date.UTC would read the years 0 to 99 as 1900 to 1999.
  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day)
  utc.setUTCHours(hour, minute, second)
  return utc.getTime() - offsetMinutes * 60_000
}

function epochMilliseconds(value: string): number {
  const epoch = Number(value)
  return epoch < EPOCH_SECONDS_LIMIT ? epoch * 1000 : epoch
}

const isInstant = (ms: number) => Number.isFinite(ms) && ms >= FIRST_INSTANT_MS && ms <= LAST_INSTANT_MS

/** `YYYY-MM-DDTHH:MM:SS` of an instant in UTC, from Date's own ISO form without its milliseconds and `Z`. */
const utcWholeSeconds = (ms: number) => new Date(ms).toISOString().slice(0, -5)

function normalise(value: string): string | undefined {
  if (EPOCH.test(value)) {
    const ms = epochMilliseconds(value)
    return isInstant(ms) ? new Date(ms).toISOString() : undefined
  }
  const parsed = parseIso(value)
  if (!parsed) {
    return undefined
  }
  // One already in UTC has a four-digit year and goes as it came; an offset can move it past 9999 or before 0000.
  if (parsed.inUtc) {
    return value
  }
  const ms = wholeSecondsMs(parsed)
  return isInstant(ms) ? `${utcWholeSeconds(ms)}${parsed.fraction ? `.${parsed.fraction}` : ''}Z` : undefined
}

/**
 * Converts a Segment timestamp to the ISO 8601 UTC form LiveLike stores, keeping the same instant and every digit:
 * a date-time already in UTC (`Z`) is sent as it came; one with an offset or none (read as UTC) is moved to UTC
 * with its fraction of a second unchanged; epoch milliseconds or seconds become ISO 8601 with milliseconds.
 */
export function toIsoTimestamp(value: string | number, field: { key: string; label: string }): string {
  const normalised = normalise(String(value).trim())
  if (normalised === undefined) {
    throw new PayloadValidationError(
      `The ${field.label} field (${field.key}) is "${String(value).slice(0, 64)}", which is not a date. ` +
        'Map it to an ISO 8601 date-time such as 2024-03-07T12:00:00Z, or to epoch milliseconds.'
    )
  }
  return normalised
}
