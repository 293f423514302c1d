import { call, startTestServer } from '../../server/__tests__/helpers'
import type { RunningServer } from '../../server/server'
import type { ActionView } from '../shared/mappings'
import type * as DynamicAction from './dynamic-action'
import { PROGRAMS, REFUSED } from './dynamic-action'

// The destination has no dynamic field yet: this one gets an action with one, wherever the definition is read.
jest.mock('../../destinations/livelike-cloud', () => {
  const actual = jest.requireActual<{ default: never }>('../../destinations/livelike-cloud')
  const { withRewardStub } = jest.requireActual<typeof DynamicAction>('./dynamic-action')
  return { __esModule: true, default: withRewardStub(actual.default) }
})

jest.setTimeout(120_000)

let server: RunningServer

beforeAll(async () => {
  server = await startTestServer()
})

afterAll(async () => {
  await server?.close()
})

const choices = (body: Record<string, unknown>) =>
  call(`${server.url}/_console/api/mappings/dynamic/rewardStub/program_id`, { json: body })

describe("a dynamic field's choices in the Mappings view", () => {
  it('are marked dynamic in the action catalog', async () => {
    const { body } = await call<ActionView[]>(`${server.url}/_console/api/mappings/actions`)
    const program = body
      .find((action) => action.key === 'rewardStub')
      ?.fields.find((field) => field.key === 'program_id')
    expect(program).toMatchObject({ label: 'Program', required: true, dynamic: true })
  })

  it("come from the action's own handler, page by page", async () => {
    const first = await choices({ mapping: {} })
    expect(first).toMatchObject({ status: 200, body: { choices: PROGRAMS.slice(0, 2), nextPage: '2' } })
    const second = await choices({ mapping: {}, page: '2' })
    expect(second.body).toEqual({ choices: PROGRAMS.slice(2) })
  })

  it("carry the handler's error, given the mapping so far as its payload", async () => {
    const { status, body } = await choices({ mapping: { code: 'refuse' } })
    expect(status).toBe(200)
    expect(body).toEqual({ choices: [], error: { code: '403', message: REFUSED } })
  })

  it('name an unknown field or action as an error answer', async () => {
    const field = await call(`${server.url}/_console/api/mappings/dynamic/rewardStub/code`, { json: {} })
    expect(field.body).toMatchObject({
      choices: [],
      error: { code: '404', message: 'No dynamic field named code found.' }
    })
    const action = await call(`${server.url}/_console/api/mappings/dynamic/nothing/program_id`, { json: {} })
    expect(action.body).toEqual({ choices: [], error: { code: '404', message: 'No action named nothing.' } })
  })

  it('refuse a foreign Origin', async () => {
    const { status } = await call(`${server.url}/_console/api/mappings/dynamic/rewardStub/program_id`, {
      json: {},
      headers: { origin: 'https://evil.example' }
    })
    expect(status).toBe(403)
  })
})
