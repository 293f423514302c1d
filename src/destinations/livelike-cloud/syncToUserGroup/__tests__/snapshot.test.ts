import { createTestIntegration } from '@segment/actions-core'
import type { DecoratedResponse, JSONObject } from '@segment/actions-core'
import { generateTestData } from '@segment/action-destinations/dist/lib/test-data'
import destination from '../../index'
import { audienceSyncPath, liveLikeApi, settings } from '../../__tests__/helpers'

const actionSlug = 'syncToUserGroup'
const seedName = `${destination.slug}#${actionSlug}`
const action = destination.actions[actionSlug]

// The Timestamp field declares no format, so generateTestData fills it with a random string that our action rejects.
// Told the field is a datetime, the same generator supplies its fixed UTC date-time instead (one that does not depend
// on the machine's time zone, unlike its random dates).
const [{ timestamp }] = generateTestData(
  seedName,
  destination,
  { ...action, fields: { timestamp: { ...action.fields.timestamp, type: 'datetime' } } },
  true
)

/** The generated data as literal mappings, completed so that our validation accepts it. */
function generatedMapping(requiredOnly: boolean): JSONObject {
  const [eventData] = generateTestData(seedName, destination, action, requiredOnly)
  const mapping: JSONObject = { ...eventData, timestamp }
  if (requiredOnly) {
    // Without the optional Action field, membership comes from the Engage flag under the audience key.
    mapping.traits_or_properties_hidden = { ...eventData.traits_or_properties_hidden, [eventData.audience_name]: true }
  }
  return mapping
}

function bodyOf(response: DecoratedResponse): unknown {
  const raw = String(response.options.body)
  expect(raw).not.toContain(settings.producerToken)
  return JSON.parse(raw)
}

describe(`Testing snapshot for ${destination.name}'s ${actionSlug} destination action:`, () => {
  it.each([
    ['only the required fields', true],
    ['all fields', false]
  ])('sends a payload with %s as LiveLike expects it', async (_fields: string, requiredOnly: boolean) => {
    liveLikeApi().post(audienceSyncPath()).reply(202)
    const testDestination = createTestIntegration(destination)
    const responses = await testDestination.testAction(actionSlug, {
      event: { type: 'identify' },
      mapping: generatedMapping(requiredOnly),
      settings
    })
    expect(responses).toHaveLength(1)
    expect(bodyOf(responses[0])).toMatchSnapshot()
  })

  it('sends a batch of all fields as one array', async () => {
    liveLikeApi().post(audienceSyncPath()).reply(202)
    const testDestination = createTestIntegration(destination)
    const responses = await testDestination.testBatchAction(actionSlug, {
      events: [{ type: 'identify' }, { type: 'track' }],
      mapping: generatedMapping(false),
      settings
    })
    expect(responses).toHaveLength(1)
    expect(bodyOf(responses[0])).toMatchSnapshot()
  })
})
