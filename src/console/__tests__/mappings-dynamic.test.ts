import { Destination } from '@segment/actions-core'
import { call, startTestServer } from '../../server/__tests__/helpers'
import type { RunningServer } from '../../server/server'
import { PAGE_SIZE, setUpPurchases } from './reward-setup'
import type { Purchases } from './reward-setup'

jest.setTimeout(120_000)

let server: RunningServer
let purchases: Purchases

beforeAll(async () => {
  server = await startTestServer()
  purchases = await setUpPurchases(server)
})

afterAll(async () => {
  await server?.close()
})

afterEach(() => {
  jest.restoreAllMocks()
})

interface Choices {
  choices: { label: string; value: string; description?: string }[]
  nextPage?: string
  error?: { code: string; message: string }
}

const choices = (at: RunningServer, field: string, body: Record<string, unknown>) =>
  call<Choices>(`${at.url}/_console/api/mappings/dynamic/invokeRewardAction/${field}`, { json: body })

describe("Invoke Reward Action's dynamic choices in the Mappings view, from the sandbox's reward engine", () => {
  it('list the reward actions page by page, as LiveLike pages them', async () => {
    const first = await choices(server, 'reward_action_key', { mapping: {} })
    expect(first.status).toBe(200)
    expect(first.body.choices).toHaveLength(PAGE_SIZE)
    expect(first.body.choices[0]).toEqual({
      label: 'Replied to an Ask widget prompt',
      value: 'ask-replied',
      description: 'A built-in reward action.'
    })
    expect(first.body.nextPage).toBe('2')

    const second = await choices(server, 'reward_action_key', { mapping: {}, page: '2' })
    expect(second.body.nextPage).toBeUndefined()
    expect(second.body.choices.at(-1)).toEqual({
      label: 'Purchase',
      value: 'purchase',
      description: 'A completed order'
    })
    const keys = [...first.body.choices, ...second.body.choices].map((choice) => choice.value)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys).toEqual(expect.arrayContaining(['segment-event', 'promotion-1', `promotion-${PAGE_SIZE}`]))
  })

  it('list the programs', async () => {
    const { body } = await choices(server, 'program_id', { mapping: {} })
    expect(body.choices.map((choice) => choice.label)).toEqual(['Sandbox program', 'Loyalty'])
    expect(body.choices[1]).toEqual({ label: 'Loyalty', value: purchases.programId, description: 'Status: pending.' })
  })

  it('hand the handler the mapping so far as its payload, and the page asked for', async () => {
    const handled = jest.spyOn(Destination.prototype, 'executeDynamicField')
    const mapping = { reward_action_key: 'purchase', code: { '@path': '$.properties.order_id' } }
    await choices(server, 'program_id', { mapping, page: '2' })
    expect(handled).toHaveBeenCalledWith('invokeRewardAction', 'program_id', {
      settings: server.settings,
      payload: mapping,
      page: '2'
    })
  })

  it("carry LiveLike's refusal of a wrong Producer Token as the handler's error, without the token", async () => {
    // A second server delivers to this one's sandbox (the destination's API base URL) with a token it refuses.
    const refused = await startTestServer({
      live: { clientId: server.settings.clientId, producerToken: 'not-the-producer-token' }
    })
    try {
      const { status, body } = await choices(refused, 'reward_action_key', { mapping: {} })
      expect(status).toBe(200)
      expect(body).toEqual({
        choices: [],
        error: {
          code: '401',
          message:
            'LiveLike refused the Producer Token (401) while listing your reward actions: check the Producer Token setting, copied from the LiveLike Producer Suite (Integrations > Segment).'
        }
      })
    } finally {
      await refused.close()
    }
  })

  it('name an unknown field or action as an error answer', async () => {
    const field = await choices(server, 'code', {})
    expect(field.body).toMatchObject({
      choices: [],
      error: { code: '404', message: 'No dynamic field named code found.' }
    })
    const action = await call(`${server.url}/_console/api/mappings/dynamic/nothing/program_id`, { json: {} })
    expect(action.body).toEqual({ choices: [], error: { code: '404', message: 'No action named nothing.' } })
  })

  it('refuse a foreign Origin', async () => {
    const { status } = await call(`${server.url}/_console/api/mappings/dynamic/invokeRewardAction/program_id`, {
      json: {},
      headers: { origin: 'https://evil.example' }
    })
    expect(status).toBe(403)
  })
})
