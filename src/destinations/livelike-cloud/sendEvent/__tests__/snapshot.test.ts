import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import { generateTestData } from '@segment/action-destinations/dist/lib/test-data'
import nock from 'nock'
import destination from '../../index'
import type { Settings } from '../../generated-types'
import { headersOf, segmentEventsPath } from '../../__tests__/helpers'

const actionSlug = 'sendEvent'
const seedName = `${destination.slug}#${actionSlug}`
const action = destination.actions[actionSlug]
// Generated strings are not dates, and LiveLike needs one: every snapshot pins the timestamp.
const timestamp = '2024-03-07T12:00:00.000Z'

async function snapshotRequest(isRequiredOnly: boolean) {
  const [eventData, settingsData] = generateTestData(seedName, destination, action, isRequiredOnly) as [
    JSONObject,
    Settings
  ]
  let body: unknown
  let authorization: unknown
  nock('https://cf-blast.livelikecdn.com')
    .post(segmentEventsPath(settingsData.clientId))
    .reply(function (_uri, sent) {
      body = sent
      authorization = headersOf(this.req).authorization
      return [202, {}]
    })

  await createTestIntegration(destination).testAction(actionSlug, {
    event: createTestEvent({ properties: eventData }),
    mapping: { ...eventData, timestamp },
    settings: settingsData
  })

  expect(authorization).toBe(`Bearer ${settingsData.producerToken}`)
  return body
}

describe(`Testing snapshot for ${destination.name}'s ${actionSlug} destination action:`, () => {
  it('required fields', async () => {
    expect(await snapshotRequest(true)).toMatchSnapshot()
  })

  it('all fields', async () => {
    expect(await snapshotRequest(false)).toMatchSnapshot()
  })
})
