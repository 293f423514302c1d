import { profileIdFor } from '../profile-ids'
import { AUTHORIZED, call, liveLikeEvent, sendEvents, useSandbox } from './helpers'
import type { Page } from './helpers'

jest.setTimeout(120_000)

// The events of these tests name their user by custom_id: the sandbox gives each such user a profile ID of its own.
const FAN_1 = profileIdFor('custom_id', 'fan-1')
const FAN_2 = profileIdFor('custom_id', 'fan-2')

describe('rewards in the sandbox', () => {
  const sandbox = useSandbox()
  const rewards = async () => (await call(sandbox(), 'GET', '/_sandbox/rewards')).body as Record<string, unknown>

  it('grants 10 points per recorded event by default and writes a transaction', async () => {
    await sendEvents(sandbox(), [
      liveLikeEvent({ message_id: 'm-1' }),
      liveLikeEvent({ message_id: 'm-2', custom_id: 'fan-2' })
    ])
    const body = await rewards()
    expect(body.rules).toEqual([{ event_name: '*', reward_item: 'points', amount: 10 }])
    expect(body.balances).toEqual({ [FAN_1]: { points: 10 }, [FAN_2]: { points: 10 } })
    expect(body.grants_total).toBe(2)
    expect(body.grants).toEqual([
      expect.objectContaining({
        user: FAN_1,
        event_name: 'Video Watched',
        message_id: 'm-1',
        reward_item: 'points',
        amount: 10
      }),
      expect.objectContaining({ user: FAN_2, message_id: 'm-2', reward_item: 'points', amount: 10 })
    ])
  })

  it('grants nothing for a deduplicated resend', async () => {
    await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'once' })])
    await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'once' })])
    const body = await rewards()
    expect(body.balances).toEqual({ [FAN_1]: { points: 10 } })
    expect(body.grants_total).toBe(1)
  })

  it('grants by every rule for the event name and by the "*" rules once the table is replaced', async () => {
    const rules = [
      { event_name: 'Video Watched', reward_item: 'coins', amount: 5 },
      { event_name: '*', reward_item: 'points', amount: 1 },
      { event_name: 'Quiz Answered', reward_item: 'coins', amount: 50 }
    ]
    const put = await call(sandbox(), 'PUT', '/_sandbox/rewards/rules', rules)
    expect(put).toMatchObject({ status: 200, body: rules })
    await sendEvents(sandbox(), [liveLikeEvent(), liveLikeEvent({ event_name: 'Page Viewed' })])
    expect((await rewards()).balances).toEqual({ [FAN_1]: { coins: 5, points: 2 } })
    expect((await call(sandbox(), 'GET', '/_sandbox/rewards/rules')).body).toEqual(rules)
  })

  it('grants nothing when the table is emptied', async () => {
    await call(sandbox(), 'PUT', '/_sandbox/rewards/rules', [])
    await sendEvents(sandbox(), [liveLikeEvent()])
    expect(await rewards()).toMatchObject({ balances: {}, grants_total: 0 })
  })

  describe("at LiveLike's read paths", () => {
    beforeEach(async () => {
      await call(sandbox(), 'PUT', '/_sandbox/rewards/rules', [
        { event_name: '*', reward_item: 'points', amount: 10 },
        { event_name: 'Quiz Answered', reward_item: 'badges', amount: 1 }
      ])
      await sendEvents(sandbox(), [
        liveLikeEvent({ livelike_profile_id: 'profile-1', message_id: 'a' }),
        liveLikeEvent({ livelike_profile_id: 'profile-1', event_name: 'Quiz Answered', message_id: 'b' }),
        liveLikeEvent({ custom_id: 'fan-2', message_id: 'c' })
      ])
    })

    it("serves a profile's reward item balances as a page of {reward_item_id, reward_item_name, reward_item_balance}", async () => {
      const answer = await call(
        sandbox(),
        'GET',
        '/api/v1/profiles/profile-1/reward-item-balances/',
        undefined,
        AUTHORIZED
      )
      expect(answer.status).toBe(200)
      const page = answer.body as Page
      expect(page).toMatchObject({ count: 2, next: null, previous: null })
      expect(page.results).toEqual([
        {
          reward_item_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          reward_item_name: 'points',
          reward_item_balance: 20
        },
        { reward_item_id: expect.stringMatching(/^[0-9a-f-]{36}$/), reward_item_name: 'badges', reward_item_balance: 1 }
      ])
    })

    it('serves an empty page for a profile that earned nothing', async () => {
      const answer = await call(
        sandbox(),
        'GET',
        '/api/v1/profiles/nobody/reward-item-balances/',
        undefined,
        AUTHORIZED
      )
      expect(answer.body).toEqual({ count: 0, next: null, previous: null, results: [] })
    })

    it("serves reward transactions filtered by profile_id, with LiveLike's fields", async () => {
      const answer = await call(
        sandbox(),
        'GET',
        '/api/v1/reward-transactions/?profile_id=profile-1',
        undefined,
        AUTHORIZED
      )
      const page = answer.body as Page
      expect(page.count).toBe(3)
      expect(page.results.map((t) => [t.reward_action_key, t.reward_item_name, t.reward_item_amount])).toEqual([
        ['Video Watched', 'points', 10],
        ['Quiz Answered', 'points', 10],
        ['Quiz Answered', 'badges', 1]
      ])
      expect(page.results[0]).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        url: `${sandbox().url}/api/v1/reward-transactions/${page.results[0].id}/`,
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        reward_item_id: expect.any(String),
        reward_item_name: 'points',
        reward_item_amount: 10,
        reward_action_id: expect.any(String),
        reward_action_key: 'Video Watched',
        reward_action_name: 'Video Watched',
        profile_id: 'profile-1',
        profile_nickname: null,
        widget_id: null,
        widget_kind: null,
        invoked_action_id: null,
        invoked_action_code: null,
        reward_table_entry_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        source: null,
        reason: null
      })
    })

    it('filters transactions by reward_item_id and reward_action_key too', async () => {
      const balances = await call(
        sandbox(),
        'GET',
        '/api/v1/profiles/profile-1/reward-item-balances/',
        undefined,
        AUTHORIZED
      )
      const badgesId = (balances.body as Page).results[1].reward_item_id
      const byItem = await call(
        sandbox(),
        'GET',
        `/api/v1/reward-transactions/?reward_item_id=${badgesId}`,
        undefined,
        AUTHORIZED
      )
      expect((byItem.body as Page).results.map((t) => t.reward_item_name)).toEqual(['badges'])
      const byAction = await call(
        sandbox(),
        'GET',
        '/api/v1/reward-transactions/?reward_action_key=Quiz%20Answered',
        undefined,
        AUTHORIZED
      )
      expect((byAction.body as Page).count).toBe(2)
    })

    it('pages with page and page_size, linking next and previous', async () => {
      const first = (await call(sandbox(), 'GET', '/api/v1/reward-transactions/?page_size=2', undefined, AUTHORIZED))
        .body as Page
      expect(first).toMatchObject({
        count: 4,
        previous: null,
        next: `${sandbox().url}/api/v1/reward-transactions/?page_size=2&page=2`
      })
      const second = (
        await call(
          sandbox(),
          'GET',
          new URL(first.next as string).pathname + new URL(first.next as string).search,
          undefined,
          AUTHORIZED
        )
      ).body as Page
      expect(second.results).toHaveLength(2)
      expect(second).toMatchObject({
        next: null,
        previous: `${sandbox().url}/api/v1/reward-transactions/?page_size=2&page=1`
      })
      const beyond = await call(
        sandbox(),
        'GET',
        '/api/v1/reward-transactions/?page_size=2&page=3',
        undefined,
        AUTHORIZED
      )
      expect(beyond).toMatchObject({ status: 404, body: { detail: 'Invalid page.' } })
    })

    it('refuses both read paths without the Producer Token', async () => {
      for (const path of ['/api/v1/profiles/profile-1/reward-item-balances/', '/api/v1/reward-transactions/']) {
        const answer = await call(sandbox(), 'GET', path, undefined, { authorization: 'Bearer wrong' })
        expect(answer).toMatchObject({ status: 401, body: { detail: 'Invalid token.' } })
      }
    })
  })

  describe('PUT /_sandbox/rewards/rules refuses bad tables and keeps the old one', () => {
    const cases: [string, unknown, string][] = [
      ['a body that is not a list', { event_name: '*' }, 'body: must be array.'],
      ['a rule without reward_item', [{ event_name: '*', amount: 1 }], '[0].reward_item: This field is required.'],
      ['a zero amount', [{ event_name: '*', reward_item: 'points', amount: 0 }], '[0].amount: must be >= 1.'],
      [
        'a fractional amount',
        [{ event_name: '*', reward_item: 'points', amount: 1.5 }],
        '[0].amount: must be integer.'
      ],
      [
        'an empty event_name',
        [{ event_name: '', reward_item: 'points', amount: 1 }],
        '[0].event_name: must NOT have fewer than 1 characters.'
      ],
      [
        'an unknown field',
        [{ event_name: '*', reward_item: 'points', amount: 1, points: 3 }],
        '[0].points: Unknown field.'
      ],
      ['malformed JSON', '[{', 'JSON parse error']
    ]

    it.each(cases)('answers 400 for %s', async (_name, body, detail) => {
      const answer = await call(sandbox(), 'PUT', '/_sandbox/rewards/rules', body)
      expect(answer.status).toBe(400)
      expect((answer.body as { detail: string }).detail).toContain(detail)
      expect((await call(sandbox(), 'GET', '/_sandbox/rewards/rules')).body).toEqual([
        { event_name: '*', reward_item: 'points', amount: 10 }
      ])
    })
  })

  it('gives a user known by custom_id or segment_user_id a stable UUID-shaped profile ID, the same in every view', async () => {
    await sendEvents(sandbox(), [
      liveLikeEvent({ message_id: 'x-1' }),
      liveLikeEvent({ custom_id: undefined, segment_user_id: 'user-42', message_id: 'x-2' }),
      liveLikeEvent({ livelike_profile_id: FAN_1, custom_id: undefined, message_id: 'x-3' })
    ])
    const userId42 = profileIdFor('segment_user_id', 'user-42')
    expect(FAN_1).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(userId42).not.toBe(FAN_1)
    expect((await rewards()).balances).toEqual({ [FAN_1]: { points: 20 }, [userId42]: { points: 10 } })
    const page = (
      await call(sandbox(), 'GET', `/api/v1/reward-transactions/?profile_id=${FAN_1}`, undefined, AUTHORIZED)
    ).body as Page
    expect(page.count).toBe(2)
    const balances = await call(
      sandbox(),
      'GET',
      `/api/v1/profiles/${userId42}/reward-item-balances/`,
      undefined,
      AUTHORIZED
    )
    expect((balances.body as Page).results).toEqual([expect.objectContaining({ reward_item_balance: 10 })])
  })

  it('keeps a reward item named __proto__ as an ordinary balance', async () => {
    await call(sandbox(), 'PUT', '/_sandbox/rewards/rules', [{ event_name: '*', reward_item: '__proto__', amount: 3 }])
    await sendEvents(sandbox(), [liveLikeEvent(), liveLikeEvent()])
    const body = await rewards()
    expect(JSON.stringify(body.balances)).toBe(`{"${FAN_1}":{"__proto__":6}}`)
  })
})
