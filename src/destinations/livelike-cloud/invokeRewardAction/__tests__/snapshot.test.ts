import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import { generateTestData } from '@segment/action-destinations/dist/lib/test-data'
import nock from 'nock'
import destination from '../../index'
import { headersOf, invokedActionsPath } from '../../__tests__/helpers'

const actionSlug = 'invokeRewardAction'
const seedName = `${destination.slug}#${actionSlug}`
const action = destination.actions[actionSlug]
// Generated strings are not UUIDs, and LiveLike needs one as a profile ID: every snapshot pins it. The message ID,
// the code when none is mapped, is random in a test event: pinned too.
const profile_id = '3f1c9a2e-7b5d-4e8a-9c61-2d4f8b0a7e13'
const messageId = 'snapshot-message-id'

async function snapshotRequest(isRequiredOnly: boolean) {
  const [eventData, settingsData] = generateTestData(seedName, destination, action, isRequiredOnly)
  let body: unknown
  let authorization: unknown
  nock('https://cf-blast.livelikecdn.com')
    .post(invokedActionsPath())
    .reply(function (_uri, sent) {
      body = sent
      authorization = headersOf(this.req).authorization
      return [201, {}]
    })

  await createTestIntegration(destination).testAction(actionSlug, {
    event: createTestEvent({ messageId, properties: eventData }),
    mapping: { ...eventData, profile_id },
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
