import { Writable } from 'stream'
import { defaultValues } from '@segment/actions-core'
import { Analytics } from '@segment/analytics-node'
import definition from '../../destinations/livelike-cloud'
import { presetSubscriptions } from '../../runtime'
import type { DeliveryOutcome, Subscription } from '../../runtime'
import { banner } from '../banner'
import type { RunningServer, ServerOptions } from '../server'
import { basicAuth, call, eventually, startTestServer } from './helpers'

jest.setTimeout(120_000)

const PROFILE = '3f1c9a2e-7b4d-4c1e-9f00-1234567890ab'

interface SourceView {
  sent: number
  delivered: number
  latest: { message_id: string; event: string; user_id: string | null; properties: Record<string, unknown> }[]
}

const allTrackCalls: Subscription = {
  name: 'All Track Calls',
  subscribe: 'type = "track"',
  partnerAction: 'sendEvent',
  mapping: defaultValues(definition.actions.sendEvent.fields)
}

/** A server with the loop on, and the warnings it logs. */
async function loopServer(options: ServerOptions = {}): Promise<{ server: RunningServer; warnings: string[] }> {
  const warnings: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg: string }
        if (entry.level === 40) {
          warnings.push(entry.msg)
        }
      }
      done()
    }
  })
  const server = await startTestServer({ liveLikeSource: true, logger: true, logFormat: 'json', logStream, ...options })
  return { server, warnings }
}

async function sendTracks(server: RunningServer, count: number): Promise<void> {
  const analytics = new Analytics({ writeKey: 'app-key', host: server.url, flushAt: count })
  for (let n = 1; n <= count; n++) {
    analytics.track({
      userId: 'user-42',
      event: 'Video Watched',
      messageId: `watch-${n}`,
      properties: { livelike_profile_id: PROFILE, video_id: `v-${n}` }
    })
  }
  await analytics.closeAndFlush()
}

const sandboxGet = async <T>(server: RunningServer, path: string) =>
  (await call<T>(`${server.sandbox!.url}${path}`)).body
const deliveries = async (server: RunningServer) =>
  (await call<{ outcomes: DeliveryOutcome[] }>(`${server.url}/_deliveries?limit=1000`)).body.outcomes
const fromSource = async (server: RunningServer) =>
  (await deliveries(server)).filter((outcome) => outcome.source === 'livelike-source')

/** Waits until the dev server holds `count` outcomes for events of LiveLike's source. */
const sourceOutcomes = (server: RunningServer, count: number) =>
  eventually(async () => {
    const outcomes = await fromSource(server)
    return outcomes.length >= count ? outcomes : undefined
  })

describe('npm start with the loop closed (Segment -> LiveLike -> Segment)', () => {
  let server: RunningServer | undefined

  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('reports every grant back as Reward Item Rewarded under the source write key, and sends none back to LiveLike', async () => {
    const started = await loopServer()
    server = started.server
    const N = 5
    await sendTracks(server, N)
    const outcomes = await sourceOutcomes(server, N)
    await server.sandbox!.sourceSettled()

    const transactions = (
      await call<{ results: { id: string }[] }>(`${server.sandbox!.url}/api/v1/reward-transactions/`, {
        headers: { authorization: 'Bearer demo-producer-token' }
      })
    ).body.results
    expect(transactions).toHaveLength(N)
    expect(outcomes.map((outcome) => outcome.messageId).sort()).toEqual(
      transactions.map(({ id }) => `livelike-reward-item-rewarded-${id}`).sort()
    )
    expect(outcomes.every((outcome) => outcome.status === 0 && outcome.subscription === undefined)).toBe(true)

    const source = await sandboxGet<SourceView>(server, '/_sandbox/source')
    expect(source).toMatchObject({ sent: N, delivered: N })
    expect(source.latest.map((sent) => [sent.event, sent.user_id, sent.properties])).toEqual(
      transactions.map(({ id }, index) => [
        'Reward Item Rewarded',
        'user-42',
        {
          livelike_profile_id: PROFILE,
          reward_item_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          reward_item_name: 'points',
          reward_item_amount: 10,
          reward_item_balance: 10 * (index + 1),
          reward_item_transaction_id: id
        }
      ])
    )

    // Every cause is consumed: each grant was reported, and each report delivered and filtered. Nothing more can come.
    const stats = await sandboxGet<{ recorded: number }>(server, '/_sandbox/stats')
    expect(stats).toMatchObject({ received: N, recorded: N, by_event_name: { 'Video Watched': N } })
    await server.sandbox!.sourceSettled()
    expect(await sandboxGet(server, '/_sandbox/stats')).toEqual(stats)
    expect(await fromSource(server)).toHaveLength(N)
    expect(started.warnings).toEqual([])
  })

  it('says so in the banner, and sends nothing when turned off', async () => {
    server = (await loopServer()).server
    expect(banner(server)).toContain('LiveLike source   on: each reward comes back')
    await server.close()

    server = (await loopServer({ liveLikeSource: false })).server
    expect(banner(server)).toContain('LiveLike source   off')
    await sendTracks(server, 1)
    await eventually(async () => ((await deliveries(server!)).length === 1 ? true : undefined))
    await server.sandbox!.sourceSettled()
    expect(await sandboxGet(server, '/_sandbox/source')).toEqual({ enabled: false })
    expect(await deliveries(server)).toHaveLength(1)
  })

  it('accepts the source write key when --write-key names another', async () => {
    server = (await loopServer({ writeKey: 'only-this-key' })).server
    const reply = await call(`${server.url}/v1/track`, {
      json: { userId: 'u', event: 'Reward Item Rewarded', properties: { livelike_profile_id: PROFILE } },
      headers: basicAuth('livelike-source')
    })
    expect(reply.status).toBe(200)
  })

  it('stops a loop a type = "track" subscription on sendEvent would cause, and warns once', async () => {
    const started = await loopServer({ subscriptions: [allTrackCalls] })
    server = started.server
    await sendTracks(server, 2)
    const outcomes = await sourceOutcomes(server, 2)

    expect(outcomes).toEqual([
      expect.objectContaining({
        subscription: 'All Track Calls',
        ok: false,
        attempts: 0,
        loop: { hop: 1, stopped: true }
      }),
      expect.objectContaining({
        subscription: 'All Track Calls',
        ok: false,
        attempts: 0,
        loop: { hop: 1, stopped: true }
      })
    ])
    expect(outcomes[0].message).toMatch(
      /^Loop stopped: "All Track Calls" \(sendEvent\) would send "Reward Item Rewarded"/
    )
    expect(await sandboxGet(server, '/_sandbox/stats')).toMatchObject({ recorded: 2 })
    expect(started.warnings).toEqual([outcomes[0].message])
  })

  it('lets a loop run when allowed, and ends each chain after the hops allowed', async () => {
    const started = await loopServer({ subscriptions: [allTrackCalls], allowLoops: 2 })
    server = started.server
    await sendTracks(server, 1)
    const ended = await eventually(async () => (await fromSource(server!)).find((outcome) => outcome.loop?.stopped))
    expect(ended).toMatchObject({ subscription: 'All Track Calls', loop: { hop: 3, stopped: true } })
    const ran = (await fromSource(server)).filter((outcome) => outcome.loop?.stopped === false)
    expect(ran.map((outcome) => [outcome.ok, outcome.loop?.hop])).toEqual([
      [true, 1],
      [true, 2]
    ])
    expect(ended.message).toMatch(/^Loop ended: .* as hop 3 .*allowed for 2 hops\.$/)

    // The event, then two hops of Reward Item Rewarded, each rewarded once.
    expect(await sandboxGet(server, '/_sandbox/stats')).toMatchObject({
      recorded: 3,
      by_event_name: { 'Video Watched': 1, 'Reward Item Rewarded': 2 }
    })
    expect(await sandboxGet(server, '/_sandbox/rewards')).toMatchObject({ grants_total: 3 })
    expect(started.warnings).toEqual([ended.message])
  })

  it('lets Badge Rewarded change a user group through syncToUserGroup: not a loop', async () => {
    const badgeSync: Subscription = {
      name: 'Badge earners',
      subscribe: 'type = "track" and event = "Badge Rewarded"',
      partnerAction: 'syncToUserGroup',
      mapping: {
        audience_id: { '@path': '$.properties.badge_id' },
        audience_name: { '@path': '$.properties.badge_title' },
        action: true,
        timestamp: { '@path': '$.timestamp' },
        user_id: { '@path': '$.userId' }
      }
    }
    server = (await loopServer({ subscriptions: [...presetSubscriptions(), badgeSync] })).server
    await call(`${server.sandbox!.url}/_sandbox/badges`, {
      method: 'PUT',
      json: [{ badge_title: 'First Watch', reward_item: 'points', threshold: 10 }]
    })
    await sendTracks(server, 1)
    const [synced] = await eventually(async () => {
      const outcomes = (await fromSource(server!)).filter((outcome) => outcome.subscription === 'Badge earners')
      return outcomes.length > 0 ? outcomes : undefined
    })
    expect(synced).toMatchObject({ ok: true, action: 'syncToUserGroup' })
    const groups = await sandboxGet<Record<string, string[]>>(server, '/_sandbox/user-groups')
    expect(Object.values(groups)).toEqual([['user-42']])
  })
})
