import { PayloadValidationError } from '@segment/actions-core'

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i
const EPOCH = /^\d+(?:\.\d+)?$/
// Below this a number reads as epoch seconds (it would be before March 1973 in milliseconds).
const EPOCH_SECONDS_LIMIT = 1e11
// The largest instant a JavaScript Date can hold.
const MAX_INSTANT_MS = 8.64e15

function parseInstant(value: string): number {
  if (EPOCH.test(value)) {
    const epoch = Number(value)
    return epoch < EPOCH_SECONDS_LIMIT ? epoch * 1000 : epoch
  }
  const iso = ISO_8601.exec(value)
  if (!iso) {
    return NaN
  }
  const hasTime = value.length > 10
  const normalised = value.replace(' ', 'T').replace(',', '.')
  // Segment reads a date-time without an offset as UTC; Date.parse would read it as local time.
  return Date.parse(hasTime && !iso[1] ? `${normalised}Z` : normalised)
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
