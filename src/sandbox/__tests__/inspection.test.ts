import { startSandbox } from '..'
import { AUTHORIZED, audiencePath, call, liveLikeEvent, PRODUCER_TOKEN, sendEvents, useSandbox } from './helpers'

jest.setTimeout(120_000)

describe('inspection routes of the sandbox', () => {
  const sandbox = useSandbox()

  it('pages the recorded events with offset and limit', async () => {
    const events = Array.from({ length: 25 }, (_, i) => liveLikeEvent({ message_id: `m-${i}` }))
    await sendEvents(sandbox(), events)
    const page = await call(sandbox(), 'GET', '/_sandbox/events?offset=20&limit=3')
    expect(page.body).toEqual({ total: 25, events: events.slice(20, 23) })
    const tail = await call(sandbox(), 'GET', '/_sandbox/events?offset=24&limit=10')
    expect(tail.body).toEqual({ total: 25, events: events.slice(24) })
    const beyond = await call(sandbox(), 'GET', '/_sandbox/events?offset=100')
    expect(beyond.body).toEqual({ total: 25, events: [] })
  })

  const badInputs: [string, string, string, unknown, string][] = [
    [
      'a negative offset',
      'GET',
      '/_sandbox/events?offset=-1',
      undefined,
      'offset: must be a whole number of at least 0, not "-1".'
    ],
    ['a zero limit', 'GET', '/_sandbox/events?limit=0', undefined, 'limit: must be a whole number from 1 to 10000'],
    [
      'a limit above 10000',
      'GET',
      '/_sandbox/events?limit=10001',
      undefined,
      'limit: must be a whole number from 1 to 10000'
    ],
    ['a repeated limit', 'GET', '/_sandbox/events?limit=1&limit=2', undefined, 'limit: give it once.'],
    [
      'a grants limit that is not a number',
      'GET',
      '/_sandbox/rewards?limit=all',
      undefined,
      'limit: must be a whole number'
    ],
    ['rules that are not a list', 'PUT', '/_sandbox/rewards/rules', { rules: [] }, 'body: must be array.'],
    [
      'faults that are not numbers',
      'PUT',
      '/_sandbox/faults',
      { latencyMs: 'slow' },
      'latencyMs: must be a whole number'
    ],
    ['malformed JSON for faults', 'PUT', '/_sandbox/faults', '{', 'JSON parse error'],
    ['an unknown /_sandbox route', 'GET', '/_sandbox/everything', undefined, 'Not found.'],
    ['a method the route does not take', 'POST', '/_sandbox/stats', {}, 'Not found.']
  ]

  it.each(badInputs)('answers %s with a JSON detail and keeps serving', async (_name, method, path, body, detail) => {
    const answer = await call(sandbox(), method, path, body)
    expect(answer.status).toBeGreaterThanOrEqual(400)
    expect(answer.status).toBeLessThan(500)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect((answer.body as { detail: string }).detail).toContain(detail)
    expect((await call(sandbox(), 'GET', '/_sandbox/stats')).status).toBe(200)
  })

  it('DELETE /_sandbox forgets events, rewards, rules and user groups, and puts faults back', async () => {
    await call(sandbox(), 'PUT', '/_sandbox/rewards/rules', [{ event_name: '*', reward_item: 'coins', amount: 1 }])
    await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'before-reset' })])
    await call(
      sandbox(),
      'POST',
      audiencePath(),
      [{ audience_id: 'aud_1', action: true, user_id: 'fan-1' }],
      AUTHORIZED
    )
    await call(sandbox(), 'PUT', '/_sandbox/faults', { latencyMs: 10 })

    const reset = await call(sandbox(), 'DELETE', '/_sandbox')
    expect(reset.status).toBe(200)

    expect((await call(sandbox(), 'GET', '/_sandbox/events')).body).toEqual({ total: 0, events: [] })
    expect((await call(sandbox(), 'GET', '/_sandbox/stats')).body).toEqual({
      received: 0,
      recorded: 0,
      deduplicated: 0,
      rejected: 0,
      by_event_name: {},
      by_user: {}
    })
    expect((await call(sandbox(), 'GET', '/_sandbox/rewards')).body).toEqual({
      rules: [{ event_name: '*', reward_item: 'points', amount: 10 }],
      balances: {},
      grants_total: 0,
      grants: []
    })
    expect((await call(sandbox(), 'GET', '/_sandbox/user-groups')).body).toEqual({})
    expect((await call(sandbox(), 'GET', '/_sandbox/faults')).body).toMatchObject({ latencyMs: 0 })
    const resend = await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'before-reset' })])
    expect(resend.body).toMatchObject({ recorded: 1, deduplicated: 0 })
  })

  it('gives each sandbox of a process its own state and application', async () => {
    const other = await startSandbox({ clientId: 'other-app', producerToken: 'other-token' })
    try {
      await sendEvents(sandbox(), [liveLikeEvent()])
      const answer = await call(
        other,
        'POST',
        '/api/v1/applications/other-app/segment-events/',
        { events: [liveLikeEvent()] },
        {
          authorization: 'Bearer other-token'
        }
      )
      expect(answer.status).toBe(202)
      expect((await call(other, 'GET', '/_sandbox/stats')).body).toMatchObject({ recorded: 1 })
      expect((await call(sandbox(), 'GET', '/_sandbox/stats')).body).toMatchObject({ recorded: 1 })
      const wrongApp = await call(other, 'GET', '/api/v1/applications/demo/validate-app/', undefined, {
        authorization: `Bearer ${PRODUCER_TOKEN}`
      })
      expect(wrongApp.status).toBe(401)
    } finally {
      await other.close()
    }
  })

  it('reports its URL and the API base URL', () => {
    expect(sandbox().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox().apiBaseUrl).toBe(`${sandbox().url}/api/v1`)
  })
})
