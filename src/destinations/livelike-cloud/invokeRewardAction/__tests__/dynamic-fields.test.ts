import nock from 'nock'
import { createTestIntegration } from '@segment/actions-core'
import destination from '../../index'
import { headersOf, liveLikeApi, programsPath, rewardActionsPath, settings } from '../../__tests__/helpers'

const HOSTILE_CLIENT_ID = 'c/../x'

const rewardActions = [
  { id: 'ra-1', key: 'purchase', name: 'Purchase', description: 'A completed order', type: 'custom' },
  { id: 'ra-2', key: 'quiz-answered', name: 'Quiz Answered', description: null, type: 'built-in' }
]

function testDynamicField(fieldKey: string, page?: string, clientId = settings.clientId) {
  return createTestIntegration(destination).testDynamicField('invokeRewardAction', fieldKey, {
    settings: { ...settings, clientId },
    payload: {},
    page
  })
}

describe('invokeRewardAction dynamic fields', () => {
  it('lists the reward actions of the application, the Client ID encoded in the query and the token in the header', async () => {
    let authorization = ''
    let requested = ''
    nock('https://cf-blast.livelikecdn.com')
      .get('/api/v1/reward-actions/')
      .query({ client_id: HOSTILE_CLIENT_ID })
      .reply(function (uri) {
        requested = uri
        authorization = headersOf(this.req).authorization
        return [200, { count: 2, next: null, previous: null, results: rewardActions }]
      })

    const response = await testDynamicField('reward_action_key', undefined, HOSTILE_CLIENT_ID)

    expect(requested).toBe('/api/v1/reward-actions/?client_id=c%2F..%2Fx')
    expect(authorization).toBe(`Bearer ${settings.producerToken}`)
    expect(response).toEqual({
      choices: [
        { label: 'Purchase', value: 'purchase', description: 'A completed order' },
        { label: 'Quiz Answered', value: 'quiz-answered', description: 'A built-in reward action.' }
      ]
    })
  })

  it('reaches the second page through nextPage, asking LiveLike on its own host whatever host `next` names', async () => {
    liveLikeApi()
      .get(rewardActionsPath())
      .query({ client_id: settings.clientId })
      .reply(200, {
        count: 2,
        next: `https://elsewhere.example/api/v1/reward-actions/?client_id=${settings.clientId}&page=2`,
        results: [rewardActions[0]]
      })
    liveLikeApi()
      .get(rewardActionsPath())
      .query({ client_id: settings.clientId, page: '2' })
      .reply(200, { count: 2, next: null, results: [rewardActions[1]] })

    const first = await testDynamicField('reward_action_key')
    const second = await testDynamicField('reward_action_key', (first as { nextPage?: string }).nextPage)

    expect(first).toEqual({
      choices: [{ label: 'Purchase', value: 'purchase', description: 'A completed order' }],
      nextPage: '2'
    })
    expect(second).toEqual({
      choices: [{ label: 'Quiz Answered', value: 'quiz-answered', description: 'A built-in reward action.' }]
    })
  })

  it('lists the programs by title, with their IDs as values', async () => {
    liveLikeApi()
      .get(programsPath())
      .query({ client_id: settings.clientId })
      .reply(200, {
        count: 1,
        next: null,
        results: [{ id: 'prog-1', title: 'Season 2026', client_id: settings.clientId, status: 'published' }]
      })

    const response = await testDynamicField('program_id')

    expect(response).toEqual({
      choices: [{ label: 'Season 2026', value: 'prog-1', description: 'Status: published.' }]
    })
  })

  it.each([
    [401, 'reward_action_key', rewardActionsPath(), 'check the Producer Token setting'],
    [403, 'program_id', programsPath(), 'check the Producer Token setting'],
    [404, 'program_id', programsPath(), 'check the Client ID setting'],
    [503, 'reward_action_key', rewardActionsPath(), 'LiveLike is busy or unavailable']
  ])(
    'answers a %d on %s with no choices and an error a person can act on',
    async (status: number, field: string, path: string, advice: string) => {
      liveLikeApi()
        .get(path)
        .query({ client_id: settings.clientId })
        .reply(status, { detail: `Token ${settings.producerToken} refused.` })

      const response = await testDynamicField(field)

      expect(response).toEqual({
        choices: [],
        error: { code: String(status), message: expect.stringContaining(advice) }
      })
      expect(JSON.stringify(response)).not.toContain(settings.producerToken)
    }
  )

  it('answers a network failure with no choices and an error, never a throw', async () => {
    liveLikeApi().get(rewardActionsPath()).query(true).replyWithError('socket hang up')

    const response = await testDynamicField('reward_action_key')

    expect(response).toEqual({
      choices: [],
      error: { code: '503', message: 'Could not reach LiveLike (network error); Segment will retry.' }
    })
  })

  it('answers a Client ID that is no Client ID without a request', async () => {
    const response = await testDynamicField('program_id', undefined, '..')

    expect(response).toEqual({
      choices: [],
      error: { code: '400', message: expect.stringContaining('The Client ID setting is not a LiveLike Client ID') }
    })
  })
})
