import { startSandbox } from '..'
import type { RunningSandbox } from '..'
import { eventually } from '../../runtime/__tests__/http'
import { profileIdFor } from '../profile-ids'
import { AUTHORIZED, call, liveLikeEvent, sendEvents } from './helpers'
import { TrackingApiStandIn } from './tracking-api-stand-in'

jest.setTimeout(120_000)

interface SourceView {
  enabled: boolean
  sent: number
  delivered: number
  failed: number
  pending: number
  latest: { message_id: string; event: string; delivery: string }[]
}

const PROFILE = '3f1c9a2e-7b4d-4c1e-9f00-1234567890ab'
const sourceView = async (sandbox: RunningSandbox) =>
  (await call(sandbox, 'GET', '/_sandbox/source')).body as SourceView

describe("the sandbox as LiveLike's Segment source", () => {
  let trackingApi: TrackingApiStandIn
  let sandbox: RunningSandbox

  beforeEach(async () => {
    trackingApi = new TrackingApiStandIn()
    await trackingApi.start()
    sandbox = await startSandbox({ source: { writeKey: 'livelike-source', host: trackingApi.url } })
  })

  afterEach(async () => {
    await sandbox.close()
    await trackingApi.stop()
  })

  it('sends one Reward Item Rewarded per reward transaction, with the balance after it and its transaction ID', async () => {
    await sendEvents(sandbox, [
      liveLikeEvent({ livelike_profile_id: PROFILE, segment_user_id: 'user-42', message_id: 'm-1' }),
      liveLikeEvent({ livelike_profile_id: PROFILE, segment_user_id: 'user-42', message_id: 'm-2' }),
      liveLikeEvent({ custom_id: 'fan-9', message_id: 'm-3' })
    ])
    await sandbox.sourceSettled()

    const transactions = (await call(sandbox, 'GET', '/api/v1/reward-transactions/', undefined, AUTHORIZED)).body as {
      results: { id: string; profile_id: string; reward_item_id: string }[]
    }
    const ids = transactions.results.map((transaction) => transaction.id)
    const fan9 = profileIdFor('custom_id', 'fan-9')
    const itemId = transactions.results[0].reward_item_id
    const rewarded = (profile: string, balance: number, transactionId: string) => ({
      livelike_profile_id: profile,
      reward_item_id: itemId,
      reward_item_name: 'points',
      reward_item_amount: 10,
      reward_item_balance: balance,
      reward_item_transaction_id: transactionId
    })
    const received = trackingApi.events('Reward Item Rewarded')
    expect(received.map((event) => event.properties)).toEqual([
      rewarded(PROFILE, 10, ids[0]),
      rewarded(PROFILE, 20, ids[1]),
      rewarded(fan9, 10, ids[2])
    ])
    expect(received.map((event) => [event.type, event.userId, event.anonymousId, event.messageId])).toEqual([
      ['track', 'user-42', undefined, `livelike-reward-item-rewarded-${ids[0]}`],
      ['track', 'user-42', undefined, `livelike-reward-item-rewarded-${ids[1]}`],
      ['track', undefined, fan9, `livelike-reward-item-rewarded-${ids[2]}`]
    ])
    expect(transactions.results.map((transaction) => transaction.profile_id)).toEqual([PROFILE, PROFILE, fan9])
    expect(trackingApi.received.every(({ writeKey }) => writeKey === 'livelike-source')).toBe(true)
    expect(await sourceView(sandbox)).toMatchObject({ enabled: true, sent: 3, delivered: 3, failed: 0, pending: 0 })
  })

  it('reports the grants of an invoked action too, and nothing for a repeated code', async () => {
    const programs = await call(sandbox, 'GET', '/api/v1/programs/?client_id=demo', undefined, AUTHORIZED)
    const programId = (programs.body as { results: { id: string }[] }).results[0].id
    const invoke = () =>
      call(
        sandbox,
        'POST',
        '/api/v1/invoked-actions/',
        { program_id: programId, reward_action_key: 'segment-event', custom_profile_id: 'fan-7', code: 'c-1' },
        AUTHORIZED
      )
    const invoked = await invoke()
    expect((await invoke()).status).toBe(409)
    await sandbox.sourceSettled()
    const received = trackingApi.events('Reward Item Rewarded')
    expect(received.map((event) => [event.anonymousId, event.properties])).toEqual([
      [
        profileIdFor('custom_id', 'fan-7'),
        expect.objectContaining({ reward_item_name: 'points', reward_item_amount: 10, reward_item_balance: 10 })
      ]
    ])
    expect(received[0].context).toMatchObject({ livelike_sandbox: { caused_by: (invoked.body as { id: string }).id } })
  })

  it('sends nothing for a resent message_id, which earns nothing', async () => {
    await sendEvents(sandbox, [liveLikeEvent({ message_id: 'once' })])
    const resend = await sendEvents(sandbox, [liveLikeEvent({ message_id: 'once' })])
    expect(resend.body).toMatchObject({ recorded: 0, deduplicated: 1 })
    await sandbox.sourceSettled()
    expect(trackingApi.received).toHaveLength(1)
    expect(((await call(sandbox, 'GET', '/_sandbox/rewards')).body as { grants_total: number }).grants_total).toBe(1)
  })

  it('awards a badge once per user whose balance reaches its threshold, and reports it as Badge Rewarded', async () => {
    const badge = { badge_title: 'Super Fan', reward_item: 'points', threshold: 20, description: 'Two events' }
    expect(await call(sandbox, 'PUT', '/_sandbox/badges', [badge])).toMatchObject({ status: 200, body: [badge] })
    const events = [1, 2, 3].map((n) => liveLikeEvent({ livelike_profile_id: PROFILE, message_id: `a-${n}` }))
    await sendEvents(sandbox, [...events, liveLikeEvent({ custom_id: 'fan-once', message_id: 'b-1' })])
    await sandbox.sourceSettled()

    const badges = trackingApi.events('Badge Rewarded')
    expect(badges).toHaveLength(1)
    expect(badges[0]).toMatchObject({
      anonymousId: PROFILE,
      messageId: expect.stringMatching(/^livelike-badge-rewarded-/)
    })
    expect(badges[0].properties).toEqual({
      livelike_profile_id: PROFILE,
      badge_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      badge_title: 'Super Fan',
      description: 'Two events',
      earned_badge_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      image_url: null,
      reward_item_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reward_item_name: 'points',
      reward_item_threshold: 20,
      source: 'reward_transaction'
    })
    expect(badges[0].messageId).toBe(
      `livelike-badge-rewarded-${(badges[0].properties as Record<string, string>).earned_badge_id}`
    )
    expect(trackingApi.events('Reward Item Rewarded')).toHaveLength(4)
  })

  it('refuses a bad badges table with 400 naming the field, and keeps the old one', async () => {
    const answer = await call(sandbox, 'PUT', '/_sandbox/badges', [
      { badge_title: 'X', reward_item: 'points', threshold: 0 }
    ])
    expect(answer).toMatchObject({ status: 400, body: { detail: '[0].threshold: must be >= 1.' } })
    const unknown = await call(sandbox, 'PUT', '/_sandbox/badges', [
      { badge_title: 'X', reward_item: 'p', threshold: 1, colour: 'red' }
    ])
    expect(unknown).toMatchObject({ status: 400, body: { detail: '[0].colour: Unknown field.' } })
    expect((await call(sandbox, 'GET', '/_sandbox/badges')).body).toEqual([])
  })

  it('answers the API as before while the Tracking API is down, and delivers once it is back', async () => {
    await trackingApi.down()
    const answer = await sendEvents(sandbox, [liveLikeEvent({ message_id: 'while-down' })])
    expect(answer).toMatchObject({ status: 202, body: { recorded: 1 } })
    await eventually(async () => (trackingApi.refused >= 2 ? true : undefined))
    expect(await sourceView(sandbox)).toMatchObject({ sent: 1, delivered: 0, failed: 0, pending: 1 })

    await trackingApi.start()
    await sandbox.sourceSettled()
    expect(await sourceView(sandbox)).toMatchObject({ sent: 1, delivered: 1, failed: 0 })
    expect(trackingApi.events('Reward Item Rewarded')).toHaveLength(1)
  })

  it('delivers what it still holds when it stops', async () => {
    await sendEvents(sandbox, [liveLikeEvent({ message_id: 'last' })])
    await sandbox.close()
    expect(trackingApi.events('Reward Item Rewarded')).toHaveLength(1)
  })
})

describe('a sandbox without a write key', () => {
  it('has no source, says so, and still rewards', async () => {
    const sandbox = await startSandbox({ source: false })
    try {
      await sendEvents(sandbox, [liveLikeEvent()])
      expect((await call(sandbox, 'GET', '/_sandbox/source')).body).toEqual({ enabled: false })
      await sandbox.sourceSettled()
    } finally {
      await sandbox.close()
    }
  })
})
