import nock from 'nock'
import { createTestIntegration, PayloadValidationError } from '@segment/actions-core'
import type { DestinationDefinition, JSONObject, SegmentEvent } from '@segment/actions-core'
import upstream from '@segment/action-destinations/dist/destinations/livelike-cloud'
import ours from '../../index'
import type { Settings } from '../../generated-types'
import { audienceSyncPath, liveLikeApi, settings } from '../../__tests__/helpers'
import {
  AT,
  AUDIENCE_KEY,
  BEARER,
  engageIdentify,
  engageTrack,
  item,
  personas,
  syncBatchWith,
  syncWith
} from './engage-events'

// The destination Segment publishes today (@segment/action-destinations), run next to ours on the same events.
const destinations: DestinationDefinition<Settings>[] = [upstream, ours]

function acceptAudienceSync(): nock.Scope {
  return liveLikeApi().post(audienceSyncPath()).reply(202)
}

const unicodeKey = 'fans_été_⚽'

const sameOnTheWire: [string, SegmentEvent, JSONObject][] = [
  [
    'an identify call for a user entering an audience',
    engageIdentify({ [AUDIENCE_KEY]: true, email: 'ana@example.com', livelike_profile_id: 'llp-42', plan: 'gold' }),
    {}
  ],
  ['an identify call for a user exiting an audience', engageIdentify({ [AUDIENCE_KEY]: false }), {}],
  ['a track call for a user entering an audience', engageTrack({ [AUDIENCE_KEY]: true, email: 'ana@example.com' }), {}],
  [
    'a track call for a user exiting an audience',
    engageTrack({ [AUDIENCE_KEY]: false, livelike_profile_id: 'llp-42' }),
    {}
  ],
  [
    'an identify call for a user known only by email',
    engageIdentify({ [AUDIENCE_KEY]: true, email: 'ben@example.com' }, { userId: null }),
    {}
  ],
  [
    'an identify call with unicode audience key and traits',
    engageIdentify(
      { [unicodeKey]: true, email: 'zoë@exämple.com', nickname: 'Zoë 李 🎉' },
      { context: { personas: personas(unicodeKey) } }
    ),
    { additional_user_traits: { email: { '@path': '$.traits.email' }, nickname: { '@path': '$.traits.nickname' } } }
  ],
  [
    'a plain track call with the Action mapping',
    { type: 'track', event: 'Fan Club Joined', userId: 'user-2002', timestamp: AT, properties: { club: 'Night Owls' } },
    { audience_id: 'club-night-owls', audience_name: { '@path': '$.properties.club' }, action: true }
  ]
]

describe('parity with the published LiveLike destination', () => {
  it.each(sameOnTheWire)('sends the same request as upstream for %s', async (_case, event, mapping) => {
    const requests = []
    for (const definition of destinations) {
      acceptAudienceSync()
      requests.push(await syncWith(definition, event, mapping))
    }
    const [upstreamRequest, ourRequest] = requests
    expect(ourRequest).toEqual(upstreamRequest)
    expect(ourRequest).toMatchObject({ method: 'POST', authorization: BEARER })
  })

  it('sends the same batch body as upstream when every item is valid', async () => {
    const events = sameOnTheWire.filter(([, , mapping]) => Object.keys(mapping).length === 0).map(([, event]) => event)
    const bodies = []
    for (const definition of destinations) {
      acceptAudienceSync()
      const { requests, results } = await syncBatchWith(definition, events)
      expect(requests).toHaveLength(1)
      expect(results.map((result) => result.status)).toEqual(events.map(() => 202))
      bodies.push(requests[0].body)
    }
    expect(bodies[1]).toEqual(bodies[0])
    expect(bodies[1]).toHaveLength(events.length)
  })
})

describe('deliberate differences from the published LiveLike destination', () => {
  it('sends the timestamp in UTC, where upstream forwards the offset form as received', async () => {
    const event = engageIdentify({ [AUDIENCE_KEY]: true }, { timestamp: '2024-05-06T12:11:12+02:00' })
    acceptAudienceSync()
    expect((await syncWith(upstream, event)).body).toEqual([
      item({ action: true, user_id: 'user-1001', timestamp: '2024-05-06T12:11:12+02:00' })
    ])
    acceptAudienceSync()
    expect((await syncWith(ours, event)).body).toEqual([
      item({ action: true, user_id: 'user-1001', timestamp: '2024-05-06T10:11:12Z' })
    ])
  })

  it('rejects a record with no user ID, profile ID or email, which upstream sends', async () => {
    const event = engageIdentify({ [AUDIENCE_KEY]: true }, { userId: null })
    acceptAudienceSync()
    expect((await syncWith(upstream, event)).body).toEqual([item({ action: true })])

    const scope = acceptAudienceSync()
    await expect(
      createTestIntegration(ours).testAction('syncToUserGroup', { event, settings, useDefaultMappings: true })
    ).rejects.toThrow(PayloadValidationError)
    expect(scope.isDone()).toBe(false)
  })

  it('leaves blank identifiers out, where upstream sends them as empty strings', async () => {
    const event = engageIdentify({ [AUDIENCE_KEY]: true, email: '', livelike_profile_id: '  ' })
    acceptAudienceSync()
    expect((await syncWith(upstream, event)).body).toEqual([
      item({ action: true, user_id: 'user-1001', email: '', livelike_profile_id: '  ' })
    ])
    acceptAudienceSync()
    expect((await syncWith(ours, event)).body).toEqual([item({ action: true, user_id: 'user-1001' })])
  })

  it('keeps the computed membership when a trait is named action, where upstream lets the trait overwrite it', async () => {
    const event = engageIdentify({ [AUDIENCE_KEY]: false })
    const mapping = { additional_user_traits: { action: true, audience_id: 'aud_spoofed' } }
    acceptAudienceSync()
    expect((await syncWith(upstream, event, mapping)).body).toEqual([
      item({ action: true, audience_id: 'aud_spoofed', user_id: 'user-1001' })
    ])
    acceptAudienceSync()
    expect((await syncWith(ours, event, mapping)).body).toEqual([item({ action: false, user_id: 'user-1001' })])
  })

  it('reads the string flags "true" and "false" as membership, where upstream rejects them', async () => {
    const event = engageIdentify({ [AUDIENCE_KEY]: 'false' })
    await expect(
      createTestIntegration(upstream).testAction('syncToUserGroup', { event, settings, useDefaultMappings: true })
    ).rejects.toThrow('Action must be a boolean value')
    acceptAudienceSync()
    expect((await syncWith(ours, event)).body).toEqual([item({ action: false, user_id: 'user-1001' })])
  })

  it('reports an item without membership on its own, where upstream fails the whole batch', async () => {
    const events = [
      engageIdentify({ [AUDIENCE_KEY]: true }, { userId: 'user-1' }),
      engageIdentify({ email: 'no-flag@example.com' }, { userId: 'user-2' }),
      engageTrack({ [AUDIENCE_KEY]: false }, { userId: 'user-3' })
    ]
    const upstreamScope = acceptAudienceSync()
    await expect(syncBatchWith(upstream, events)).rejects.toThrow('Action must be a boolean value')
    expect(upstreamScope.isDone()).toBe(false)
    nock.cleanAll()

    acceptAudienceSync()
    const { requests, results } = await syncBatchWith(ours, events)
    expect(requests.map((request) => request.body)).toEqual([
      [item({ action: true, user_id: 'user-1' }), item({ action: false, user_id: 'user-3' })]
    ])
    expect(results.map((result) => result.status)).toEqual([202, 400, 202])
  })

  it('delivers the rest of a batch LiveLike rejects for one item, where upstream fails the whole batch', async () => {
    const detail = 'Enter a valid email address.'
    const rejectPoisoned = () =>
      liveLikeApi()
        .post(audienceSyncPath())
        .times(10)
        .reply((_uri, body) =>
          (body as { email?: string }[]).some((sentItem) => sentItem.email === 'not-an-email')
            ? [400, { detail }]
            : [202]
        )
    const events = [
      engageIdentify({ [AUDIENCE_KEY]: true }, { userId: 'user-1' }),
      engageIdentify({ [AUDIENCE_KEY]: true, email: 'not-an-email' }, { userId: 'user-2' }),
      engageIdentify({ [AUDIENCE_KEY]: true }, { userId: 'user-3' })
    ]
    rejectPoisoned()
    await expect(syncBatchWith(upstream, events)).rejects.toThrow('Bad Request')
    nock.cleanAll()

    rejectPoisoned()
    const { results } = await syncBatchWith(ours, events)
    expect(results).toEqual([
      expect.objectContaining({ status: 202 }),
      expect.objectContaining({
        status: 400,
        errormessage: expect.stringContaining(`LiveLike answered 400: ${detail}`)
      }),
      expect.objectContaining({ status: 202 })
    ])
  })

  it("keeps LiveLike's detail in the error, where upstream reports only the status text", async () => {
    const event = engageIdentify({ [AUDIENCE_KEY]: true })
    const detail = 'audience_name may not be longer than 100 characters.'
    liveLikeApi().post(audienceSyncPath()).reply(400, { detail })
    await expect(
      createTestIntegration(upstream).testAction('syncToUserGroup', { event, settings, useDefaultMappings: true })
    ).rejects.toThrow(/^Bad Request$/)
    liveLikeApi().post(audienceSyncPath()).reply(400, { detail })
    await expect(
      createTestIntegration(ours).testAction('syncToUserGroup', { event, settings, useDefaultMappings: true })
    ).rejects.toThrow(`LiveLike answered 400: ${detail}`)
  })

  it('reports a refused token on every item of a batch, where upstream fails the whole batch', async () => {
    const events = [
      engageIdentify({ [AUDIENCE_KEY]: true }, { userId: 'user-1' }),
      engageIdentify({ [AUDIENCE_KEY]: false }, { userId: 'user-2' })
    ]
    liveLikeApi().post(audienceSyncPath()).reply(401, { detail: 'Invalid token.' })
    await expect(syncBatchWith(upstream, events)).rejects.toThrow('Unauthorized')
    liveLikeApi().post(audienceSyncPath()).reply(401, { detail: 'Invalid token.' })
    const { results } = await syncBatchWith(ours, events)
    expect(results).toEqual(
      events.map(() => expect.objectContaining({ status: 401, errortype: 'INVALID_AUTHENTICATION' }))
    )
  })

  it('reports per item what LiveLike received, where upstream reports the mapped payload with hidden fields', async () => {
    const events = [engageIdentify({ [AUDIENCE_KEY]: true, plan: 'gold' })]
    acceptAudienceSync()
    const upstreamResult = (await syncBatchWith(upstream, events)).results[0]
    expect(upstreamResult).toMatchObject({
      status: 202,
      sent: { traits_or_properties_hidden: { [AUDIENCE_KEY]: true, plan: 'gold' }, enable_batching: true }
    })
    acceptAudienceSync()
    const ourResult = (await syncBatchWith(ours, events)).results[0]
    expect(ourResult).toEqual({ status: 202, sent: item({ action: true, user_id: 'user-1001' }), body: '' })
  })

  it('keeps a client ID in one path segment, where upstream puts it into the path unencoded', async () => {
    const event = engageIdentify({ [AUDIENCE_KEY]: true })
    const slashed = { ...settings, clientId: 'acme/prod' }
    const upstreamScope = liveLikeApi().post('/api/v1/applications/acme/prod/segment-audience-sync/').reply(202)
    await createTestIntegration(upstream).testAction('syncToUserGroup', {
      event,
      settings: slashed,
      useDefaultMappings: true
    })
    expect(upstreamScope.isDone()).toBe(true)
    const ourScope = liveLikeApi().post(audienceSyncPath('acme/prod')).reply(202)
    const [response] = await createTestIntegration(ours).testAction('syncToUserGroup', {
      event,
      settings: slashed,
      useDefaultMappings: true
    })
    expect(ourScope.isDone()).toBe(true)
    expect(response.request.url).toContain('/applications/acme%2Fprod/segment-audience-sync/')
  })
})
