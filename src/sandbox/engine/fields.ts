import { badRequest } from '../http-errors'
import { isMissing, NOT_A_STRING, REQUIRED } from '../validation'
import type { Attribute } from './catalog'

/** Reads the fields of LiveLike's request bodies, refusing a bad one with Django REST's words and its path. */

export type Body = Record<string, unknown>

const TEXT_MAX = 255

export function requiredString(body: Body, field: string, path = field, max = TEXT_MAX): string {
  const value = body[field]
  if (isMissing(value)) throw badRequest(`${path}: ${REQUIRED}`)
  if (typeof value !== 'string') throw badRequest(`${path}: ${NOT_A_STRING}`)
  if (value.trim() === '') throw badRequest(`${path}: This field may not be blank.`)
  if (value.length > max) throw badRequest(`${path}: Ensure this field has no more than ${max} characters.`)
  return value
}

export function optionalString(body: Body, field: string, path = field, max = 10_000): string | null {
  const value = body[field]
  if (isMissing(value)) return null
  if (typeof value !== 'string') throw badRequest(`${path}: ${NOT_A_STRING}`)
  if (value.length > max) throw badRequest(`${path}: Ensure this field has no more than ${max} characters.`)
  return value
}

export function integer(body: Body, field: string, path: string, min: number, max = 1_000_000_000): number {
  const value = body[field]
  if (isMissing(value)) throw badRequest(`${path}: ${REQUIRED}`)
  if (typeof value !== 'number' || !Number.isInteger(value)) throw badRequest(`${path}: A valid integer is required.`)
  if (value < min) throw badRequest(`${path}: Ensure this value is greater than or equal to ${min}.`)
  if (value > max) throw badRequest(`${path}: Ensure this value is less than or equal to ${max}.`)
  return value
}

export function boolean(body: Body, field: string, path: string): boolean {
  const value = body[field]
  if (typeof value !== 'boolean') throw badRequest(`${path}: Must be a valid boolean.`)
  return value
}

export function choice<T extends string>(body: Body, field: string, path: string, choices: readonly T[]): T {
  const value = body[field]
  if (isMissing(value)) throw badRequest(`${path}: ${REQUIRED}`)
  if (!choices.includes(value as T)) {
    throw badRequest(`${path}: "${String(value).slice(0, 40)}" is not a valid choice: use ${choices.join(', ')}.`)
  }
  return value as T
}

export const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function object(body: Body, field: string, path: string): Body | null {
  const value = body[field]
  if (isMissing(value)) return null
  if (!isObject(value)) throw badRequest(`${path}: Expected a JSON object.`)
  return value
}

/** A list field: required lists must hold at least one item. */
export function list(body: Body, field: string, path: string, { required = false, max = 1000 } = {}): unknown[] | null {
  const value = body[field]
  if (isMissing(value)) {
    if (required) throw badRequest(`${path}: ${REQUIRED}`)
    return null
  }
  if (!Array.isArray(value)) throw badRequest(`${path}: Expected a list of items.`)
  if (required && value.length === 0) throw badRequest(`${path}: This list may not be empty.`)
  if (value.length > max) throw badRequest(`${path}: Ensure this field has no more than ${max} elements.`)
  return value
}

export function objects(body: Body, field: string, path: string, options: { required?: boolean } = {}): Body[] {
  const items = list(body, field, path, options) ?? []
  items.forEach((item, index) => {
    if (!isObject(item)) throw badRequest(`${path}[${index}]: Expected a JSON object.`)
  })
  return items as Body[]
}

/** attributes: [{key, value}], both strings. */
export function attributes(body: Body, path = 'attributes'): Attribute[] {
  return objects(body, 'attributes', path).map((item, index) => ({
    key: requiredString(item, 'key', `${path}[${index}].key`),
    value: requiredString(item, 'value', `${path}[${index}].value`, 10_000)
  }))
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: string) => UUID.test(value)
