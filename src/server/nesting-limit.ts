import type { FastifyInstance } from 'fastify'
import { HttpError } from '../http/http-errors'

/**
 * How deep a JSON body may nest. Deeper bodies parse, but the code that walks an event (actions-core's mapping among
 * it) recurses and overflows the stack a few thousand levels down; Segment events nest a handful of levels.
 */
export const MAX_NESTING = 256

/** Whether a parsed JSON value nests more than `limit` levels of objects and arrays, found without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  // Two parallel stacks of the objects still to look into and their depths: no allocation per object.
  const objects: object[] = []
  const depths: number[] = []
  const push = (child: unknown, depth: number) => {
    if (child !== null && typeof child === 'object') {
      objects.push(child)
      depths.push(depth)
    }
  }
  push(value, 0)
  while (objects.length > 0) {
    const item = objects.pop() as Record<string, unknown>
    const depth = depths.pop() as number
    if (depth === limit) {
      return true
    }
    for (const key in item) {
      push(item[key], depth + 1)
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
