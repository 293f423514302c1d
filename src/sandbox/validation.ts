import { badRequest } from './http-errors'
import type { JsonObject } from './identity'
import { EVENT_IDENTITY_KEYS, firstIdentity, MEMBER_IDENTITY_KEYS } from './identity'
import { isIsoDateTime } from './timestamps'

export const EVENT_TYPES = ['track', 'page', 'screen']
/** LiveLike's limit on a custom ID, and Django REST's words for a missing field and a field that is no string. */
export const CUSTOM_ID_MAX_LENGTH = 255
export const REQUIRED = 'This field is required.'
export const NOT_A_STRING = 'Not a valid string.'
const BAD_TIMESTAMP = 'Datetime has wrong format. Use ISO 8601, for example 2024-03-07T12:00:00Z.'

type Check = (item: JsonObject) => { field?: string; problem: string } | undefined

export const isMissing = (value: unknown) => value === undefined || value === null

function requiredString(field: string): Check {
  return (item) => {
    const value = item[field]
    if (isMissing(value)) return { field, problem: REQUIRED }
    if (typeof value !== 'string') return { field, problem: NOT_A_STRING }
    if (value.trim() === '') return { field, problem: 'This field may not be blank.' }
    return undefined
  }
}

function optionalString(field: string): Check {
  return (item) =>
    isMissing(item[field]) || typeof item[field] === 'string' ? undefined : { field, problem: NOT_A_STRING }
}

function timestamp(required: boolean): Check {
  return (item) => {
    const value = item.timestamp
    if (isMissing(value)) return required ? { field: 'timestamp', problem: REQUIRED } : undefined
    return isIsoDateTime(value) ? undefined : { field: 'timestamp', problem: BAD_TIMESTAMP }
  }
}

function identity(keys: readonly string[]): Check {
  return (item) =>
    firstIdentity(item, keys)
      ? undefined
      : { problem: `At least one of ${keys.join(', ')} must be a non-empty string, to say who the user is.` }
}

const EVENT_CHECKS: Check[] = [
  requiredString('event_name'),
  (item) => {
    const value = item.event_type
    if (isMissing(value)) return { field: 'event_type', problem: REQUIRED }
    return EVENT_TYPES.includes(value as string)
      ? undefined
      : { field: 'event_type', problem: `"${String(value)}" is not a valid choice: use ${EVENT_TYPES.join(', ')}.` }
  },
  timestamp(true),
  ...[...EVENT_IDENTITY_KEYS, 'anonymous_id', 'message_id'].map(optionalString),
  identity(EVENT_IDENTITY_KEYS),
  (item) =>
    typeof item.custom_id === 'string' && item.custom_id.length > CUSTOM_ID_MAX_LENGTH
      ? { field: 'custom_id', problem: `Ensure this field has no more than ${CUSTOM_ID_MAX_LENGTH} characters.` }
      : undefined,
  (item) => {
    const value = item.properties
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
    return isMissing(value) || isObject ? undefined : { field: 'properties', problem: 'Expected a JSON object.' }
  }
]

const AUDIENCE_CHECKS: Check[] = [
  requiredString('audience_id'),
  optionalString('audience_name'),
  (item) => {
    if (isMissing(item.action)) return { field: 'action', problem: REQUIRED }
    return typeof item.action === 'boolean'
      ? undefined
      : { field: 'action', problem: 'Must be a valid boolean: true adds the user, false removes it.' }
  },
  timestamp(false),
  ...MEMBER_IDENTITY_KEYS.map(optionalString),
  identity(MEMBER_IDENTITY_KEYS)
]

/** Refuses the whole request at its first bad item, as Django REST does, naming the item and the field. */
function validateAll(items: JsonObject[], path: (index: number) => string, checks: Check[]): void {
  items.forEach((item, index) => {
    for (const check of checks) {
      const failure = check(item)
      if (failure) {
        const where = failure.field ? `${path(index)}.${failure.field}` : path(index)
        throw badRequest(`${where}: ${failure.problem}`)
      }
    }
  })
}

export const validateEvents = (events: JsonObject[]) => validateAll(events, (i) => `events[${i}]`, EVENT_CHECKS)

export const validateAudienceItems = (items: JsonObject[]) => validateAll(items, (i) => `[${i}]`, AUDIENCE_CHECKS)
