import { createTestEvent, createTestIntegration, defaultValues, RetryableError } from '@segment/actions-core'
import destination from '../../index'
import sendEvent from '../index'
import { liveLikeApi, segmentEventsPath, settings } from '../../__tests__/helpers'

jest.mock('../../constants', () => ({ ...jest.requireActual('../../constants'), REQUEST_TIMEOUT_MS: 50 }))

const event = createTestEvent({ properties: { livelike_profile_id: 'profile-9' } })

describe('sendEvent timeouts', () => {
  it('ends a call LiveLike does not answer in time as a retryable error', async () => {
    liveLikeApi().post(segmentEventsPath()).delayConnection(500).reply(202)

    const request = createTestIntegration(destination).testAction('sendEvent', {
      event,
      settings,
      useDefaultMappings: true
    })

    await expect(request).rejects.toBeInstanceOf(RetryableError)
    await expect(request).rejects.toMatchObject({
      status: 408,
      message: 'LiveLike did not answer within 0.05 s; Segment will retry.'
    })
  })

  it('marks every event of a batch retryable when LiveLike does not answer in time', async () => {
    liveLikeApi().post(segmentEventsPath()).delayConnection(500).reply(202)

    const results = await createTestIntegration(destination).executeBatch('sendEvent', {
      events: [event, event],
      mapping: defaultValues(sendEvent.fields),
      settings
    })

    expect(results).toEqual(
      Array(2).fill(
        expect.objectContaining({
          status: 408,
          errortype: 'RETRYABLE_ERROR',
          errormessage: 'LiveLike did not answer within 0.05 s; Segment will retry.'
        })
      )
    )
  })
})
