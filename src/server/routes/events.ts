import type { FastifyInstance } from 'fastify'
import type { Runner } from '../../runtime'
import type { DeliveryQueue } from '../delivery-queue'
import { HttpError } from '../../http/http-errors'
import { sameOriginOnly } from '../../http/same-origin'
import { stamp } from '../tracking-events'

export interface EventRoutesOptions {
  runner: Runner
  queue: DeliveryQueue
}

type RawEvent = Record<string, unknown>

const DEFAULT_DELIVERIES = 100
const MAX_DELIVERIES = 1000

const eventsBody = {
  anyOf: [
    { type: 'object', required: ['type'] },
    { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'object', required: ['type'] } }
  ]
}

// Query strings stay strings (the server never coerces), hence a pattern rather than an integer type.
const deliveriesQuery = {
  type: 'object',
  properties: { limit: { type: 'string', pattern: '^[1-9][0-9]*$' } }
}

/** Plain Segment events delivered synchronously, and what background delivery did lately. */
export async function eventRoutes(app: FastifyInstance, options: EventRoutesOptions): Promise<void> {
  const route = { schema: { body: eventsBody }, onRequest: sameOriginOnly() }
  app.post<{ Body: RawEvent | RawEvent[] }>('/events', route, async (request) => {
    const events = Array.isArray(request.body) ? request.body : [request.body]
    const receivedAt = new Date()
    const outcomes = await options.runner.deliver(events.map((event) => stamp(event, receivedAt)))
    if (outcomes.length === 0) {
      throw new HttpError(400, 'No event to deliver: send one Segment event or an array of them.')
    }
    return outcomes
  })

  app.get<{ Querystring: { limit?: string } }>(
    '/_deliveries',
    { schema: { querystring: deliveriesQuery } },
    async (request) => options.queue.recent(Math.min(Number(request.query.limit ?? DEFAULT_DELIVERIES), MAX_DELIVERIES))
  )
}
