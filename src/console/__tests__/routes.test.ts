import { defaultValues } from '@segment/actions-core'
import { request } from 'undici'
import sendEvent from '../../destinations/livelike-cloud/sendEvent'
import { basicAuth, call, eventually, startTestServer, testServerForFile } from '../../server/__tests__/helpers'
import type { EventDetail, EventPage, LiveMessage, Overview } from '../shared/types'

const session = testServerForFile()

const track = (messageId: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'Video Watched',
  userId: 'user-7',
  messageId,
  properties: { video_id: 'intro' },
  ...extra
})

async function faults(values: Record<string, number>): Promise<void> {
  const answer = await call(`${session.server.sandbox?.url}/_sandbox/faults`, { method: 'PUT', json: values })
  expect(answer.status).toBe(200)
}

describe('the console JSON routes', () => {
  it('answers an event by messageId once delivered, with the request (token redacted) and LiveLike answer', async () => {
    const sent = await call(`${session.server.url}/v1/batch`, {
      json: { batch: [track('routes-delivered')] },
      headers: basicAuth('web-app')
    })
    expect(sent.status).toBe(200)

    const answer = await call<EventDetail>(`${session.server.url}/_console/api/events/routes-delivered?wait=30`)
    expect(answer.status).toBe(200)
    const detail = answer.body
    expect(detail).toMatchObject({
      messageId: 'routes-delivered',
      stage: 'delivered',
      settled: true,
      source: 'web-app'
    })
    expect(detail.fates).toEqual([
      expect.objectContaining({ subscription: 'Track Calls', action: 'sendEvent', stage: 'delivered', status: 202 })
    ])
    const [exchange] = detail.exchanges
    expect(exchange.request.headers.authorization).toBe('[redacted]')
    expect(exchange.request.url).toBe(`${session.server.sandbox?.apiBaseUrl}/applications/demo/segment-events/`)
    expect(exchange.response.status).toBe(202)
    expect(JSON.stringify(detail)).not.toContain(session.server.settings.producerToken)
  })

  it('files an event without identity under failed, validation, with the destination message', async () => {
    const sent = await call(`${session.server.url}/events`, { json: track('routes-anonymous', { userId: undefined }) })
    expect(sent.status).toBe(200)

    const { body: detail } = await call<EventDetail>(
      `${session.server.url}/_console/api/events/routes-anonymous?wait=30`
    )
    expect(detail).toMatchObject({ stage: 'failed', reason: 'validation', source: 'POST /events' })
    expect(detail.fates[0].message).toMatch(/no LiveLike identity/)
    const { body: overview } = await call<Overview>(`${session.server.url}/_console/api/overview`)
    expect(overview.counts.failed.validation).toBeGreaterThanOrEqual(1)
    expect(overview.counts.subscriptions['Track Calls'].failed.validation).toBeGreaterThanOrEqual(1)
  })

  it('shows every attempt of a retried event with its wait and Retry-After, then its final stage', async () => {
    await faults({ rateLimitedRate: 1, retryAfterSeconds: 0 })
    try {
      await call(`${session.server.url}/events`, { json: track('routes-throttled') })
    } finally {
      await faults({ rateLimitedRate: 0, retryAfterSeconds: 1 })
    }
    const { body: detail } = await call<EventDetail>(
      `${session.server.url}/_console/api/events/routes-throttled?wait=30`
    )
    expect(detail).toMatchObject({ stage: 'failed', reason: 'retries-exhausted', attempts: 4 })
    const attempts = detail.fates[0].attempts
    expect(attempts.map((attempt) => [attempt.number, attempt.status, attempt.retryAfter])).toEqual([
      [1, 429, '0'],
      [2, 429, '0'],
      [3, 429, '0'],
      [4, 429, '0']
    ])
    expect(attempts[0].waitedMs).toBe(0)
    attempts.forEach((attempt) => expect(attempt.waitedMs).toBeGreaterThanOrEqual(0))
  })

  it('counts an event no subscription matched as filtered', async () => {
    await call(`${session.server.url}/events`, {
      json: { type: 'identify', userId: 'user-7', messageId: 'routes-identify' }
    })
    const { body: detail } = await call<EventDetail>(
      `${session.server.url}/_console/api/events/routes-identify?wait=30`
    )
    expect(detail).toMatchObject({ stage: 'filtered', reason: 'no-subscription' })
    expect(detail.fates).toEqual([expect.objectContaining({ stage: 'filtered', attempts: [] })])
  })

  it('pages the stream newest first and filters it by stage, name, user, messageId and source', async () => {
    const page = async (search: string) =>
      (await call<EventPage>(`${session.server.url}/_console/api/events?${search}`)).body
    const everything = await page('limit=500')
    expect(everything.events.map((event) => event.seq)).toEqual(
      [...everything.events.map((event) => event.seq)].sort((a, b) => b - a)
    )
    expect((await page('stage=failed')).events.every((event) => event.stage === 'failed')).toBe(true)
    expect((await page('messageId=routes-deliv')).events.map((event) => event.messageId)).toEqual(['routes-delivered'])
    expect((await page('source=web-app')).events.map((event) => event.messageId)).toEqual(['routes-delivered'])
    expect((await page('name=video&user=USER-7')).total).toBe(2)
    const second = await page('limit=1&offset=1')
    expect(second.events[0].seq).toBe(everything.events[1].seq)
    const held = await page(`until=${everything.events[1].seq}`)
    expect(held.events[0].seq).toBe(everything.events[1].seq)
  })

  it('bounds the wait at 30 s and says when a messageId is unknown', async () => {
    expect((await call(`${session.server.url}/_console/api/events/nothing-like-it?wait=31`)).status).toBe(400)
    const unknown = await call<{ message: string }>(`${session.server.url}/_console/api/events/nothing-like-it`)
    expect(unknown.status).toBe(404)
    expect(unknown.body.message).toMatch(/No event with messageId "nothing-like-it"/)
    expect((await call(`${session.server.url}/_console/api/events?stage=lost`)).status).toBe(400)
  })

  it('answers a wait as soon as the event is through, not at the end of the wait', async () => {
    const waiting = call<EventDetail>(`${session.server.url}/_console/api/events/routes-later?wait=30`)
    await call(`${session.server.url}/v1/track`, { json: track('routes-later'), headers: basicAuth('web-app') })
    const { status, body } = await waiting
    expect(status).toBe(200)
    expect(body).toMatchObject({ messageId: 'routes-later', stage: 'delivered', settled: true })
  })

  it('streams counts and changed events to a page by server-sent events', async () => {
    const stream = await request(`${session.server.url}/_console/api/live`)
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/)
    const messages: LiveMessage[] = []
    let buffer = ''
    const seen = new Promise<void>((resolve) => {
      stream.body.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8')
        const frames = buffer.split('\n\n')
        buffer = frames.pop() ?? ''
        for (const frame of frames) {
          messages.push(JSON.parse(frame.replace(/^data: /, '')) as LiveMessage)
        }
        const changed = messages.some(
          (message) => message.kind === 'events' && message.events.some((event) => event.messageId === 'routes-live')
        )
        if (changed) {
          resolve()
        }
      })
    })
    await call(`${session.server.url}/events`, { json: track('routes-live') })
    await seen
    stream.body.destroy()
    expect(messages[0].kind).toBe('overview')
  })
})

describe("the console beside LiveLike's source", () => {
  it('shows the source events under their write key, and one a subscription would send back as filtered: loop', async () => {
    const looping = await startTestServer({
      liveLikeSource: true,
      subscriptions: [
        {
          name: 'Every Track',
          subscribe: 'type = "track"',
          partnerAction: 'sendEvent',
          mapping: defaultValues(sendEvent.fields)
        }
      ]
    })
    try {
      await call(`${looping.url}/v1/track`, { json: track('routes-looped'), headers: basicAuth('web-app') })
      const page = await eventually(async () => {
        const { body } = await call<EventPage>(`${looping.url}/_console/api/events?source=livelike-source`)
        return body.events.some((event) => event.settled) ? body : undefined
      })
      expect(page.events[0]).toMatchObject({ name: 'Reward Item Rewarded', stage: 'filtered', reason: 'loop' })
      const { body: overview } = await call<Overview>(`${looping.url}/_console/api/overview`)
      expect(overview.counts.received).toMatchObject({ 'web-app': 1, 'livelike-source': 1 })
      expect(overview.counts.subscriptions['Every Track'].filtered.loop).toBe(1)
    } finally {
      await looping.close()
    }
  })
})
