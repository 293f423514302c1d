import nock from 'nock'
import { createTestEvent, createTestIntegration, PayloadValidationError } from '@segment/actions-core'
import definition from '../../index'
import { liveLikeApi, segmentEventsPath, settings } from '../../__tests__/helpers'

type SentBody = { events: Record<string, unknown>[] }

/** Accepts every call to segment-events and keeps each body LiveLike received. */
function recordBodies(): SentBody[] {
  const bodies: SentBody[] = []
  liveLikeApi()
    .persist()
    .post(segmentEventsPath(), (body: SentBody) => bodies.push(body) > 0)
    .reply(202, {})
  return bodies
}

describe('trackEvent, the action key earlier versions offered', () => {
  it('stays hidden from new mappings, with the fields and the wire format of sendEvent', async () => {
    const bodies = recordBodies()
    const event = createTestEvent({ messageId: 'msg-1', properties: { custom_id: 'crm-1' } })

    for (const action of ['trackEvent', 'sendEvent']) {
      await createTestIntegration(definition).testAction(action, { event, settings, useDefaultMappings: true })
    }

    expect(definition.actions.trackEvent).toMatchObject({ hidden: true, fields: definition.actions.sendEvent.fields })
    expect(definition.actions.trackEvent.defaultSubscription).toBeUndefined()
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toEqual(bodies[1])
  })

  it('refuses an event without identity before calling LiveLike, naming the fields to map', async () => {
    const scope = liveLikeApi().post(segmentEventsPath()).reply(202, {})
    const event = createTestEvent({ userId: null, properties: { video_id: 'intro' } })

    const error = await createTestIntegration(definition)
      .testAction('trackEvent', { event, settings, useDefaultMappings: true })
      .catch((thrown: Error) => thrown)

    expect(error).toBeInstanceOf(PayloadValidationError)
    expect((error as Error).message).toContain('livelike_profile_id')
    expect((error as Error).message).toContain('custom_id')
    expect(scope.isDone()).toBe(false)
    nock.cleanAll()
  })

  it('sends a batch in one request, each event with its own message_id', async () => {
    const bodies = recordBodies()
    const events = ['msg-a', 'msg-b', 'msg-c'].map((messageId) =>
      createTestEvent({ messageId, properties: { livelike_profile_id: `profile-${messageId}` } })
    )

    const results = await createTestIntegration(definition).executeBatch('trackEvent', {
      events,
      settings,
      mapping: { ...definition.presets?.[0].mapping, enable_batching: true }
    })

    expect(results.map((result) => result.status)).toEqual([202, 202, 202])
    expect(bodies).toHaveLength(1)
    expect(bodies[0].events.map((sent) => [sent.message_id, sent.livelike_profile_id])).toEqual([
      ['msg-a', 'profile-msg-a'],
      ['msg-b', 'profile-msg-b'],
      ['msg-c', 'profile-msg-c']
    ])
  })
})
