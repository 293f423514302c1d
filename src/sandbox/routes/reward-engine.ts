import type { FastifyInstance, FastifyRequest } from 'fastify'
import { requireApplication, requireProducerToken } from '../auth'
import { clientIdOf, entryOf } from '../engine/bodies'
import type { Body } from '../engine/fields'
import { attributes, objects, optionalString, requiredString } from '../engine/fields'
import { actionView, entryView, itemView, programView, tableView } from '../engine/views'
import { badRequest, SandboxError } from '../http-errors'
import { isIsoDateTime } from '../timestamps'
import { textParam } from '../query'
import { baseUrlOf, paginate } from '../reward-views'
import type { SandboxState } from '../state'

const objectBody = { body: { type: 'object' } }
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const notFound = (kind: string) => new SandboxError(404, `No ${kind} matches the given query.`)

/**
 * LiveLike's reward engine routes under /api/v1: reward items, reward actions, reward tables and their entries,
 * programs and the tables linked to them. Every route needs the Producer Token; a bad body changes nothing.
 */
export function registerRewardEngineRoutes(app: FastifyInstance, state: SandboxState): void {
  const clientId = state.application.clientId
  const engine = () => state.rewards
  const catalog = () => state.rewards.catalog
  const authenticate = async (request: FastifyRequest) => requireProducerToken(request, state.application)
  const route = { onRequest: authenticate }
  const withBody = { onRequest: authenticate, schema: objectBody }
  /** List routes need ?client_id= naming the application. */
  const listed = (request: FastifyRequest) => {
    const value = textParam(request.query, 'client_id')
    if (!value) throw badRequest('client_id: This query parameter is required.')
    requireApplication(value, state.application)
    return baseUrlOf(request)
  }
  const body = (request: FastifyRequest) => request.body as Body
  type IdParams = { Params: { id: string } }

  app.get('/api/v1/reward-items/', route, async (request) => {
    const baseUrl = listed(request)
    return paginate(request, [...catalog().items.values()], (item) => itemView(item, clientId, baseUrl))
  })

  app.post('/api/v1/reward-items/', withBody, async (request, reply) => {
    clientIdOf(body(request), clientId)
    const name = requiredString(body(request), 'name')
    const itemAttributes = attributes(body(request))
    if (catalog().itemNamed(name)) throw badRequest('name: A reward item with this name already exists.')
    return reply.code(201).send(itemView(catalog().addItem(name, itemAttributes), clientId, baseUrlOf(request)))
  })

  app.get<IdParams>('/api/v1/reward-items/:id/', route, async (request) => {
    const item = catalog().items.get(request.params.id)
    if (!item) throw notFound('RewardItem')
    return itemView(item, clientId, baseUrlOf(request))
  })

  app.get('/api/v1/reward-actions/', route, async (request) => {
    const baseUrl = listed(request)
    return paginate(request, [...catalog().actions.values()], (action) => actionView(action, clientId, baseUrl))
  })

  app.post('/api/v1/reward-actions/', withBody, async (request, reply) => {
    clientIdOf(body(request), clientId)
    const key = requiredString(body(request), 'key')
    const name = requiredString(body(request), 'name')
    const description = optionalString(body(request), 'description') ?? ''
    if (catalog().actions.has(key)) throw badRequest('key: reward action with this key already exists.')
    return reply.code(201).send(actionView(catalog().addAction(key, name, description), clientId, baseUrlOf(request)))
  })

  app.get('/api/v1/reward-tables/', route, async (request) => {
    const baseUrl = listed(request)
    return paginate(request, [...catalog().tables.values()], (table) => tableView(table, clientId, baseUrl))
  })

  app.post('/api/v1/reward-tables/', withBody, async (request, reply) => {
    clientIdOf(body(request), clientId)
    const name = requiredString(body(request), 'name')
    const entries = objects(body(request), 'entries', 'entries').map((entry, index) =>
      entryOf(catalog(), entry, `entries[${index}].`)
    )
    return reply.code(201).send(tableView(catalog().addTable(name, entries), clientId, baseUrlOf(request)))
  })

  const tableOf = (id: string) => {
    const table = catalog().tables.get(id)
    if (!table) throw notFound('RewardTable')
    return table
  }

  app.get<IdParams>('/api/v1/reward-tables/:id/', route, async (request) =>
    tableView(tableOf(request.params.id), clientId, baseUrlOf(request))
  )

  app.delete<IdParams>('/api/v1/reward-tables/:id/', route, async (request, reply) => {
    if (!engine().deleteTable(request.params.id)) throw notFound('RewardTable')
    return reply.code(204).send()
  })

  app.post<IdParams>('/api/v1/reward-tables/:id/entries/', withBody, async (request, reply) => {
    const table = tableOf(request.params.id)
    const entry = catalog().addEntry(table, entryOf(catalog(), body(request)))
    return reply.code(201).send(entryView(entry, baseUrlOf(request)))
  })

  type EntryParams = { Params: { id: string; entryId: string } }
  app.get<EntryParams>('/api/v1/reward-tables/:id/entries/:entryId/', route, async (request) => {
    const entry = tableOf(request.params.id).entries.find(({ id }) => id === request.params.entryId)
    if (!entry) throw notFound('RewardTableEntry')
    return entryView(entry, baseUrlOf(request))
  })

  app.delete<EntryParams>('/api/v1/reward-tables/:id/entries/:entryId/', route, async (request, reply) => {
    if (!engine().deleteEntry(tableOf(request.params.id), request.params.entryId)) throw notFound('RewardTableEntry')
    return reply.code(204).send()
  })

  app.get('/api/v1/programs/', route, async (request) => {
    const baseUrl = listed(request)
    return paginate(request, [...catalog().programs.values()], (program) => programView(program, clientId, baseUrl))
  })

  app.post('/api/v1/programs/', withBody, async (request, reply) => {
    clientIdOf(body(request), clientId)
    const title = requiredString(body(request), 'title')
    const scheduledAt = requiredString(body(request), 'scheduled_at')
    if (!ISO_DATE.test(scheduledAt) && !isIsoDateTime(scheduledAt)) {
      throw badRequest(
        'scheduled_at: Date has wrong format. Use ISO 8601, for example 2024-03-07 or 2024-03-07T12:00:00Z.'
      )
    }
    return reply.code(201).send(programView(catalog().addProgram(title, scheduledAt), clientId, baseUrlOf(request)))
  })

  const programOf = (id: string) => {
    const program = catalog().programs.get(id)
    if (!program) throw notFound('Program')
    return program
  }

  app.get<IdParams>('/api/v1/programs/:id/', route, async (request) =>
    programView(programOf(request.params.id), clientId, baseUrlOf(request))
  )

  type LinkParams = { Params: { programId: string; tableId: string } }
  app.put<LinkParams>('/api/v1/programs/:programId/reward-tables/:tableId/', route, async (request) => {
    const program = programOf(request.params.programId)
    catalog().link(program, tableOf(request.params.tableId).id)
    return programView(program, clientId, baseUrlOf(request))
  })

  app.delete<LinkParams>('/api/v1/programs/:programId/reward-tables/:tableId/', route, async (request, reply) => {
    const program = programOf(request.params.programId)
    if (!catalog().unlink(program, tableOf(request.params.tableId).id)) throw notFound('RewardTable link')
    return reply.code(204).send()
  })
}
