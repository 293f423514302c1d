import { parseFql, validate } from '@segment/destination-subscriptions'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Settings } from '../../destinations/livelike-cloud/generated-types'
import { subscriptionProblem } from '../../runtime'
import type { Runner, SegmentEvent, Subscription } from '../../runtime'
import { dynamicFieldChoices } from '../../runtime/dynamic-fields'
import { sourceEventsSentBack } from '../../runtime/loop-guard'
import { errorBody, HttpError } from '../../http/http-errors'
import type { DeliveryHistory } from '../history'
import type { MappingDraft, MappingsView, MappingTestResult, PreviewResult, TriggerCheck } from '../shared/mappings'
import { mappingCounts } from '../shared/mapping-counts'
import { actionCatalog } from './catalog'
import { previewMapping } from './preview'
import { recentEvents } from './recent-events'
import type { MappingsStore } from './store'

export interface MappingsRoutesOptions {
  store: MappingsStore
  runner: Runner
  history: DeliveryHistory
  settings: Settings
  stamp: (event: Record<string, unknown>, receivedAt: Date) => SegmentEvent
}

/** Recent events a trigger is tried on, and how many of its matches are listed. */
const RECENT = 200
const LISTED = 20

const draftSchema = {
  type: 'object',
  required: ['name', 'subscribe', 'partnerAction', 'mapping'],
  properties: {
    name: { type: 'string' },
    subscribe: { type: 'string' },
    partnerAction: { type: 'string' },
    mapping: { type: 'object' },
    enabled: { type: 'boolean' }
  }
}

const eventSchema = { type: 'object', required: ['type'] }

/**
 * An error of the store goes out as JSON with its own message. The server's error handler words every 5xx as its own
 * failure; a file that cannot be written is one the user can fix, so its reason must reach them.
 */
async function answer<T>(reply: FastifyReply, work: Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work
  } catch (error) {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send(errorBody(error.statusCode, error.message))
    }
    throw error
  }
}

/**
 * The Mappings view's JSON: the subscriptions with their counts, the actions and their fields, a trigger checked on
 * recent events, a preview and a test of a subscription not yet saved, dynamic choices, and the changes that save.
 */
export async function mappingsRoutes(app: FastifyInstance, options: MappingsRoutesOptions): Promise<void> {
  const { store, runner, history, settings, stamp } = options

  const view = (): MappingsView => {
    const counts = history.overview().counts.subscriptions
    return {
      file: store.file,
      subscriptions: store.list().map((subscription) => ({
        ...subscription,
        enabled: subscription.enabled !== false,
        counts: mappingCounts(counts[subscription.name]),
        loops: sourceEventsSentBack(subscription)
      }))
    }
  }

  app.get('/_console/api/mappings', async () => view())

  app.get('/_console/api/mappings/actions', async () => actionCatalog())

  app.post<{ Body: { subscribe: string; partnerAction?: string } }>(
    '/_console/api/mappings/check',
    {
      schema: {
        body: {
          type: 'object',
          required: ['subscribe'],
          properties: { subscribe: { type: 'string' }, partnerAction: { type: 'string' } }
        }
      }
    },
    async (request): Promise<TriggerCheck> => {
      const { subscribe, partnerAction = '' } = request.body
      const condition = parseFql(subscribe)
      if ('error' in condition) {
        return { ok: false, error: condition.error.message }
      }
      const recent = recentEvents(history, RECENT)
      const matching = recent.filter(({ event }) => validate(condition, event))
      return {
        ok: true,
        matched: matching.length,
        of: recent.length,
        events: matching.slice(0, LISTED).map(({ summary }) => summary),
        loops: sourceEventsSentBack({ subscribe, partnerAction })
      }
    }
  )

  app.post<{ Body: { subscription: MappingDraft; event: Record<string, unknown> } }>(
    '/_console/api/mappings/preview',
    {
      schema: {
        body: {
          type: 'object',
          required: ['subscription', 'event'],
          properties: { subscription: draftSchema, event: eventSchema }
        }
      }
    },
    async (request): Promise<PreviewResult> => {
      const { subscription, event } = request.body
      return previewMapping(subscription.partnerAction, subscription.mapping, event, settings)
    }
  )

  app.post<{ Body: { subscription: MappingDraft; event: Record<string, unknown> } }>(
    '/_console/api/mappings/test',
    {
      schema: {
        body: {
          type: 'object',
          required: ['subscription', 'event'],
          properties: { subscription: draftSchema, event: eventSchema }
        }
      }
    },
    async (request): Promise<MappingTestResult> => {
      const { subscription, event } = request.body
      const problem = subscriptionProblem(subscription)
      if (problem) {
        throw new HttpError(400, `The subscription ${problem}`)
      }
      // A fresh messageId, so that the sandbox records this test and the history finds this one.
      const messageId = `mapping-test-${crypto.randomUUID()}`
      const through: Subscription = { ...subscription, enabled: true }
      const outcomes = await runner.deliver([stamp({ ...event, messageId }, new Date())], undefined, {
        through: [through]
      })
      return { outcomes, detail: history.find(messageId) }
    }
  )

  app.post<{ Params: { action: string; field: string }; Body: { mapping?: Record<string, unknown>; page?: string } }>(
    '/_console/api/mappings/dynamic/:action/:field',
    {
      schema: {
        body: { type: 'object', properties: { mapping: { type: 'object' }, page: { type: 'string' } } }
      }
    },
    async (request) =>
      dynamicFieldChoices(request.params.action, request.params.field, {
        settings,
        payload: request.body.mapping as never,
        page: request.body.page
      })
  )

  app.post<{ Body: { subscription: MappingDraft } }>(
    '/_console/api/mappings',
    { schema: { body: { type: 'object', required: ['subscription'], properties: { subscription: draftSchema } } } },
    async (request, reply) => answer(reply, store.add(request.body.subscription).then(view))
  )

  app.put<{ Params: { name: string }; Body: { subscription: MappingDraft } }>(
    '/_console/api/mappings/:name',
    { schema: { body: { type: 'object', required: ['subscription'], properties: { subscription: draftSchema } } } },
    async (request, reply) => answer(reply, store.replace(request.params.name, request.body.subscription).then(view))
  )

  app.delete<{ Params: { name: string } }>('/_console/api/mappings/:name', async (request, reply) =>
    answer(reply, store.remove(request.params.name).then(view))
  )
}
