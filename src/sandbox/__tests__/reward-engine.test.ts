import { AUTHORIZED, call, liveLikeEvent, sendEvents, useSandbox } from './helpers'
import type { Answer, Page } from './helpers'
import { uuidFrom } from '../derived-ids'

jest.setTimeout(120_000)

// The sandbox's clock, moved by the tests: no real waiting for a limit's window to pass.
let now = new Date('2024-03-07T15:00:00Z')

const api = (method: string, path: string, body?: unknown) =>
  call(sandbox(), method, `/api/v1${path}`, body, AUTHORIZED)
const created = (answer: Answer) => {
  expect(answer.status).toBe(201)
  return answer.body as Record<string, unknown>
}
const sandbox = useSandbox({ clock: () => now })

beforeEach(() => {
  now = new Date('2024-03-07T15:00:00Z')
})

/** Everything LiveLike's routes can list, to compare before and after a refused request. */
async function everything() {
  const lists = ['reward-items', 'reward-actions', 'reward-tables', 'programs', 'invoked-actions']
  const pages = await Promise.all(lists.map((list) => api('GET', `/${list}/?client_id=demo&page_size=1000`)))
  const rewards = await call(sandbox(), 'GET', '/_sandbox/rewards')
  return [...pages.map((page) => page.body), rewards.body]
}

async function balanceOf(profileId: string) {
  const page = (await api('GET', `/profiles/${profileId}/reward-item-balances/`)).body as Page
  return Object.fromEntries(page.results.map((result) => [result.reward_item_name, result.reward_item_balance]))
}

describe("LiveLike's reward engine in the sandbox", () => {
  it('walks the issue through LiveLike routes only: limits, a repeated code, a batch, actions paged, transactions', async () => {
    const item = created(await api('POST', '/reward-items/', { client_id: 'demo', name: 'stars' }))
    const action = created(
      await api('POST', '/reward-actions/', { client_id: 'demo', key: 'article-read', name: 'Read an article' })
    )
    expect(action).toMatchObject({ key: 'article-read', type: 'custom', client_id: 'demo' })
    const program = created(
      await api('POST', '/programs/', { client_id: 'demo', title: 'Match day', scheduled_at: '2024-03-07' })
    )
    const table = created(
      await api('POST', '/reward-tables/', {
        client_id: 'demo',
        name: 'Articles',
        entries: [
          {
            action: 'article-read',
            reward_item_id: item.id,
            reward_item_amount: 5,
            reward_limit: { is_enabled: true, action_limit_count: 2, duration: 'day', timezone: 'Europe/Paris' }
          }
        ]
      })
    )
    const linked = await api('PUT', `/programs/${program.id}/reward-tables/${table.id}/`)
    expect(linked.status).toBe(200)
    expect((linked.body as Record<string, unknown>).reward_table_ids).toEqual([table.id])
    const profile = created(await api('POST', '/profile-by-custom-id/demo/reader-1/'))
    expect(profile).toMatchObject({ custom_id: 'reader-1', id: expect.stringMatching(/^[0-9a-f-]{36}$/) })

    const invoke = (code: string) =>
      api('POST', '/invoked-actions/', {
        program_id: program.id,
        reward_action_key: 'article-read',
        custom_profile_id: 'reader-1',
        code
      })
    const first = created(await invoke('read-1'))
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: expect.stringContaining(`/api/v1/invoked-actions/${first.id}/`),
      created_at: '2024-03-07T15:00:00.000Z',
      program_id: program.id,
      profile_id: profile.id,
      reward_action_key: 'article-read',
      code: 'read-1',
      description: null,
      attributes: [],
      rewards: [{ reward_item_id: item.id, reward_item_name: 'stars', reward_item_amount: 5 }]
    })
    expect(created(await invoke('read-2')).rewards).toHaveLength(1)
    // The reward limit (2 a day) stops the third: the invocation is recorded, without rewards.
    expect(created(await invoke('read-3')).rewards).toEqual([])
    expect(await balanceOf(profile.id as string)).toEqual({ stars: 10 })

    const repeated = await invoke('read-2')
    expect(repeated).toMatchObject({ status: 409, body: { detail: 'code already used.' } })
    expect(await balanceOf(profile.id as string)).toEqual({ stars: 10 })

    // The next day in Paris (23:00 UTC), the limit allows two more.
    now = new Date('2024-03-07T23:00:00Z')
    const other = created(await api('POST', '/profile-by-custom-id/demo/reader-2/'))
    const batch = await api('POST', '/batch-invoked-actions/', {
      program_id: program.id,
      updates: [
        { custom_profile_id: 'reader-1', code: 'batch-1', reward_actions: [{ reward_action_key: 'article-read' }] },
        {
          profile_id: '00000000-0000-4000-8000-000000000000',
          code: 'batch-1',
          reward_actions: [{ reward_action_key: 'article-read' }]
        },
        { profile_id: other.id, code: 'batch-1', reward_actions: [{ reward_action_key: 'article-read' }] }
      ]
    })
    const answer = created(batch)
    expect(answer).toMatchObject({ request_id: expect.any(String), program_id: program.id })
    expect(answer.updates).toEqual([
      {
        custom_profile_id: 'reader-1',
        code: 'batch-1',
        status: 'success',
        reason: null,
        reward_actions: [
          {
            reward_action_key: 'article-read',
            invoked_action_id: expect.any(String),
            status: 'success',
            reason: null,
            rewards: [{ reward_item_id: item.id, reward_item_name: 'stars', reward_item_amount: 5 }]
          }
        ]
      },
      {
        profile_id: '00000000-0000-4000-8000-000000000000',
        code: 'batch-1',
        status: 'failed',
        reason: 'No profile found from input profile uuid.',
        reward_actions: [
          {
            reward_action_key: 'article-read',
            invoked_action_id: null,
            status: 'failed',
            reason: 'No profile found from input profile uuid.',
            rewards: []
          }
        ]
      },
      expect.objectContaining({ profile_id: other.id, status: 'success' })
    ])
    expect(await balanceOf(profile.id as string)).toEqual({ stars: 15 })
    expect(await balanceOf(other.id as string)).toEqual({ stars: 5 })

    const firstPage = (await api('GET', '/reward-actions/?client_id=demo&page_size=5')).body as Page
    expect(firstPage.count).toBe(8)
    expect(firstPage.next).toBe(`${sandbox().url}/api/v1/reward-actions/?client_id=demo&page_size=5&page=2`)
    const secondPage = (
      await call(
        sandbox(),
        'GET',
        new URL(firstPage.next as string).pathname + new URL(firstPage.next as string).search,
        undefined,
        AUTHORIZED
      )
    ).body as Page
    const actions = [...firstPage.results, ...secondPage.results].map(({ key, type }) => [key, type])
    expect(actions).toEqual([
      ['ask-replied', 'built-in'],
      ['prediction-made', 'built-in'],
      ['prediction-correct', 'built-in'],
      ['quiz-answered', 'built-in'],
      ['quiz-correct', 'built-in'],
      ['poll-voted', 'built-in'],
      ['segment-event', 'custom'],
      ['article-read', 'custom']
    ])

    const transactions = (await api('GET', `/reward-transactions/?profile_id=${profile.id}`)).body as Page
    expect(transactions.results.map((t) => [t.invoked_action_code, t.reward_item_amount])).toEqual([
      ['read-1', 5],
      ['read-2', 5],
      ['batch-1', 5]
    ])
    expect(transactions.results[0]).toMatchObject({
      reward_action_name: 'Read an article',
      reward_action_id: action.id,
      invoked_action_id: first.id,
      reward_table_entry_id: (table.entries as { id: string }[])[0].id,
      reward_action_key: 'article-read'
    })
    const attempts = (await call(sandbox(), 'GET', '/_sandbox/invocations')).body as Record<string, unknown>[]
    expect(attempts.map((attempt) => [attempt.code, attempt.outcome])).toEqual([
      ['read-1', 'granted'],
      ['read-2', 'granted'],
      ['read-3', 'limited'],
      ['read-2', 'code already used'],
      ['batch-1', 'granted'],
      ['batch-1', 'refused'],
      ['batch-1', 'granted']
    ])
    expect(attempts[2]).toMatchObject({ limited: [{ limit: 'reward_limit' }], rewards: [] })
    const listed = (await api('GET', `/invoked-actions/?client_id=demo&profile_id=${profile.id}&code=read-3`))
      .body as Page
    expect(listed.results).toEqual([expect.objectContaining({ code: 'read-3', rewards: [] })])
  })

  it('grants 10 points per event out of the box through a default entry a person can see and change', async () => {
    await sendEvents(sandbox(), [liveLikeEvent({ custom_id: 'fan-1', message_id: 'm-1' })])
    const fan = (await api('GET', '/profile-by-custom-id/demo/fan-1/')).body as Record<string, unknown>
    expect(await balanceOf(fan.id as string)).toEqual({ points: 10 })
    const programs = (await api('GET', '/programs/?client_id=demo')).body as Page
    const tables = (await api('GET', '/reward-tables/?client_id=demo')).body as Page
    expect(programs.results[0].reward_table_ids).toEqual([tables.results[0].id])
    const [entry] = tables.results[0].entries as Record<string, unknown>[]
    expect(entry).toMatchObject({ action: 'segment-event', reward_item_name: 'points', reward_item_amount: 10 })
    expect((await api('GET', '/reward-actions/?client_id=demo&page_size=100')).body).toMatchObject({
      results: expect.arrayContaining([expect.objectContaining({ key: 'Video Watched', type: 'custom' })])
    })

    // A limit of one reward a day: the entry is replaced by one with the limit, the second event earns nothing.
    const tableId = tables.results[0].id as string
    created(
      await api('POST', `/reward-tables/${tableId}/entries/`, {
        action: 'segment-event',
        reward_item_id: entry.reward_item_id,
        reward_item_amount: 10,
        reward_limit: { action_limit_count: 1, duration: 'day', timezone: 'UTC' }
      })
    )
    expect((await api('DELETE', `/reward-tables/${tableId}/entries/${entry.id}/`)).status).toBe(204)
    await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'm-2' }), liveLikeEvent({ message_id: 'm-3' })])
    expect(await balanceOf(fan.id as string)).toEqual({ points: 20 })
  })

  it('lists invoked actions by program, action, code and time, and refuses a bad time', async () => {
    const [program] = ((await api('GET', '/programs/?client_id=demo')).body as Page).results
    const invoke = (key: string, code: string) =>
      api('POST', '/invoked-actions/', { program_id: program.id, reward_action_key: key, custom_profile_id: 'f', code })
    created(await invoke('quiz-correct', 'a'))
    now = new Date('2024-03-08T09:00:00Z')
    created(await invoke('poll-voted', 'b'))
    const codes = async (query: string) =>
      ((await api('GET', `/invoked-actions/?client_id=demo&${query}`)).body as Page).results.map((i) => i.code)
    expect(await codes('')).toEqual(['a', 'b'])
    expect(await codes('reward_action_key=poll-voted')).toEqual(['b'])
    expect(await codes(`program_id=${program.id}&since=2024-03-08T00:00:00Z`)).toEqual(['b'])
    expect(await codes('until=2024-03-07T15:00:00Z')).toEqual(['a'])
    expect(await codes('program_id=other')).toEqual([])
    expect(await api('GET', '/invoked-actions/?client_id=demo&since=yesterday')).toMatchObject({
      status: 400,
      body: { detail: 'since: Datetime has wrong format. Use ISO 8601, for example 2024-03-07T12:00:00Z.' }
    })
    expect((await api('GET', '/invoked-actions/?client_id=other')).status).toBe(404)
  })

  it('answers an invocation with nothing to grant with 201 and no rewards, and an unlinked table grants nothing', async () => {
    const [program] = ((await api('GET', '/programs/?client_id=demo')).body as Page).results
    const answer = await api('POST', '/invoked-actions/', {
      program_id: program.id,
      reward_action_key: 'quiz-correct',
      custom_profile_id: 'new-fan'
    })
    expect(created(answer).rewards).toEqual([])
    const tableId = (program.reward_table_ids as string[])[0]
    expect((await api('DELETE', `/programs/${program.id}/reward-tables/${tableId}/`)).status).toBe(204)
    await sendEvents(sandbox(), [liveLikeEvent()])
    expect((await call(sandbox(), 'GET', '/_sandbox/rewards')).body).toMatchObject({ grants_total: 0 })
  })

  it('refuses bad invocations with a detail naming the field, and changes nothing', async () => {
    const [program] = ((await api('GET', '/programs/?client_id=demo')).body as Page).results
    const fan = created(await api('POST', '/profile-by-custom-id/demo/fan-9/'))
    const base = { program_id: program.id, reward_action_key: 'segment-event' }
    const before = await everything()
    const cases: [unknown, number, string][] = [
      [
        { ...base, profile_id: fan.id, custom_profile_id: 'fan-9' },
        400,
        'profile_id, custom_profile_id: Give one of them, not both.'
      ],
      [base, 400, 'profile_id, custom_profile_id: One of them is required, to say whose action it is.'],
      [{ ...base, profile_id: 'fan-9' }, 400, 'profile_id: Must be a valid UUID.'],
      [
        { ...base, profile_id: '11111111-1111-4111-8111-111111111111' },
        404,
        'No profile found from input profile uuid.'
      ],
      [
        { ...base, program_id: 'nope', profile_id: fan.id },
        400,
        'program_id: Invalid pk "nope" - object does not exist.'
      ],
      [
        { ...base, reward_action_key: 'nope', profile_id: fan.id },
        400,
        'reward_action_key: Object with key=nope does not exist.'
      ],
      [{ reward_action_key: 'x' }, 400, 'program_id: This field is required.'],
      [{ ...base, profile_id: fan.id, code: 5 }, 400, 'code: Not a valid string.'],
      [
        { ...base, profile_id: fan.id, attributes: [{ key: 'a' }] },
        400,
        'attributes[0].value: This field is required.'
      ],
      [[], 400, 'body: must be object.']
    ]
    for (const [body, status, detail] of cases) {
      expect(await api('POST', '/invoked-actions/', body)).toMatchObject({ status, body: { detail } })
    }
    expect(await everything()).toEqual(before)
  })

  it('refuses bad catalog bodies naming the field, and changes nothing', async () => {
    const [item] = ((await api('GET', '/reward-items/?client_id=demo')).body as Page).results
    const entry = { action: 'segment-event', reward_item_id: item.id, reward_item_amount: 1 }
    const before = await everything()
    const cases: [string, unknown, string][] = [
      ['/reward-items/', { name: 'x' }, 'client_id: This field is required.'],
      ['/reward-items/', { client_id: 'other', name: 'x' }, 'client_id: Invalid pk "other" - object does not exist.'],
      ['/reward-items/', { client_id: 'demo', name: 'points' }, 'name: A reward item with this name already exists.'],
      [
        '/reward-actions/',
        { client_id: 'demo', key: 'quiz-correct', name: 'x' },
        'key: reward action with this key already exists.'
      ],
      ['/reward-actions/', { client_id: 'demo', key: 'k' }, 'name: This field is required.'],
      [
        '/programs/',
        { client_id: 'demo', title: 't', scheduled_at: 'soon' },
        'scheduled_at: Date has wrong format. Use ISO 8601, for example 2024-03-07 or 2024-03-07T12:00:00Z.'
      ],
      [
        '/reward-tables/',
        { client_id: 'demo', name: 't', entries: [entry, { ...entry, reward_item_amount: 0 }] },
        'entries[1].reward_item_amount: Ensure this value is greater than or equal to 1.'
      ],
      [
        '/reward-tables/',
        { client_id: 'demo', name: 't', entries: [{ ...entry, action: 'nope' }] },
        'entries[0].action: Object with key=nope does not exist.'
      ],
      [
        '/reward-tables/',
        {
          client_id: 'demo',
          name: 't',
          entries: [{ ...entry, reward_limit: { action_limit_count: 1, duration: 'day', timezone: 'Mars/Olympus' } }]
        },
        'entries[0].reward_limit.timezone: "Mars/Olympus" is not a valid IANA time zone, e.g. Europe/Paris.'
      ],
      [
        '/reward-tables/',
        { client_id: 'demo', name: 't', entries: [{ ...entry, rate_limit: { unit: 'week', frequency: 1 } }] },
        'entries[0].rate_limit.unit: "week" is not a valid choice: use minute, hour, day.'
      ],
      ['/batch-invoked-actions/', { program_id: 'nope', updates: [] }, 'updates: This list may not be empty.'],
      [
        '/batch-invoked-actions/',
        { program_id: 'nope', updates: [{ custom_profile_id: 'fan-1', reward_actions: [{ reward_action_key: 'x' }] }] },
        'program_id: Invalid pk "nope" - object does not exist.'
      ]
    ]
    for (const [path, body, detail] of cases) {
      expect(await api('POST', path, body)).toMatchObject({ status: 400, body: { detail } })
    }
    expect(await api('GET', '/reward-actions/')).toMatchObject({
      status: 400,
      body: { detail: 'client_id: This query parameter is required.' }
    })
    expect((await api('GET', '/reward-tables/nope/')).status).toBe(404)
    expect(await api('POST', '/profile-by-custom-id/demo/fan-1/', {})).toMatchObject({ status: 201 })
    expect(await api('POST', '/profile-by-custom-id/demo/fan-1/', {})).toMatchObject({
      status: 409,
      body: { detail: "profile with custom_id 'fan-1' already exists." }
    })
    expect((await everything()).slice(0, 5)).toEqual(before.slice(0, 5))
  })

  it('answers 401 without the token on every new route', async () => {
    const routes: [string, string][] = [
      ['GET', '/reward-items/?client_id=demo'],
      ['POST', '/reward-items/'],
      ['GET', '/reward-items/x/'],
      ['GET', '/reward-actions/?client_id=demo'],
      ['POST', '/reward-actions/'],
      ['GET', '/reward-tables/?client_id=demo'],
      ['POST', '/reward-tables/'],
      ['GET', '/reward-tables/x/'],
      ['DELETE', '/reward-tables/x/'],
      ['POST', '/reward-tables/x/entries/'],
      ['GET', '/reward-tables/x/entries/y/'],
      ['DELETE', '/reward-tables/x/entries/y/'],
      ['GET', '/programs/?client_id=demo'],
      ['POST', '/programs/'],
      ['GET', '/programs/x/'],
      ['PUT', '/programs/x/reward-tables/y/'],
      ['DELETE', '/programs/x/reward-tables/y/'],
      ['POST', '/invoked-actions/'],
      ['GET', '/invoked-actions/?client_id=demo'],
      ['POST', '/batch-invoked-actions/'],
      ['GET', '/profile-by-custom-id/demo/x/'],
      ['POST', '/profile-by-custom-id/demo/x/']
    ]
    for (const [method, path] of routes) {
      const answer = await call(sandbox(), method, `/api/v1${path}`, method === 'POST' ? {} : undefined)
      expect([method, path, answer.status, answer.body]).toEqual([
        method,
        path,
        401,
        { detail: 'Authentication credentials were not provided.' }
      ])
    }
  })

  it("lets the console add an entry and change an entry's limits through the sandbox's own routes", async () => {
    const engine = (await call(sandbox(), 'GET', '/_sandbox/engine')).body as {
      items: { id: string; name: string }[]
      programs: { title: string; tables: { id: string; entries: { id: string; reward_item_amount: number }[] }[] }[]
    }
    expect(engine.programs).toEqual([
      expect.objectContaining({
        title: 'Sandbox program',
        tables: [expect.objectContaining({ entries: [expect.objectContaining({ action: 'segment-event' })] })]
      })
    ])
    const [table] = engine.programs[0].tables
    const entry = { reward_table_id: table.id, action: 'segment-event', reward_item_id: engine.items[0].id }
    expect(
      await call(sandbox(), 'POST', '/_sandbox/engine/entries', { ...entry, reward_item_amount: 'x' })
    ).toMatchObject({
      status: 400,
      body: { detail: 'reward_item_amount: A valid integer is required.' }
    })
    expect(
      await call(sandbox(), 'POST', '/_sandbox/engine/entries', { ...entry, reward_table_id: 'nope' })
    ).toMatchObject({
      status: 400,
      body: { detail: 'reward_table_id: Invalid pk "nope" - object does not exist.' }
    })
    expect(
      await call(sandbox(), 'POST', '/_sandbox/engine/entries', { ...entry, reward_item_amount: 1 })
    ).toMatchObject({
      status: 201
    })
    const limits = { reward_limit: { action_limit_count: 1, duration: 'day', timezone: 'UTC' } }
    const defaultEntry = table.entries[0].id
    expect(await call(sandbox(), 'PUT', '/_sandbox/engine/entries/nope/limits', limits)).toMatchObject({ status: 404 })
    expect(
      await call(sandbox(), 'PUT', `/_sandbox/engine/entries/${defaultEntry}/limits`, { rate_limit: { unit: 'year' } })
    ).toMatchObject({
      status: 400,
      body: { detail: 'rate_limit.unit: "year" is not a valid choice: use minute, hour, day.' }
    })
    expect(await call(sandbox(), 'PUT', `/_sandbox/engine/entries/${defaultEntry}/limits`, limits)).toMatchObject({
      status: 200,
      body: { id: defaultEntry, rate_limit: null, reward_limit: { is_enabled: true, action_limit_count: 1 } }
    })
    await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'a' }), liveLikeEvent({ message_id: 'b' })])
    // The default entry granted 10 once (its new limit), the added entry 1 each time.
    const fan = (await api('GET', '/profile-by-custom-id/demo/fan-1/')).body as { id: string }
    expect(await balanceOf(fan.id)).toEqual({ points: 12 })
    const foreign = { origin: 'http://example.com' }
    expect((await call(sandbox(), 'PUT', `/_sandbox/engine/entries/${defaultEntry}/limits`, {}, foreign)).status).toBe(
      403
    )
  })

  it('meets the faults on invocations: after a lost answer, the retry with the same code is 409 and grants nothing', async () => {
    const [program] = ((await api('GET', '/programs/?client_id=demo')).body as Page).results
    const invoke = () =>
      api('POST', '/invoked-actions/', {
        program_id: program.id,
        reward_action_key: 'segment-event',
        custom_profile_id: 'fan-3',
        code: 'once'
      })
    await call(sandbox(), 'PUT', '/_sandbox/faults', { lostResponseRate: 1 })
    const lost = await invoke().then(
      (answer) => answer.status,
      () => 'connection dropped'
    )
    expect([503, 'connection dropped']).toContain(lost)
    await call(sandbox(), 'PUT', '/_sandbox/faults', { lostResponseRate: 0, rateLimitedRate: 1 })
    expect((await invoke()).status).toBe(429)
    await call(sandbox(), 'PUT', '/_sandbox/faults', { rateLimitedRate: 0 })
    expect(await invoke()).toMatchObject({ status: 409, body: { detail: 'code already used.' } })
    const fan = (await api('GET', '/profile-by-custom-id/demo/fan-3/')).body as { id: string }
    expect(await balanceOf(fan.id)).toEqual({ points: 10 })
  })

  it('puts the defaults back on reset, the default program with the same ID as in every run', async () => {
    const programs = async () => ((await api('GET', '/programs/?client_id=demo')).body as Page).results
    const [before] = await programs()
    expect(before.id).toBe(uuidFrom('program:Sandbox program'))
    created(await api('POST', '/reward-items/', { client_id: 'demo', name: 'coins' }))
    created(await api('POST', '/programs/', { client_id: 'demo', title: 'Match day', scheduled_at: '2024-03-07' }))
    await call(sandbox(), 'DELETE', '/_sandbox')
    expect((await programs()).map(({ id, title }) => [id, title])).toEqual([[before.id, 'Sandbox program']])
    const items = (await api('GET', '/reward-items/?client_id=demo')).body as Page
    expect(items.results.map((item) => item.name)).toEqual(['points'])
    expect(((await api('GET', '/reward-tables/?client_id=demo')).body as Page).count).toBe(1)
  })
})
