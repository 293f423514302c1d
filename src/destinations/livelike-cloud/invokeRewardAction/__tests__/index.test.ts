import { inspect } from 'util'
import nock from 'nock'
import {
  APIError,
  createTestEvent,
  createTestIntegration,
  defaultValues,
  IntegrationError,
  InvalidAuthenticationError,
  PayloadValidationError,
  RetryableError
} from '@segment/actions-core'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import destination from '../../index'
import invokeRewardAction from '../index'
import { headersOf, invokedActionsPath, liveLikeApi, settings } from '../../__tests__/helpers'
import type { Invocation } from '../types'

const PROFILE_ID = '3f1c9a2e-7b5d-4e8a-9c61-2d4f8b0a7e13'
const PROGRAM_ID = 'a9b8c7d6-0000-4000-8000-000000000001'

const orderCompleted = (overrides: Partial<SegmentEvent> = {}): SegmentEvent =>
  createTestEvent({
    type: 'track',
    event: 'Order Completed',
    userId: 'user-42',
    messageId: 'msg-1',
    properties: { livelike_profile_id: PROFILE_ID, order_id: 'order-1042', total: 42.5 },
    ...overrides
  })

const mapping: JSONObject = {
  reward_action_key: 'purchase',
  program_id: PROGRAM_ID,
  code: { '@path': '$.properties.order_id' },
  attributes: { total: { '@path': '$.properties.total' } },
  description: 'Order completed'
}

// A subscription as Segment saves it: the action's defaults with the customer's choices over them.
const savedMapping: JSONObject = { ...defaultValues(invokeRewardAction.fields), ...mapping }

const granted = {
  id: 'inv-1',
  created_at: '2026-12-06T02:00:00Z',
  program_id: PROGRAM_ID,
  profile_id: PROFILE_ID,
  reward_action_key: 'purchase',
  code: 'order-1042',
  rewards: [{ reward_item_id: 'item-1', reward_item_name: 'Points', reward_item_amount: 10 }],
  description: 'Order completed'
}

function invoke(event: SegmentEvent, overrides: JSONObject = {}, clientSettings = settings) {
  return createTestIntegration(destination).testAction('invokeRewardAction', {
    event,
    settings: clientSettings,
    mapping: { ...mapping, ...overrides },
    useDefaultMappings: true
  })
}

async function invokeAndCatch(event: SegmentEvent, overrides: JSONObject = {}): Promise<Error> {
  return invoke(event, overrides).then(
    () => {
      throw new Error('expected the action to fail')
    },
    (error: Error) => error
  )
}

/** What the action returns for `event` delivered as Segment delivers it: through a subscription of `savedMapping`. */
async function deliveredThroughSavedSubscription(event: SegmentEvent): Promise<unknown> {
  const results = (await createTestIntegration(destination).onEvent(event, {
    ...settings,
    subscription: { subscribe: 'type = "track"', partnerAction: 'invokeRewardAction', mapping: savedMapping }
  })) as { data?: unknown }[]
  return results[results.length - 1].data
}

function answerWith(status: number, body: JSONObject | string) {
  liveLikeApi().post(invokedActionsPath()).reply(status, body)
}

describe('invokeRewardAction', () => {
  describe('single event', () => {
    it('posts one invocation with the Producer Token, the profile ID only, the mapped code and text attributes', async () => {
      let sent: Invocation | undefined
      let headers: Record<string, string> = {}
      liveLikeApi()
        .post(invokedActionsPath())
        .reply(function (_uri, body) {
          sent = body as Invocation
          headers = headersOf(this.req)
          return [201, granted]
        })

      const [response] = await invoke(orderCompleted())

      expect(response.options.method).toBe('POST')
      expect(response.url).toBe('https://cf-blast.livelikecdn.com/api/v1/invoked-actions/')
      expect(headers).toMatchObject({
        authorization: `Bearer ${settings.producerToken}`,
        'content-type': 'application/json'
      })
      expect(sent).toEqual({
        program_id: PROGRAM_ID,
        reward_action_key: 'purchase',
        profile_id: PROFILE_ID,
        code: 'order-1042',
        attributes: [{ key: 'total', value: '42.5' }],
        description: 'Order completed'
      })
      expect(response.status).toBe(201)
    })

    it('returns what LiveLike granted, so that the rewards are visible', async () => {
      answerWith(201, granted)

      const output = await deliveredThroughSavedSubscription(orderCompleted())

      expect(output).toEqual({ ok: true, status: 201, body: granted, alreadyGranted: false })
    })

    it('sends the custom profile ID when the event has no LiveLike profile ID', async () => {
      let sent: Invocation | undefined
      liveLikeApi()
        .post(invokedActionsPath(), (body: Invocation) => Boolean((sent = body)))
        .reply(201, granted)

      await invoke(orderCompleted({ properties: { order_id: 'order-1042' } }), { attributes: {} })

      expect(sent).toEqual({
        program_id: PROGRAM_ID,
        reward_action_key: 'purchase',
        custom_profile_id: 'user-42',
        code: 'order-1042',
        description: 'Order completed'
      })
    })

    it('defaults the code to the message ID, so that a retried event never grants twice', async () => {
      let sent: Invocation | undefined
      liveLikeApi()
        .post(invokedActionsPath(), (body: Invocation) => Boolean((sent = body)))
        .reply(201, granted)

      await invoke(orderCompleted(), { code: { '@path': '$.messageId' } })

      expect(sent?.code).toBe('msg-1')
    })

    it('sends the message ID as the code when the mapped code is blank, so that a retry still grants once', async () => {
      let sent: Invocation | undefined
      liveLikeApi()
        .post(invokedActionsPath(), (body: Invocation) => Boolean((sent = body)))
        .reply(201, granted)

      await invoke(orderCompleted({ properties: { livelike_profile_id: PROFILE_ID, order_id: ' ' } }))

      expect(sent?.code).toBe('msg-1')
    })

    it('takes a code LiveLike already used as a success that says it was granted before, and sends nothing more', async () => {
      const scope = liveLikeApi().post(invokedActionsPath()).once().reply(409, { detail: 'code already used.' })

      const output = await deliveredThroughSavedSubscription(orderCompleted())

      expect(scope.isDone()).toBe(true)
      expect(output).toEqual({
        ok: true,
        status: 409,
        body: { detail: 'code already used.' },
        alreadyGranted: true
      })
    })

    it('rejects a profile ID that is not a UUID before any request, naming the field', async () => {
      const error = await invokeAndCatch(orderCompleted({ properties: { livelike_profile_id: 'profile-9' } }))

      expect(error).toBeInstanceOf(PayloadValidationError)
      expect(error.message).toMatch(/^The LiveLike Profile ID field \(profile_id\) is not a LiveLike profile ID/)
    })

    it('rejects an event with no identity, naming both fields', async () => {
      const error = await invokeAndCatch(orderCompleted({ userId: undefined, properties: {} }))

      expect(error).toBeInstanceOf(PayloadValidationError)
      expect(error.message).toContain('map LiveLike Profile ID (profile_id) or Custom Profile ID (custom_profile_id)')
    })

    it('rejects an attribute that is an object, naming it', async () => {
      const error = await invokeAndCatch(orderCompleted(), { attributes: { cart: { items: 2 } } })

      expect(error).toBeInstanceOf(PayloadValidationError)
      expect(error.message).toContain('The Attributes field (attributes) has a list or object under "cart"')
    })

    it('rejects a missing reward action, as actions-core does for a required field', async () => {
      const error = await invokeAndCatch(orderCompleted(), { reward_action_key: '' })

      expect(error.message).toContain("missing the required field 'reward_action_key'")
    })
  })

  describe('LiveLike answers', () => {
    it.each([
      [
        400,
        'profile_id and custom_profile_id cannot both be set.',
        PayloadValidationError,
        400,
        'Correct the field LiveLike Profile ID (profile_id) in the mapping.'
      ],
      [
        400,
        'Invalid program_id.',
        PayloadValidationError,
        400,
        'Correct the field Program (program_id) in the mapping.'
      ],
      [
        404,
        'No profile found from input profile uuid.',
        IntegrationError,
        404,
        'check the field LiveLike Profile ID (profile_id).'
      ],
      [404, 'Reward action not found.', IntegrationError, 404, 'check the field Reward Action (reward_action_key).'],
      [409, 'Conflict.', APIError, 409, 'LiveLike rejected the data'],
      [401, 'Invalid token.', InvalidAuthenticationError, 401, 'Check the Producer Token and Client ID settings'],
      [403, 'Forbidden.', InvalidAuthenticationError, 401, 'Check the Producer Token and Client ID settings'],
      [429, 'Request was throttled.', RetryableError, 429, 'Segment will retry.'],
      [500, 'Server error.', RetryableError, 500, 'Segment will retry.'],
      [503, 'Unavailable.', RetryableError, 503, 'Segment will retry.']
    ])(
      'turns a %d "%s" into %p with status %d and the fix',
      async (
        status: number,
        detail: string,
        errorClass: new (...args: never[]) => Error,
        segmentStatus: number,
        advice: string
      ) => {
        answerWith(status, { detail })

        const error = await invokeAndCatch(orderCompleted())

        expect(error).toBeInstanceOf(errorClass)
        expect(error).toHaveProperty('status', segmentStatus)
        expect(error.message).toContain(`LiveLike answered ${status}: ${detail}`)
        expect(error.message).toContain(advice)
        expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(settings.producerToken)
      }
    )

    it('names the custom profile field when LiveLike finds no profile for a custom ID', async () => {
      answerWith(404, { detail: 'No profile found for custom_profile_id.' })

      const error = await invokeAndCatch(orderCompleted({ properties: { order_id: 'order-1042' } }))

      expect(error.message).toContain('check the field Custom Profile ID (custom_profile_id).')
    })

    it('turns a connection reset into a retryable error', async () => {
      liveLikeApi().post(invokedActionsPath()).replyWithError('socket hang up')

      const error = await invokeAndCatch(orderCompleted())

      expect(error).toBeInstanceOf(RetryableError)
      expect(error).toMatchObject({ status: 503 })
    })
  })

  describe('client IDs', () => {
    it('never puts the Client ID in the invocation URL', async () => {
      const scope = nock('https://cf-blast.livelikecdn.com').post('/api/v1/invoked-actions/').reply(201, granted)

      await invoke(orderCompleted(), {}, { ...settings, clientId: 'c/../x' })

      expect(scope.isDone()).toBe(true)
    })
  })
})
