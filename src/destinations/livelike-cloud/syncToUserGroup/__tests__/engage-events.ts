import { createTestIntegration } from '@segment/actions-core'
import type { DecoratedResponse, DestinationDefinition, JSONObject, SegmentEvent } from '@segment/actions-core'
import type { Settings } from '../../generated-types'
import { audienceSyncPath, settings } from '../../__tests__/helpers'

export const AUDIENCE_ID = 'aud_2Ws8KqYb3NnVf1tXeJ0mQpLr'
export const AUDIENCE_KEY = 'super_fans'
/** An event timestamp already in the form LiveLike receives (ISO 8601, UTC, milliseconds). */
export const AT = '2024-05-06T10:11:12.345Z'
export const AUDIENCE_SYNC_URL = `https://cf-blast.livelikecdn.com${audienceSyncPath()}`

export const personas = (key = AUDIENCE_KEY, id = AUDIENCE_ID) => ({
  computation_class: 'audience',
  computation_id: id,
  computation_key: key,
  namespace: 'spa_9Lz2hQx1',
  space_id: 'spa_9Lz2hQx1'
})

/** The identify call Engage sends when a user enters (true) or exits (false) an audience. */
export function engageIdentify(traits: JSONObject, event: Partial<SegmentEvent> = {}): SegmentEvent {
  return {
    type: 'identify',
    userId: 'user-1001',
    anonymousId: 'anon-7f3c',
    timestamp: AT,
    traits,
    context: { personas: personas() },
    ...event
  }
}

/** The track call Engage sends for the same change: the flag sits in the properties and there are no traits. */
export function engageTrack(properties: JSONObject, event: Partial<SegmentEvent> = {}): SegmentEvent {
  return {
    type: 'track',
    event: properties[AUDIENCE_KEY] === false ? 'Audience Exited' : 'Audience Entered',
    userId: 'user-1001',
    anonymousId: 'anon-7f3c',
    timestamp: AT,
    traits: undefined,
    properties: { audience_key: AUDIENCE_KEY, ...properties },
    context: { personas: personas() },
    ...event
  }
}

/** The item LiveLike should receive for the default audience and timestamp. */
export const item = (fields: Record<string, unknown>) => ({
  audience_id: AUDIENCE_ID,
  audience_name: AUDIENCE_KEY,
  timestamp: AT,
  ...fields
})

/** What one recorded call sent to LiveLike. */
export function sent(response: DecoratedResponse) {
  return {
    method: response.request.method,
    url: response.request.url,
    authorization: response.request.headers.get('authorization'),
    body: JSON.parse(String(response.options.body)) as Record<string, unknown>[]
  }
}

export const BEARER = `Bearer ${settings.producerToken}`

/** Runs one event through a destination's syncToUserGroup and returns the one call it made to LiveLike. */
export async function syncWith(
  definition: DestinationDefinition<Settings>,
  event: SegmentEvent,
  mapping: JSONObject = {}
) {
  const responses = await createTestIntegration(definition).testAction('syncToUserGroup', {
    event,
    settings,
    mapping,
    useDefaultMappings: true
  })
  expect(responses).toHaveLength(1)
  return sent(responses[0])
}

/** Runs a batch through a destination's syncToUserGroup: the calls it made and its result for each event. */
export async function syncBatchWith(
  definition: DestinationDefinition<Settings>,
  events: SegmentEvent[],
  mapping: JSONObject = {}
) {
  const testDestination = createTestIntegration(definition)
  const responses = await testDestination.testBatchAction('syncToUserGroup', {
    events,
    settings,
    mapping,
    useDefaultMappings: true
  })
  return { requests: responses.map(sent), results: testDestination.results[0].multistatus ?? [] }
}
