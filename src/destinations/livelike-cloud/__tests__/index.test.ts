import { createTestEvent, createTestIntegration, Destination, InvalidAuthenticationError } from '@segment/actions-core'
import nock from 'nock'
import definition from '../index'
import { headersOf, liveLikeApi, segmentEventsPath, settings, validateAppPath } from './helpers'

describe('LiveLike destination', () => {
  describe('testAuthentication', () => {
    it('accepts credentials LiveLike validates', async () => {
      const scope = liveLikeApi().get(validateAppPath()).reply(200, { detail: 'ok' })

      await expect(createTestIntegration(definition).testAuthentication(settings)).resolves.not.toThrow()
      expect(scope.isDone()).toBe(true)
    })

    it('tells the customer which settings to check when LiveLike refuses the token', async () => {
      liveLikeApi().get(validateAppPath()).reply(401, { detail: 'Invalid token.' })

      await expect(createTestIntegration(definition).testAuthentication(settings)).rejects.toThrow(
        'LiveLike answered 401: Invalid token. Check the Producer Token and Client ID settings: copy both again from the LiveLike Producer Suite (Integrations > Segment).'
      )
    })

    it('says no LiveLike application has the Client ID when LiveLike answers 404', async () => {
      liveLikeApi().get(validateAppPath()).reply(404, { detail: 'Not found.' })

      await expect(createTestIntegration(definition).testAuthentication(settings)).rejects.toThrow(
        'LiveLike has no application with this Client ID: copy the Client ID again from the LiveLike Producer Suite (Integrations > Segment).'
      )
    })

    it('reports a LiveLike outage as such rather than as bad credentials', async () => {
      liveLikeApi().get(validateAppPath()).reply(503, 'Service Unavailable')

      await expect(createTestIntegration(definition).testAuthentication(settings)).rejects.toThrow(
        'LiveLike answered 503: Service Unavailable. LiveLike is busy or unavailable; Segment will retry.'
      )
    })

    it.each([
      ['clientId', { producerToken: settings.producerToken }],
      ['producerToken', { clientId: settings.clientId }]
    ])('rejects settings without %s before calling LiveLike', async (key, partialSettings) => {
      await expect(
        createTestIntegration(definition).testAuthentication(partialSettings as typeof settings)
      ).rejects.toThrow(`The root value is missing the required field '${key}'.`)
    })

    it('never puts the Producer Token in what it throws', async () => {
      liveLikeApi()
        .get(validateAppPath())
        .reply(403, { detail: `Token ${settings.producerToken} revoked.` })

      const error = await createTestIntegration(definition)
        .testAuthentication(settings)
        .catch((thrown: Error) => thrown)

      expect(String((error as Error).message)).not.toContain(settings.producerToken)
    })
  })

  it('sends the Producer Token only in the Authorization header', async () => {
    let requestHeaders: Record<string, string> = {}
    let requestBody = ''
    nock('https://cf-blast.livelikecdn.com')
      .post(segmentEventsPath())
      .reply(function (uri, body) {
        requestHeaders = headersOf(this.req)
        requestBody = `${uri} ${JSON.stringify(body)}`
        return [202, {}]
      })

    await createTestIntegration(definition).testAction('sendEvent', {
      event: createTestEvent({ properties: { livelike_profile_id: 'profile-9' } }),
      settings,
      useDefaultMappings: true
    })

    const headersWithToken = Object.entries(requestHeaders).filter(([, value]) =>
      value.includes(settings.producerToken)
    )
    expect(headersWithToken).toEqual([['authorization', `Bearer ${settings.producerToken}`]])
    expect(requestBody).not.toContain(settings.producerToken)
  })

  it('runs a subscribed event under its catalog name without schema key errors', async () => {
    const trackPreset = definition.presets?.find((preset) => preset.name === 'Track Calls') as { mapping: object }
    const scope = nock('https://cf-blast.livelikecdn.com').post(segmentEventsPath()).reply(202, {})

    const results = await new Destination(definition).onEvent(createTestEvent({ properties: { custom_id: 'crm-1' } }), {
      ...settings,
      subscription: { partnerAction: 'sendEvent', subscribe: 'type = "track"', mapping: trackPreset.mapping }
    } as never)

    expect(results).toContainEqual(expect.objectContaining({ output: 'Action Executed' }))
    expect(scope.isDone()).toBe(true)
  })

  it.each([
    ['a trailing line break', `${settings.producerToken}\n`],
    ['a space', 'fake producer token'],
    ['a non-ASCII character', 'fake-tökén'],
    ['nothing', '']
  ])('refuses a Producer Token with %s before any request, without quoting it', async (_case, producerToken) => {
    const attempts = [
      createTestIntegration(definition).testAuthentication({ ...settings, producerToken }),
      createTestIntegration(definition).testAction('sendEvent', {
        event: createTestEvent({ properties: { custom_id: 'crm-1' } }),
        settings: { ...settings, producerToken },
        useDefaultMappings: true
      })
    ]

    for (const attempt of attempts) {
      const error = await attempt.then(
        () => new Error('expected a refusal'),
        (thrown: Error) => thrown
      )
      expect(error).toBeInstanceOf(InvalidAuthenticationError)
      expect(error.message).toBe(
        'The Producer Token setting is empty or holds spaces, line breaks or other characters a token cannot have: copy it again from the LiveLike Producer Suite (Integrations > Segment).'
      )
    }
  })

  it('refuses a Client ID that cannot be percent-encoded', async () => {
    await expect(
      createTestIntegration(definition).testAuthentication({ ...settings, clientId: 'app\uD800' })
    ).rejects.toThrow('The Client ID setting is not a LiveLike Client ID')
  })

  it('refuses a dot-segment Client ID in testAuthentication', async () => {
    await expect(createTestIntegration(definition).testAuthentication({ ...settings, clientId: '..' })).rejects.toThrow(
      'The Client ID setting is not a LiveLike Client ID'
    )
  })
})
