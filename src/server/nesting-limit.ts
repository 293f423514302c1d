import type { FastifyInstance } from 'fastify'
import { HttpError } from './http-errors'

/**
 * How deep a JSON body may nest. Deeper bodies parse, but the code that walks an event (actions-core's mapping among
 * it) recurses and overflows the stack a few thousand levels down; Segment events nest a handful of levels.
 */
export const MAX_NESTING = 256

/** Whether a parsed JSON value nests more than `limit` levels of objects and arrays, found without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next
    if (item === null || typeof item !== 'object') {
      continue
    }
    if (depth === limit) {
      return true
    }
    for (const child of Object.values(item)) {
      if (child !== null && typeof child === 'object') {
        pending.push([child, depth + 1])
      }
    }
  }
  return false
}

/** Refuses, with a 400, a body nested deeper than `limit` before any route reads it. */
export function nestingLimit(app: FastifyInstance, limit = MAX_NESTING): void {
  app.addHook('preValidation', (request, _reply, done) => {
    if (nestsDeeperThan(request.body, limit)) {
      done(new HttpError(400, `The body nests objects and arrays deeper than ${limit} levels: flatten it.`))
      return
    }
    done()
  })
}
