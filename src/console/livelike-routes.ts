import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { errorBody } from '../http/http-errors'
import type { LiveLikeView } from './shared/types'

export interface LiveLikeRoutesOptions {
  /** The embedded sandbox's URL; undefined with --live. */
  sandboxUrl: string | undefined
}

const LATEST = 12
const TOP_USERS = 20

interface Rewards {
  rules: LiveLikeView['rules']
  balances: Record<string, Record<string, number>>
  grants_total: number
  grants: LiveLikeView['grants']
}

interface SandboxReply {
  status: number
  body: unknown
}

async function call(url: string, init: { method?: string; json?: unknown } = {}): Promise<SandboxReply> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    ...(init.json !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(init.json)
    })
  })
  return { status: response.status, body: await response.json() }
}

function total(balances: Record<string, number>): number {
  return Object.values(balances).reduce((sum, amount) => sum + amount, 0)
}

/**
 * The LiveLike panel's data and controls, from the sandbox's /_sandbox routes, through the console's own origin so
 * that the page talks to one host only. Lists are cut to their latest or largest entries: the panel stays light with
 * 100,000 users.
 */
export async function liveLikeRoutes(app: FastifyInstance, options: LiveLikeRoutesOptions): Promise<void> {
  const { sandboxUrl } = options
  if (!sandboxUrl) {
    app.all('/_console/livelike*', async (_request, reply) =>
      reply.status(404).send(errorBody(404, 'No sandbox: npm start runs against the real LiveLike API (--live).'))
    )
    return
  }
  const sandbox = (path: string) => `${sandboxUrl}/_sandbox${path}`

  app.get('/_console/livelike', async (): Promise<LiveLikeView> => {
    const [stats, rewards, groups, faults, latest, engine, invocations] = await Promise.all([
      call(sandbox('/stats')),
      call(sandbox('/rewards?limit=1')),
      call(sandbox('/user-groups')),
      call(sandbox('/faults')),
      call(sandbox('/events?limit=1')),
      call(sandbox('/engine')),
      call(sandbox('/invocations'))
    ])
    const { total: recorded } = latest.body as { total: number }
    const [records, grants] = await Promise.all([
      call(sandbox(`/events?offset=${Math.max(0, recorded - LATEST)}&limit=${LATEST}`)),
      call(sandbox(`/rewards?offset=${Math.max(0, (rewards.body as Rewards).grants_total - LATEST)}&limit=${LATEST}`))
    ])
    const { by_user: byUser, ...counts } = stats.body as { by_user: Record<string, number> } & Record<string, unknown>
    const balances = Object.entries((rewards.body as Rewards).balances)
    return {
      stats: counts,
      users: Object.keys(byUser).length,
      balances: balances
        .sort(([, a], [, b]) => total(b) - total(a))
        .slice(0, TOP_USERS)
        .map(([user, items]) => ({ user, items })),
      grantsTotal: (rewards.body as Rewards).grants_total,
      grants: ((grants.body as Rewards).grants ?? []).reverse(),
      records: ((records.body as { events: LiveLikeView['records'] }).events ?? []).reverse(),
      rules: (rewards.body as Rewards).rules,
      faults: faults.body as Record<string, number>,
      userGroups: Object.entries(groups.body as Record<string, string[]>).map(([audience, members]) => ({
        audience,
        size: members.length,
        members: members.slice(0, LATEST)
      })),
      engine: engine.body as LiveLikeView['engine'],
      invocations: (invocations.body as LiveLikeView['invocations']).slice(-LATEST).reverse()
    }
  })

  const forward = (method: string, path: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const answer = await call(sandbox(path), { method, json: method === 'DELETE' ? undefined : request.body })
    return reply.status(answer.status).send(answer.body)
  }
  app.put('/_console/livelike/rules', forward('PUT', '/rewards/rules'))
  app.put('/_console/livelike/faults', forward('PUT', '/faults'))
  app.post('/_console/livelike/entries', forward('POST', '/engine/entries'))
  app.put<{ Params: { id: string } }>('/_console/livelike/entries/:id/limits', async (request, reply) =>
    forward('PUT', `/engine/entries/${encodeURIComponent(request.params.id)}/limits`)(request, reply)
  )
  app.post('/_console/livelike/reset', forward('DELETE', ''))
}
