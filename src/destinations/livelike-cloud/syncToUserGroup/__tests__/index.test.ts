import type nock from 'nock'
import {
  APIError,
  createTestIntegration,
  InvalidAuthenticationError,
  PayloadValidationError,
  RetryableError
} from '@segment/actions-core'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import destination from '../../index'
import { audienceSyncPath, liveLikeApi, settings } from '../../__tests__/helpers'
import {
  AT,
  AUDIENCE_KEY,
  AUDIENCE_SYNC_URL,
  BEARER,
  engageIdentify,
  engageTrack,
  item,
  personas,
  syncBatchWith,
  syncWith
} from './engage-events'

function acceptAudienceSync(): nock.Scope {
  return liveLikeApi().post(audienceSyncPath()).reply(202)
}

describe('single event', () => {
  const sync = (event: SegmentEvent, mapping?: JSONObject) => syncWith(destination, event, mapping)

  it('adds a user who entered an Engage audience, from the traits of the identify call', async () => {
    acceptAudienceSync()
    const request = await sync(
      engageIdentify({ [AUDIENCE_KEY]: true, email: 'ana@example.com', livelike_profile_id: 'llp-42', plan: 'gold' })
    )
    expect(request).toEqual({
      method: 'POST',
      url: AUDIENCE_SYNC_URL,
      authorization: BEARER,
      body: [item({ action: true, user_id: 'user-1001', email: 'ana@example.com', livelike_profile_id: 'llp-42' })]
    })
  })

  it('removes a user who exited an Engage audience, from the properties of the track call', async () => {
    acceptAudienceSync()
    const request = await sync(engageTrack({ [AUDIENCE_KEY]: false, email: 'ana@example.com' }))
    expect(request.body).toEqual([item({ action: false, user_id: 'user-1001', email: 'ana@example.com' })])
  })

  it('places a user known only by email', async () => {
    acceptAudienceSync()
    const request = await sync(engageIdentify({ [AUDIENCE_KEY]: true, email: 'ben@example.com' }, { userId: null }))
    expect(request.body).toEqual([item({ action: true, email: 'ben@example.com' })])
  })

  it('places a user known only by LiveLike profile ID', async () => {
    acceptAudienceSync()
    const request = await sync(engageTrack({ [AUDIENCE_KEY]: true, livelike_profile_id: 'llp-77' }, { userId: null }))
    expect(request.body).toEqual([item({ action: true, livelike_profile_id: 'llp-77' })])
  })

  it('sends unicode audience keys and traits unchanged', async () => {
    acceptAudienceSync()
    const key = 'fans_été_⚽'
    const request = await sync(
      engageIdentify(
        { [key]: true, email: 'zoë@exämple.com', nickname: 'Zoë 李 🎉' },
        { context: { personas: personas(key) } }
      ),
      {
        additional_user_traits: {
          email: { '@path': '$.traits.email' },
          nickname: { '@path': '$.traits.nickname' }
        }
      }
    )
    expect(request.body).toEqual([
      item({
        audience_name: key,
        action: true,
        user_id: 'user-1001',
        email: 'zoë@exämple.com',
        nickname: 'Zoë 李 🎉'
      })
    ])
  })

  it.each([
    ['adds', true],
    ['removes', false]
  ])('%s the user of a plain event when the Action mapping says %s', async (_verb, action) => {
    acceptAudienceSync()
    const request = await sync(
      {
        type: 'track',
        event: action ? 'Fan Club Joined' : 'Fan Club Left',
        userId: 'user-2002',
        timestamp: AT,
        properties: { club_id: 'club-9', club_name: 'Night Owls' }
      },
      {
        audience_id: { '@path': '$.properties.club_id' },
        audience_name: { '@path': '$.properties.club_name' },
        action
      }
    )
    expect(request.body).toEqual([
      { audience_id: 'club-9', audience_name: 'Night Owls', action, timestamp: AT, user_id: 'user-2002' }
    ])
  })

  it('lets the Action mapping override the flag Engage put in the traits', async () => {
    acceptAudienceSync()
    const request = await sync(engageIdentify({ [AUDIENCE_KEY]: true }), { action: false })
    expect(request.body).toEqual([item({ action: false, user_id: 'user-1001' })])
  })

  it.each([
    ['true', true],
    ['false', false]
  ])('reads the string flag "%s" as membership %s', async (flag, action) => {
    acceptAudienceSync()
    const request = await sync(engageIdentify({ [AUDIENCE_KEY]: flag }))
    expect(request.body).toEqual([item({ action, user_id: 'user-1001' })])
  })

  it('reads an Action mapped to the string "false" as a removal', async () => {
    acceptAudienceSync()
    const request = await sync(
      { type: 'track', event: 'Fan Club Left', userId: 'user-2002', timestamp: AT, properties: { member: 'false' } },
      { audience_id: 'club-9', audience_name: 'Night Owls', action: { '@path': '$.properties.member' } }
    )
    expect(request.body).toEqual([
      { audience_id: 'club-9', audience_name: 'Night Owls', action: false, timestamp: AT, user_id: 'user-2002' }
    ])
  })

  it('moves an offset timestamp to UTC and keeps a UTC one exactly as it came', async () => {
    acceptAudienceSync()
    const request = await sync(engageIdentify({ [AUDIENCE_KEY]: true }, { timestamp: '2024-05-06T12:11:12+02:00' }))
    expect(request.body).toEqual([item({ action: true, user_id: 'user-1001', timestamp: '2024-05-06T10:11:12Z' })])

    acceptAudienceSync()
    const exact = await sync(engageIdentify({ [AUDIENCE_KEY]: true }, { timestamp: '2024-05-06T10:11:12.933696Z' }))
    expect(exact.body).toEqual([item({ action: true, user_id: 'user-1001', timestamp: '2024-05-06T10:11:12.933696Z' })])
  })

  it('keeps the computed keys when additional traits reuse their names', async () => {
    acceptAudienceSync()
    const request = await sync(engageIdentify({ [AUDIENCE_KEY]: false, email: 'ana@example.com' }), {
      additional_user_traits: {
        email: { '@path': '$.traits.email' },
        action: true,
        audience_id: 'aud_spoofed',
        audience_name: 'spoofed',
        timestamp: '1999-01-01T00:00:00.000Z',
        user_id: 'someone-else'
      }
    })
    expect(request.body).toEqual([item({ action: false, user_id: 'user-1001', email: 'ana@example.com' })])
  })

  it('rejects an event without membership, explaining both ways to fix it', async () => {
    const scope = acceptAudienceSync()
    const testDestination = createTestIntegration(destination)
    const attempt = testDestination.testAction('syncToUserGroup', {
      event: engageIdentify({ email: 'ana@example.com' }),
      settings,
      useDefaultMappings: true
    })
    await expect(attempt).rejects.toThrow(PayloadValidationError)
    await expect(attempt).rejects.toThrow(
      'Cannot tell whether to add or remove the user: the Action field is empty and the event has no true or false ' +
        `under "${AUDIENCE_KEY}" in its traits or properties. For an Engage audience, keep the default mappings of ` +
        'Segment Audience ID and Segment Audience Name; otherwise set Action to true (add) or false (remove).'
    )
    expect(scope.isDone()).toBe(false)
  })

  it.each([['yes'], [1], [null], [{ entered: true }]])(
    'rejects the membership flag %j, which is neither a boolean nor "true" or "false"',
    async (flag) => {
      const scope = acceptAudienceSync()
      const testDestination = createTestIntegration(destination)
      await expect(
        testDestination.testAction('syncToUserGroup', {
          event: engageIdentify({ [AUDIENCE_KEY]: flag }),
          settings,
          useDefaultMappings: true
        })
      ).rejects.toThrow('Cannot tell whether to add or remove the user')
      expect(scope.isDone()).toBe(false)
    }
  )

  it.each([
    ['no identifier at all', {}],
    ['blank identifiers', { userId: '', traits: { [AUDIENCE_KEY]: true, email: '  ', livelike_profile_id: '' } }]
  ])('rejects a user with %s', async (_case: string, event: Partial<SegmentEvent>) => {
    const scope = acceptAudienceSync()
    const testDestination = createTestIntegration(destination)
    const attempt = testDestination.testAction('syncToUserGroup', {
      event: engageIdentify({ [AUDIENCE_KEY]: true }, { userId: null, ...event }),
      settings,
      useDefaultMappings: true
    })
    await expect(attempt).rejects.toThrow(PayloadValidationError)
    await expect(attempt).rejects.toThrow(
      'The audience update has no user LiveLike can place: map at least one of the fields User ID (user_id), ' +
        'LiveLike User Profile ID (additional_user_traits.livelike_profile_id) or Email (additional_user_traits.email).'
    )
    expect(scope.isDone()).toBe(false)
  })

  it('rejects a timestamp that is not a date, naming the field', async () => {
    const scope = acceptAudienceSync()
    const testDestination = createTestIntegration(destination)
    await expect(
      testDestination.testAction('syncToUserGroup', {
        event: engageIdentify({ [AUDIENCE_KEY]: true }),
        settings,
        mapping: { timestamp: 'last tuesday' },
        useDefaultMappings: true
      })
    ).rejects.toThrow('The Timestamp field (timestamp) is "last tuesday", which is not a date.')
    expect(scope.isDone()).toBe(false)
  })

  it("surfaces LiveLike's detail when it rejects the update", async () => {
    liveLikeApi()
      .post(audienceSyncPath())
      .reply(400, { detail: 'audience_name may not be longer than 100 characters.' })
    const testDestination = createTestIntegration(destination)
    const attempt = testDestination.testAction('syncToUserGroup', {
      event: engageIdentify({ [AUDIENCE_KEY]: true }),
      settings,
      useDefaultMappings: true
    })
    await expect(attempt).rejects.toThrow(APIError)
    await expect(attempt).rejects.toThrow('LiveLike answered 400: audience_name may not be longer than 100 characters.')
  })

  it('throws an authentication error when LiveLike refuses the token', async () => {
    liveLikeApi().post(audienceSyncPath()).reply(401, { detail: 'Invalid token.' })
    const testDestination = createTestIntegration(destination)
    const attempt = testDestination.testAction('syncToUserGroup', {
      event: engageIdentify({ [AUDIENCE_KEY]: true }),
      settings,
      useDefaultMappings: true
    })
    await expect(attempt).rejects.toThrow(InvalidAuthenticationError)
    await expect(attempt).rejects.toThrow('LiveLike answered 401: Invalid token')
    await expect(attempt).rejects.toThrow('Check the Producer Token and Client ID settings')
  })

  it('throws a retryable error when LiveLike is unavailable', async () => {
    liveLikeApi().post(audienceSyncPath()).reply(503, 'upstream connect error')
    const testDestination = createTestIntegration(destination)
    const attempt = testDestination.testAction('syncToUserGroup', {
      event: engageIdentify({ [AUDIENCE_KEY]: true }),
      settings,
      useDefaultMappings: true
    })
    await expect(attempt).rejects.toThrow(RetryableError)
    await expect(attempt).rejects.toMatchObject({ status: 503 })
  })
})

describe('batch events', () => {
  const syncBatch = (events: SegmentEvent[], mapping?: JSONObject) => syncBatchWith(destination, events, mapping)

  const entered = (userId: string, traits: JSONObject = {}) =>
    engageIdentify({ [AUDIENCE_KEY]: true, ...traits }, { userId })

  it('sends the entries and exits of an Engage batch in one request', async () => {
    acceptAudienceSync()
    const { requests, results } = await syncBatch([
      entered('user-1', { email: 'one@example.com' }),
      engageTrack({ [AUDIENCE_KEY]: false }, { userId: 'user-2' }),
      engageIdentify({ [AUDIENCE_KEY]: true, email: 'three@example.com' }, { userId: null }),
      engageTrack({ [AUDIENCE_KEY]: 'true', livelike_profile_id: 'llp-4' }, { userId: null })
    ])
    const expected = [
      item({ action: true, user_id: 'user-1', email: 'one@example.com' }),
      item({ action: false, user_id: 'user-2' }),
      item({ action: true, email: 'three@example.com' }),
      item({ action: true, livelike_profile_id: 'llp-4' })
    ]
    expect(requests).toEqual([{ method: 'POST', url: AUDIENCE_SYNC_URL, authorization: BEARER, body: expected }])
    expect(results).toEqual(expected.map((sentItem) => ({ status: 202, sent: sentItem, body: '' })))
  })

  it('sends only the valid items of a mixed batch and reports every item', async () => {
    acceptAudienceSync()
    const { requests, results } = await syncBatch([
      entered('user-1'),
      engageIdentify({ email: 'no-flag@example.com' }, { userId: 'user-2' }),
      engageTrack({ [AUDIENCE_KEY]: false }, { userId: 'user-3' }),
      engageIdentify({ [AUDIENCE_KEY]: true }, { userId: null }),
      entered('user-5', { email: 'five@example.com' }),
      engageIdentify({ [AUDIENCE_KEY]: true }, { context: {} })
    ])
    expect(requests).toHaveLength(1)
    expect(requests[0].body).toEqual([
      item({ action: true, user_id: 'user-1' }),
      item({ action: false, user_id: 'user-3' }),
      item({ action: true, user_id: 'user-5', email: 'five@example.com' })
    ])
    expect(results).toHaveLength(6)
    expect(results.map((result) => result.status)).toEqual([202, 400, 202, 400, 202, 400])
    expect(results[1]).toMatchObject({
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: expect.stringContaining('Cannot tell whether to add or remove the user')
    })
    expect(results[3]).toMatchObject({
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: expect.stringContaining('The audience update has no user LiveLike can place')
    })
    expect(results[5]).toMatchObject({
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage:
        "The root value is missing the required field 'audience_id'. The root value is missing the required field 'audience_name'."
    })
  })

  it('sends nothing when no item of the batch is valid', async () => {
    const scope = acceptAudienceSync()
    const { requests, results } = await syncBatch([
      engageIdentify({ email: 'no-flag@example.com' }),
      engageIdentify({ [AUDIENCE_KEY]: true }, { userId: null })
    ])
    expect(requests).toEqual([])
    expect(scope.isDone()).toBe(false)
    expect(results.map((result) => result.status)).toEqual([400, 400])
  })

  it('never forwards the hidden traits field or the batch settings', async () => {
    acceptAudienceSync()
    const { requests } = await syncBatch([entered('user-1', { plan: 'gold' })], { batch_size: 50 })
    const keys = Object.keys(requests[0].body[0])
    expect(keys.sort()).toEqual(['action', 'audience_id', 'audience_name', 'timestamp', 'user_id'])
  })

  it('isolates the item LiveLike rejects and delivers the others', async () => {
    const detail = 'Enter a valid email address.'
    const accepted: string[] = []
    let calls = 0
    liveLikeApi()
      .post(audienceSyncPath())
      .times(20)
      .reply((_uri, body) => {
        calls++
        const items = body as { user_id: string }[]
        if (items.some((sentItem) => sentItem.user_id === 'user-poisoned')) {
          return [400, { detail }]
        }
        accepted.push(...items.map((sentItem) => sentItem.user_id))
        return [202]
      })
    const userIds = ['user-1', 'user-2', 'user-3', 'user-poisoned', 'user-5', 'user-6', 'user-7']
    const { requests, results } = await syncBatch(
      userIds.map((userId) => entered(userId, userId === 'user-poisoned' ? { email: 'not-an-email' } : {}))
    )

    expect(accepted.sort()).toEqual(userIds.filter((userId) => userId !== 'user-poisoned'))
    // Halving a batch of n to find one item takes at most 1 + 2 * ceil(log2 n) requests.
    expect(calls).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(userIds.length)))
    expect(requests).toHaveLength(calls)
    expect(results).toHaveLength(userIds.length)
    results.forEach((result, index) => {
      if (userIds[index] === 'user-poisoned') {
        expect(result).toMatchObject({
          status: 400,
          errormessage: expect.stringContaining(`LiveLike answered 400: ${detail}`),
          sent: item({ action: true, user_id: 'user-poisoned', email: 'not-an-email' })
        })
      } else {
        expect(result).toEqual({ status: 202, sent: item({ action: true, user_id: userIds[index] }), body: '' })
      }
    })
  })

  it('reports every item when LiveLike rejects each one on its own', async () => {
    liveLikeApi().post(audienceSyncPath()).times(7).reply(422, { detail: 'Unknown audience.' })
    const { requests, results } = await syncBatch(['user-1', 'user-2', 'user-3', 'user-4'].map((id) => entered(id)))
    // Every split is tried once: 2n - 1 requests for n items.
    expect(requests).toHaveLength(7)
    expect(results.map((result) => [result.status, 'errormessage' in result && result.errormessage])).toEqual(
      Array(4).fill([422, expect.stringContaining('LiveLike answered 422: Unknown audience.')])
    )
  })

  it.each([
    [
      'an outage',
      503,
      'SERVICE_UNAVAILABLE',
      {},
      'LiveLike answered 503: no healthy upstream. LiveLike is busy or unavailable'
    ],
    ['rate limiting', 429, 'TOO_MANY_REQUESTS', { 'Retry-After': '30' }, 'LiveLike asked to wait 30 s.'],
    ['a refused token', 401, 'INVALID_AUTHENTICATION', {}, 'Check the Producer Token and Client ID settings']
  ])(
    'gives every item of the batch the status LiveLike answered for %s',
    async (_case: string, status: number, errortype: string, headers: Record<string, string>, message: string) => {
      liveLikeApi()
        .post(audienceSyncPath())
        .reply(status, status === 503 ? 'no healthy upstream' : { detail: 'Refused.' }, headers)
      const { requests, results } = await syncBatch(['user-1', 'user-2', 'user-3'].map((id) => entered(id)))
      expect(requests).toHaveLength(1)
      expect(results).toHaveLength(3)
      results.forEach((result, index) => {
        expect(result).toMatchObject({
          status,
          errortype,
          errormessage: expect.stringContaining(message),
          sent: item({ action: true, user_id: `user-${index + 1}` })
        })
      })
    }
  )

  it('marks every item retryable when LiveLike cannot be reached', async () => {
    liveLikeApi().post(audienceSyncPath()).replyWithError('socket hang up')
    const { results } = await syncBatch(['user-1', 'user-2'].map((id) => entered(id)))
    expect(results).toEqual(
      [1, 2].map((n) =>
        expect.objectContaining({
          status: 503,
          errortype: 'RETRYABLE_ERROR',
          errormessage: expect.stringContaining('Segment will retry'),
          sent: item({ action: true, user_id: `user-${n}` })
        })
      )
    )
  })
})
