import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import type { SegmentEvent } from '../../runtime'
import type { DeliveryQueue } from '../delivery-queue'
import { errorBody, handleError, HttpError } from '../../http/http-errors'
import type { RecentMessageIds } from '../recent-message-ids'
import {
  CALL_TYPES,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_EVENT_BYTES,
  problemWith,
  SHORT_PATHS,
  stamp
} from '../tracking-events'
import type { CallType } from '../tracking-events'

export interface TrackingApiOptions {
  queue: DeliveryQueue
  messageIds: RecentMessageIds
  /** When set, the only write key accepted (besides `sourceWriteKey`); otherwise any non-empty key. */
  writeKey?: string
  /** The write key of the embedded sandbox's LiveLike source, always accepted. */
  sourceWriteKey?: string
}

type Body = Record<string, unknown>

const objectBody = { type: 'object' }
const batchBody = {
  type: 'object',
  required: ['batch'],
  properties: { batch: { type: 'array', maxItems: MAX_BATCH_EVENTS } }
}

function writeKeyOf(request: FastifyRequest<{ Body: Body }>): string | undefined {
  const header = request.headers.authorization
  if (header?.startsWith('Basic ')) {
    const [user] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')
    if (user) {
      return user
    }
  }
  const inBody = request.body?.writeKey
  return typeof inBody === 'string' && inBody ? inBody : undefined
}

function checkWriteKey(request: FastifyRequest<{ Body: Body }>, options: TrackingApiOptions): string {
  const key = writeKeyOf(request)
  if (!key) {
    throw new HttpError(401, 'No write key: send it as the Basic auth user name, or as "writeKey" in the body.')
  }
  if (options.writeKey !== undefined && key !== options.writeKey && key !== options.sourceWriteKey) {
    throw new HttpError(401, 'Unknown write key: use the write key this server was started with (--write-key).')
  }
  return key
}

function checkEvents(events: unknown[]): void {
  events.forEach((event, index) => {
    const problem = problemWith(event)
    if (problem) {
      throw new HttpError(400, events.length > 1 ? `batch[${index}] ${problem}.` : `The call ${problem}.`)
    }
  })
}

/** Segment's HTTP Tracking API: accepts at once, then delivers in the background. */
export async function trackingApi(app: FastifyInstance, options: TrackingApiOptions): Promise<void> {
  // analytics.js sends JSON as text/plain, so that the browser needs no CORS preflight.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string))
    } catch (error) {
      done(new HttpError(400, `The body is not valid JSON (${(error as Error).message}): send one JSON document.`))
    }
  })
  app.setErrorHandler<FastifyError>((error, request, reply) => handleError(error, request, reply, 400))

  const accept = (request: FastifyRequest<{ Body: Body }>, events: unknown[], sentAt: unknown) => {
    const writeKey = checkWriteKey(request, options)
    checkEvents(events)
    const receivedAt = new Date()
    const fresh: SegmentEvent[] = []
    for (const event of events as Body[]) {
      const stamped = stamp(event, receivedAt, sentAt)
      if (!options.messageIds.seen(stamped.messageId as string, receivedAt.getTime())) {
        fresh.push(stamped)
      }
    }
    options.queue.push(fresh, writeKey)
    return { success: true }
  }

  const acceptBatch = (request: FastifyRequest<{ Body: Body }>) =>
    accept(request, request.body.batch as unknown[], request.body.sentAt)
  const acceptCall = (type: CallType) => (request: FastifyRequest<{ Body: Body }>) =>
    accept(request, [{ ...request.body, type }], request.body.sentAt)

  const batchRoute = { schema: { body: batchBody }, bodyLimit: MAX_BATCH_BYTES }
  const callRoute = { schema: { body: objectBody }, bodyLimit: MAX_EVENT_BYTES }

  app.post<{ Body: Body }>('/v1/batch', batchRoute, acceptBatch)
  for (const type of CALL_TYPES) {
    app.post<{ Body: Body }>(`/v1/${type}`, callRoute, acceptCall(type))
  }
  for (const [short, type] of Object.entries(SHORT_PATHS)) {
    app.post<{ Body: Body }>(
      `/v1/${short}`,
      type === 'batch' ? batchRoute : callRoute,
      type === 'batch' ? acceptBatch : acceptCall(type)
    )
  }

  // What analytics.js loads first: enough for it to send every call to this server.
  app.get<{ Params: { writeKey: string } }>('/v1/projects/:writeKey/settings', async (request, reply) => {
    const { writeKey } = request.params
    if (options.writeKey !== undefined && writeKey !== options.writeKey) {
      return reply
        .status(404)
        .send(errorBody(404, 'Unknown write key: use the write key this server was started with.'))
    }
    return {
      integrations: {
        'Segment.io': {
          apiKey: writeKey,
          apiHost: `${request.host}/v1`,
          protocol: request.protocol,
          unbundledIntegrations: []
        }
      },
      plan: { track: { __default: { enabled: true, integrations: {} } }, identify: { __default: { enabled: true } } },
      edgeFunction: {},
      analyticsNextEnabled: true,
      middlewareSettings: {},
      enabledMiddleware: {},
      metrics: { sampleRate: 0 },
      legacyVideoPluginsEnabled: false,
      remotePlugins: []
    }
  })
}
