import nock from 'nock'
import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import destination from '../../index'
import { liveLikeApi, segmentEventsPath, settings } from '../../__tests__/helpers'
import { SAVED_PAGE_MAPPING, SAVED_TRACK_MAPPING } from './saved-mappings'

const trackCall = (messageId: string, overrides: Partial<SegmentEvent> = {}): SegmentEvent =>
  createTestEvent({
    type: 'track',
    event: 'Quiz Answered',
    userId: 'user-42',
    messageId,
    timestamp: '2024-03-07T12:00:00.000Z',
    properties: { livelike_profile_id: 'profile-9' },
    ...overrides
  })

type SentEvent = { event_name?: string; message_id?: string }

function captureBodies(): SentEvent[][] {
  const bodies: SentEvent[][] = []
  liveLikeApi()
    .post(segmentEventsPath(), (body: { events: SentEvent[] }) => bodies.push(body.events) > 0)
    .reply(202, {})
    .persist()
  return bodies
}

describe('trackEvent subscriptions saved on the published destination', () => {
  afterEach(() => nock.cleanAll())

  it('have no Message ID in their mapping', () => {
    expect(SAVED_TRACK_MAPPING).not.toHaveProperty('message_id')
    expect(SAVED_PAGE_MAPPING).not.toHaveProperty('message_id')
  })

  it("send Segment's messageId with a single event", async () => {
    const bodies = captureBodies()

    await createTestIntegration(destination).testAction('trackEvent', {
      event: trackCall('msg-single'),
      mapping: SAVED_TRACK_MAPPING,
      settings
    })

    expect(bodies).toEqual([[expect.objectContaining({ event_name: 'Quiz Answered', message_id: 'msg-single' })]])
  })

  it("send each event's own messageId in a batch", async () => {
    const bodies = captureBodies()
    const events = ['msg-a', 'msg-b', 'msg-c'].map((messageId) => trackCall(messageId))

    const results = await createTestIntegration(destination).executeBatch('trackEvent', {
      events,
      mapping: SAVED_TRACK_MAPPING,
      settings
    })

    expect(results.map((result) => result.status)).toEqual([202, 202, 202])
    expect(bodies.flat().map((event) => event.message_id)).toEqual(['msg-a', 'msg-b', 'msg-c'])
  })

  it('pair every payload with its own messageId when actions-core drops an invalid event in the middle', async () => {
    const bodies = captureBodies()
    const events = [
      trackCall('msg-first'),
      trackCall('msg-no-name', { event: undefined }),
      trackCall('msg-second', { event: 'Poll Voted' }),
      trackCall('msg-null-name', { event: null as unknown as string }),
      trackCall('msg-no-time', { timestamp: undefined }),
      trackCall('msg-third', { event: 'Video Watched' })
    ]

    const results = await createTestIntegration(destination).executeBatch('trackEvent', {
      events,
      mapping: SAVED_TRACK_MAPPING,
      settings
    })

    expect(results.map((result) => result.status)).toEqual([202, 400, 202, 400, 400, 202])
    expect(bodies.flat().map(({ event_name, message_id }) => [event_name, message_id])).toEqual([
      ['Quiz Answered', 'msg-first'],
      ['Poll Voted', 'msg-second'],
      ['Video Watched', 'msg-third']
    ])
  })

  it('pair page calls through the published Page Calls preset, whose name falls back to the title', async () => {
    const bodies = captureBodies()
    const page = (messageId: string, overrides: Partial<SegmentEvent>) =>
      trackCall(messageId, { type: 'page', event: undefined, ...overrides })
    const events = [
      page('msg-home', { name: 'Home' }),
      page('msg-nameless', { name: undefined, properties: { livelike_profile_id: 'profile-9' } }),
      page('msg-titled', { name: undefined, properties: { livelike_profile_id: 'profile-9', title: 'Scores' } })
    ]

    const results = await createTestIntegration(destination).executeBatch('trackEvent', {
      events,
      mapping: SAVED_PAGE_MAPPING,
      settings
    })

    expect(results.map((result) => result.status)).toEqual([202, 400, 202])
    expect(bodies.flat().map(({ event_name, message_id }) => [event_name, message_id])).toEqual([
      ['Home', 'msg-home'],
      ['Scores', 'msg-titled']
    ])
  })

  it('keep a mapped Message ID over the raw messageId', async () => {
    const bodies = captureBodies()

    await createTestIntegration(destination).testAction('trackEvent', {
      event: trackCall('msg-raw', { properties: { livelike_profile_id: 'profile-9', dedup_key: 'order-77' } }),
      mapping: { ...SAVED_TRACK_MAPPING, message_id: { '@path': '$.properties.dedup_key' } },
      settings
    })

    expect(bodies.flat()[0].message_id).toBe('order-77')
  })
})
