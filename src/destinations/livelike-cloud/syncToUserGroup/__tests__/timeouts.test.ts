import { RetryableError } from '@segment/actions-core'
import destination from '../../index'
import { audienceSyncPath, liveLikeApi } from '../../__tests__/helpers'
import { AUDIENCE_KEY, engageIdentify, item, syncBatchWith, syncWith } from './engage-events'

// A short timeout against a reply held far longer: no fake clock, so the same test runs on upstream's jest 27.
jest.mock('../../constants', () => ({ ...jest.requireActual('../../constants'), REQUEST_TIMEOUT_MS: 50 }))

const entered = (userId: string) => engageIdentify({ [AUDIENCE_KEY]: true }, { userId })

describe('syncToUserGroup timeouts', () => {
  it('ends a call LiveLike does not answer in time as a retryable error', async () => {
    liveLikeApi().post(audienceSyncPath()).delayConnection(500).reply(202)

    const sync = syncWith(destination, entered('user-1'))

    await expect(sync).rejects.toBeInstanceOf(RetryableError)
    await expect(sync).rejects.toMatchObject({
      status: 408,
      message: 'LiveLike did not answer within 0.05 s; Segment will retry.'
    })
  })

  it('marks every item of a batch retryable when LiveLike does not answer in time', async () => {
    liveLikeApi().post(audienceSyncPath()).delayConnection(500).reply(202)

    const { results } = await syncBatchWith(destination, ['user-1', 'user-2'].map(entered))

    expect(results).toEqual(
      [1, 2].map((n) =>
        expect.objectContaining({
          status: 408,
          errortype: 'RETRYABLE_ERROR',
          errormessage: 'LiveLike did not answer within 0.05 s; Segment will retry.',
          sent: item({ action: true, user_id: `user-${n}` })
        })
      )
    )
  })
})
