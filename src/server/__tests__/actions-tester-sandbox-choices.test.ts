import { DEMO_CLIENT_ID, DEMO_PRODUCER_TOKEN } from '../../sandbox'
import { BUILT_IN_ACTIONS } from '../../sandbox/engine/catalog'
import { DEFAULT_PROGRAM_ID } from '../../sandbox/engine/defaults'
import { call, testServerForFile } from './helpers'

/** The settings `npm start` prints for its sandbox, as a person pastes them into Segment's Actions Tester. */
const settings = { clientId: DEMO_CLIENT_ID, producerToken: DEMO_PRODUCER_TOKEN }
/** The sandbox's page size when none is asked for, as LiveLike's. */
const PAGE_SIZE = 20

interface Choices {
  choices: { label: string; value: string; description?: string }[]
  nextPage?: string
}

const session = testServerForFile()

async function choices(field: string, page?: string): Promise<Choices> {
  const reply = await call<Choices>(`${session.server.url}/invokeRewardAction/${field}`, {
    json: { settings, payload: {}, ...(page && { page }) }
  })
  expect(reply.status).toBe(200)
  return reply.body
}

/** Every page, following nextPage as Segment's app does. */
async function allChoices(field: string): Promise<{ pages: Choices[]; values: string[] }> {
  const pages = [await choices(field)]
  while (pages.at(-1)?.nextPage) {
    pages.push(await choices(field, pages.at(-1)?.nextPage))
  }
  return { pages, values: pages.flatMap((page) => page.choices.map((choice) => choice.value)) }
}

async function create(path: string, body: Record<string, unknown>): Promise<void> {
  const reply = await call(`${session.server.sandbox?.apiBaseUrl}${path}`, {
    json: { client_id: settings.clientId, ...body },
    headers: { authorization: `Bearer ${settings.producerToken}` }
  })
  expect(reply.status).toBe(201)
}

describe("Invoke Reward Action's dynamic fields on a dev server with its sandbox", () => {
  it("lists the sandbox's reward actions: the built-ins and segment-event on one page", async () => {
    const answer = await choices('reward_action_key')

    expect(answer.nextPage).toBeUndefined()
    expect(answer.choices.map((choice) => choice.value)).toEqual([
      ...BUILT_IN_ACTIONS.map((action) => action.key),
      'segment-event'
    ])
    expect(answer.choices[0]).toEqual({
      label: BUILT_IN_ACTIONS[0].name,
      value: BUILT_IN_ACTIONS[0].key,
      description: 'A built-in reward action.'
    })
  })

  it("lists the sandbox's program by its fixed ID", async () => {
    expect(await choices('program_id')).toEqual({
      choices: [{ label: 'Sandbox program', value: DEFAULT_PROGRAM_ID, description: 'Status: live.' }]
    })
  })

  it('pages through custom reward actions and programs past a page, as an integrator created them', async () => {
    const customKeys = Array.from({ length: PAGE_SIZE }, (_, n) => `purchase-${n + 1}`)
    for (const key of customKeys) {
      await create('/reward-actions/', { key, name: `Purchase ${key}`, description: 'A completed order' })
    }
    const titles = Array.from({ length: PAGE_SIZE }, (_, n) => `Season ${2026 + n}`)
    for (const title of titles) {
      await create('/programs/', { title, scheduled_at: '2026-12-01' })
    }

    const actions = await allChoices('reward_action_key')
    expect(actions.pages.map((page) => [page.choices.length, page.nextPage])).toEqual([
      [PAGE_SIZE, '2'],
      [BUILT_IN_ACTIONS.length + 1, undefined]
    ])
    expect(actions.values).toEqual([...BUILT_IN_ACTIONS.map((action) => action.key), 'segment-event', ...customKeys])
    expect(actions.pages[1].choices.at(-1)).toEqual({
      label: `Purchase ${customKeys.at(-1)}`,
      value: customKeys.at(-1),
      description: 'A completed order'
    })

    const programs = await allChoices('program_id')
    expect(programs.pages.map((page) => [page.choices.length, page.nextPage])).toEqual([
      [PAGE_SIZE, '2'],
      [1, undefined]
    ])
    expect(programs.values[0]).toBe(DEFAULT_PROGRAM_ID)
    expect(programs.pages.flatMap((page) => page.choices.map((choice) => choice.label)).slice(1)).toEqual(titles)
  })

  it('answers another token with an error a person can act on, never the token', async () => {
    const reply = await call(`${session.server.url}/invokeRewardAction/program_id`, {
      json: { settings: { ...settings, producerToken: 'not-the-sandbox-token' } }
    })

    expect(reply.status).toBe(500)
    expect(reply.body).toEqual([{ code: '401', message: expect.stringContaining('check the Producer Token setting') }])
    expect(JSON.stringify(reply.body)).not.toContain('not-the-sandbox-token')
  })
})
