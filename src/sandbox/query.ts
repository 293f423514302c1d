import { badRequest } from './http-errors'

type Query = Record<string, string | string[] | undefined>

function single(query: unknown, name: string): string | undefined {
  const value = (query as Query)[name]
  if (Array.isArray(value)) {
    throw badRequest(`${name}: give it once.`)
  }
  return value
}

/** An integer query parameter within [min, max], or the fallback when absent. */
export function integerParam(query: unknown, name: string, range: { min: number; max: number; fallback: number }) {
  const text = single(query, name)
  if (text === undefined || text === '') {
    return range.fallback
  }
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < range.min || value > range.max) {
    const bounds =
      range.max === Number.MAX_SAFE_INTEGER ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`
    throw badRequest(`${name}: must be a whole number ${bounds}, not "${text.slice(0, 40)}".`)
  }
  return value
}

/** A text query parameter, undefined when absent or empty. */
export function textParam(query: unknown, name: string): string | undefined {
  return single(query, name) || undefined
}
