import type { FastifyInstance } from 'fastify'
import { errorBody, HttpError } from '../http/http-errors'
import type { DeliveryHistory, EventFilter } from './history'
import type { LiveFeed } from './live'
import type { ConsoleInfo, EventPage, Stage } from './shared/types'

export interface ConsoleRoutesOptions {
  history: DeliveryHistory
  live: LiveFeed
  /** Read at each request: the subscriptions change when the Mappings view saves. */
  info: () => ConsoleInfo
}

const STAGES: Stage[] = ['in-flight', 'pending-retry', 'delivered', 'failed', 'filtered']
const MAX_PAGE = 500
const MAX_WAIT_S = 30

type Query = Record<string, string | undefined>

function numberParam(query: Query, name: string, fallback: number, max: number): number {
  const raw = query[name]
  if (raw === undefined || raw === '') {
    return fallback
  }
  const value = Number(raw)
  if (!/^\d+(\.\d+)?$/.test(raw) || value > max) {
    throw new HttpError(400, `${name} must be a number from 0 to ${max}.`)
  }
  return value
}

function filterOf(query: Query): EventFilter {
  const text = (name: string) => (query[name] ? query[name] : undefined)
  const stage = text('stage')
  if (stage !== undefined && !STAGES.includes(stage as Stage)) {
    throw new HttpError(400, `stage must be one of ${STAGES.join(', ')}.`)
  }
  return {
    stage: stage as Stage | undefined,
    name: text('name'),
    user: text('user'),
    messageId: text('messageId'),
    source: text('source')
  }
}

/** The console's JSON: what the page shows, for tests and scripts too. */
export async function consoleRoutes(app: FastifyInstance, options: ConsoleRoutesOptions): Promise<void> {
  const { history, live } = options

  app.get('/_console/api/info', async () => options.info())

  app.get('/_console/api/overview', async () => history.overview())

  app.get<{ Querystring: Query }>('/_console/api/events', async (request): Promise<EventPage> => {
    const offset = Math.floor(numberParam(request.query, 'offset', 0, Number.MAX_SAFE_INTEGER))
    const limit = Math.floor(numberParam(request.query, 'limit', 100, MAX_PAGE))
    const until = request.query.until
      ? Math.floor(numberParam(request.query, 'until', 0, Number.MAX_SAFE_INTEGER))
      : undefined
    const page = history.page(filterOf(request.query), offset, limit, until)
    return { ...page, capacity: history.capacity, offset }
  })

  app.get<{ Params: { messageId: string }; Querystring: Query }>(
    '/_console/api/events/:messageId',
    async (request, reply) => {
      const { messageId } = request.params
      const waitS = numberParam(request.query, 'wait', 0, MAX_WAIT_S)
      const detail = await history.settled(messageId, waitS * 1000)
      if (!detail) {
        const waited = waitS > 0 ? ` after waiting ${waitS} s` : ''
        return reply
          .status(404)
          .send(errorBody(404, `No event with messageId ${JSON.stringify(messageId)} in the history${waited}.`))
      }
      return detail
    }
  )

  app.get('/_console/api/live', (request, reply) => {
    reply.hijack()
    live.attach(reply.raw)
    request.raw.on('close', () => reply.raw.end())
  })
}
