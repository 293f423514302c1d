import { readdirSync, readFileSync } from 'fs'
import type { ClientRequest, OutgoingHttpHeaders } from 'http'
import path from 'path'
import nock from 'nock'
import { Destination } from '@segment/actions-core'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import { parseFql, validate } from '@segment/destination-subscriptions'
import definition from '../src/destinations/livelike-cloud'
import { PRODUCTION_API_BASE_URL } from '../src/destinations/livelike-cloud/constants'
import { settings } from '../src/destinations/livelike-cloud/__tests__/helpers'

interface ExpectedRequest {
  method: string
  path: string
  body: JSONObject
}

interface ExpectedError {
  name: string
  status: number
  message: string
}

interface Fixture {
  description: string
  event: SegmentEvent
  expected: { request?: ExpectedRequest; error?: ExpectedError }
}

type RequestFixture = Fixture & { expected: { request: ExpectedRequest } }
type ErrorFixture = Fixture & { expected: { error: ExpectedError } }

interface CapturedRequest {
  method: string
  path: string
  headers: OutgoingHttpHeaders
  body: unknown
}

const fixturesDir = path.join(__dirname, 'fixtures')
const fixtures: Fixture[] = readdirSync(fixturesDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8')))

const requestFixtures = fixtures.filter((fixture): fixture is RequestFixture => fixture.expected.request !== undefined)
const errorFixtures = fixtures.filter((fixture): fixture is ErrorFixture => fixture.expected.error !== undefined)

const destination = new Destination(definition)

/** The preset whose subscription matches the event, as Segment's matcher decides. */
function presetSubscription(event: SegmentEvent): JSONObject {
  const preset = definition.presets?.find((candidate) => {
    const condition = candidate.type === 'automatic' ? parseFql(candidate.subscribe) : undefined
    return condition !== undefined && !('error' in condition) && validate(condition, event)
  })
  if (preset?.type !== 'automatic') {
    throw new Error(`No preset subscribes to ${event.type} calls`)
  }
  return { partnerAction: preset.partnerAction, subscribe: preset.subscribe, mapping: preset.mapping ?? {} }
}

function replay(event: SegmentEvent) {
  return destination.onEvent(event, { ...settings, subscription: presetSubscription(event) })
}

function interceptLiveLike() {
  const requests: CapturedRequest[] = []
  const scope = nock(new URL(PRODUCTION_API_BASE_URL).origin)
    .intercept(() => true, 'POST')
    .reply(202)
  scope.on('request', (request: ClientRequest, _interceptor: nock.Interceptor, body: string) => {
    requests.push({ method: request.method, path: request.path, headers: request.getHeaders(), body: JSON.parse(body) })
  })
  return { scope, requests }
}

describe('fixture replay through the presets', () => {
  it('gives every fixture a unique description and either an expected request or an expected error', () => {
    const descriptions = fixtures.map((fixture) => fixture.description)
    expect(new Set(descriptions).size).toBe(fixtures.length)
    expect(requestFixtures.length + errorFixtures.length).toBe(fixtures.length)
    expect(requestFixtures.filter((fixture) => fixture.expected.error !== undefined)).toEqual([])
  })

  describe('events LiveLike receives', () => {
    test.each(requestFixtures)('$description', async ({ event, expected }) => {
      const { scope, requests } = interceptLiveLike()

      await replay(event)

      expect(requests).toHaveLength(1)
      const [sent] = requests
      expect(sent.method).toBe(expected.request.method)
      expect(sent.path).toBe(expected.request.path)
      expect(sent.headers).toMatchObject({
        authorization: `Bearer ${settings.producerToken}`,
        'content-type': 'application/json'
      })
      expect(sent.body).toEqual(expected.request.body)
      expect(JSON.stringify(sent.body)).not.toContain(settings.producerToken)
      expect(scope.isDone()).toBe(true)
    })
  })

  describe('events rejected before any request', () => {
    test.each(errorFixtures)('$description', async ({ event, expected }) => {
      const { scope, requests } = interceptLiveLike()

      const error: Error & { status?: number } = await replay(event).then(
        () => new Error('expected the event to be rejected'),
        (rejection: Error & { status?: number }) => rejection
      )

      expect({
        name: error.name,
        className: error.constructor.name,
        status: error.status,
        message: error.message
      }).toEqual({
        name: expected.error.name,
        className: expected.error.name,
        status: expected.error.status,
        message: expected.error.message
      })
      expect(error.message).not.toContain(settings.producerToken)
      expect(requests).toEqual([])
      expect(scope.isDone()).toBe(false)
    })
  })
})
