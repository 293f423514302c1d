import nock from 'nock'
import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import { generateTestData } from '@segment/action-destinations/dist/lib/test-data'
import destination from '../../index'
import type { Settings } from '../../generated-types'
import { PRODUCTION_API_BASE_URL } from '../../constants'
import { headersOf, segmentEventsPath } from '../../__tests__/helpers'

const seedName = `${destination.slug}#trackEvent`
// Generated strings are not dates and the destination refuses a timestamp that is not one, so the date is fixed.
const FIXED_TIMESTAMP = '2024-03-07T12:00:00.000Z'

/** What LiveLike receives when an action runs on the data generated for trackEvent. */
async function requestFor(actionKey: 'trackEvent' | 'sendEvent', isRequiredOnly: boolean) {
  const [eventData, settingsData] = generateTestData(
    seedName,
    destination,
    destination.actions.trackEvent,
    isRequiredOnly
  ) as [JSONObject, Settings]
  const received: { authorization?: string; body?: unknown } = {}
  nock(new URL(PRODUCTION_API_BASE_URL).origin)
    .post(segmentEventsPath(settingsData.clientId))
    .reply(function (_uri, body) {
      received.authorization = headersOf(this.req).authorization
      received.body = body
      return [202, {}]
    })

  await createTestIntegration(destination).testAction(actionKey, {
    event: createTestEvent({ properties: eventData }),
    mapping: { ...eventData, timestamp: FIXED_TIMESTAMP },
    settings: settingsData
  })
  return { ...received, producerToken: settingsData.producerToken }
}

describe(`Testing snapshot for ${destination.name}'s trackEvent destination action:`, () => {
  it.each([
    ['required fields', true],
    ['all fields', false]
  ])('%s', async (_fields: string, isRequiredOnly: boolean) => {
    const legacy = await requestFor('trackEvent', isRequiredOnly)

    expect(legacy.authorization).toBe(`Bearer ${legacy.producerToken}`)
    expect(legacy.body).toMatchSnapshot()
    expect((await requestFor('sendEvent', isRequiredOnly)).body).toEqual(legacy.body)
  })
})
