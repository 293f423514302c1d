import type { RunningSandbox } from '..'
import { startSandbox } from '..'
import { AUTHORIZED, call, liveLikeEvent, PRODUCER_TOKEN, sendEvents, useSandbox } from './helpers'

jest.setTimeout(120_000)

const stats = async (sandbox: RunningSandbox) => (await call(sandbox, 'GET', '/_sandbox/stats')).body

/** The status a call ended with, or 'dropped' when the connection closed without an answer. */
async function outcome(sandbox: RunningSandbox, messageId: string): Promise<number | 'dropped'> {
  try {
    return (await sendEvents(sandbox, [liveLikeEvent({ message_id: messageId })])).status
  } catch (error) {
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/)
    return 'dropped'
  }
}

describe('faults of the sandbox', () => {
  const sandbox = useSandbox({ seed: 7 })
  const setFaults = (faults: object) => call(sandbox(), 'PUT', '/_sandbox/faults', faults)

  it('starts without faults', async () => {
    expect((await call(sandbox(), 'GET', '/_sandbox/faults')).body).toEqual({
      unavailableRate: 0,
      rateLimitedRate: 0,
      retryAfterSeconds: 1,
      lostResponseRate: 0,
      latencyMs: 0
    })
  })

  it('answers 503 with a detail and records nothing at unavailableRate 1', async () => {
    await setFaults({ unavailableRate: 1 })
    const answer = await sendEvents(sandbox(), [liveLikeEvent()])
    expect(answer).toMatchObject({ status: 503, body: { detail: 'Service temporarily unavailable, try again later.' } })
    const validate = await call(sandbox(), 'GET', '/api/v1/applications/demo/validate-app/', undefined, AUTHORIZED)
    expect(validate.status).toBe(503)
    expect(await stats(sandbox())).toMatchObject({ received: 0, recorded: 0 })
  })

  it('answers 429 with Retry-After and records nothing at rateLimitedRate 1', async () => {
    await setFaults({ rateLimitedRate: 1, retryAfterSeconds: 7 })
    const answer = await sendEvents(sandbox(), [liveLikeEvent()])
    expect(answer).toMatchObject({
      status: 429,
      body: { detail: 'Request was throttled. Expected available in 7 seconds.' }
    })
    expect(answer.headers.get('retry-after')).toBe('7')
    expect(await stats(sandbox())).toMatchObject({ received: 0, recorded: 0 })
  })

  it('records the events of a lost response although the client gets a 503 or a dropped connection', async () => {
    await setFaults({ lostResponseRate: 1 })
    const outcomes = []
    for (let i = 0; i < 12; i++) {
      outcomes.push(await outcome(sandbox(), `lost-${i}`))
    }
    expect(new Set(outcomes)).toEqual(new Set([503, 'dropped']))
    expect(await stats(sandbox())).toMatchObject({ received: 12, recorded: 12 })
    expect((await call(sandbox(), 'GET', '/_sandbox/rewards')).body).toMatchObject({ grants_total: 12 })
  })

  it('lets a resend after a lost response through as deduplicated', async () => {
    await setFaults({ lostResponseRate: 1 })
    await outcome(sandbox(), 'retry-me')
    await setFaults({ lostResponseRate: 0 })
    const resend = await sendEvents(sandbox(), [liveLikeEvent({ message_id: 'retry-me' })])
    expect(resend).toMatchObject({ status: 202, body: { recorded: 0, deduplicated: 1 } })
  })

  it('adds latencyMs before answering', async () => {
    await setFaults({ latencyMs: 400 })
    const started = Date.now()
    const answer = await sendEvents(sandbox(), [liveLikeEvent()])
    expect(answer.status).toBe(202)
    expect(Date.now() - started).toBeGreaterThanOrEqual(400)
  })

  it('never faults the /_sandbox routes nor the reward read paths', async () => {
    await setFaults({ unavailableRate: 1 })
    for (const path of [
      '/_sandbox/stats',
      '/_sandbox/events',
      '/_sandbox/rewards',
      '/_sandbox/user-groups',
      '/_sandbox/faults'
    ]) {
      expect((await call(sandbox(), 'GET', path)).status).toBe(200)
    }
    const balances = await call(sandbox(), 'GET', '/api/v1/profiles/fan-1/reward-item-balances/', undefined, AUTHORIZED)
    expect(balances.status).toBe(200)
  })

  it('keeps the faults it was not given in a partial update', async () => {
    await setFaults({ latencyMs: 5 })
    const answer = await setFaults({ rateLimitedRate: 0.25 })
    expect(answer.body).toEqual({
      unavailableRate: 0,
      rateLimitedRate: 0.25,
      retryAfterSeconds: 1,
      lostResponseRate: 0,
      latencyMs: 5
    })
  })

  const badFaults: [string, unknown, string][] = [
    ['a rate above 1', { unavailableRate: 1.5 }, 'unavailableRate: must be a number from 0 to 1.'],
    ['a negative latency', { latencyMs: -1 }, 'latencyMs: must be a whole number from 0 to 60000.'],
    ['a rate given as text', { lostResponseRate: '0.5' }, 'lostResponseRate: must be a number from 0 to 1.'],
    ['an unknown fault', { timeoutRate: 0.1 }, 'timeoutRate: Unknown field.'],
    ['rates that add up to more than 1', { unavailableRate: 0.6, rateLimitedRate: 0.6 }, 'keep their sum at most 1'],
    ['a body that is not an object', [0.5], 'body: must be a JSON object of faults'],
    ['malformed JSON', '{"latencyMs": ', 'JSON parse error']
  ]

  it.each(badFaults)('refuses %s with 400 and keeps the faults as they were', async (_name, body, detail) => {
    await setFaults({ latencyMs: 1 })
    const answer = await setFaults(body as object)
    expect(answer.status).toBe(400)
    expect((answer.body as { detail: string }).detail).toContain(detail)
    expect((await call(sandbox(), 'GET', '/_sandbox/faults')).body).toMatchObject({ unavailableRate: 0, latencyMs: 1 })
  })
})

describe('faults given as start options', () => {
  const sandboxes: RunningSandbox[] = []
  afterAll(async () => {
    await Promise.all(sandboxes.map((sandbox) => sandbox.close()))
  })
  const start = async (seed: number) => {
    const sandbox = await startSandbox({
      producerToken: PRODUCER_TOKEN,
      seed,
      faults: { unavailableRate: 0.3, rateLimitedRate: 0.3 }
    })
    sandboxes.push(sandbox)
    return sandbox
  }
  const statuses = async (sandbox: RunningSandbox) => {
    const result = []
    for (let i = 0; i < 30; i++) {
      result.push((await sendEvents(sandbox, [liveLikeEvent()])).status)
    }
    return result
  }

  it('repeats the same faults, call by call, for the same seed, and again after a reset', async () => {
    const [first, second] = [await start(42), await start(42)]
    const sequence = await statuses(first)
    expect(new Set(sequence)).toEqual(new Set([202, 429, 503]))
    expect(await statuses(second)).toEqual(sequence)
    await call(first, 'DELETE', '/_sandbox')
    expect(await statuses(first)).toEqual(sequence)
  })

  it('refuses invalid fault options, naming the field', async () => {
    await expect(startSandbox({ faults: { unavailableRate: 2 } })).rejects.toThrow(
      'unavailableRate: must be a number from 0 to 1.'
    )
  })
})
