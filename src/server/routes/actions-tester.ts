import { defaultValues, Destination, HTTPError } from '@segment/actions-core'
import type { DecoratedResponse, JSONObject } from '@segment/actions-core'
import type { FastifyInstance } from 'fastify'
import definition from '../../destinations/livelike-cloud'
import type { Settings } from '../../destinations/livelike-cloud/generated-types'
import { dynamicFieldChoices } from '../../runtime/dynamic-fields'
import { redact, redactedHeaders } from '../../runtime/redaction'
import { HttpError } from '../../http/http-errors'
import { sameOriginOnly } from '../../http/same-origin'

/** Origins of Segment's web Actions Tester, and the local app it can run from. */
export const TESTER_ORIGINS = [
  'https://app.segment.com',
  'https://eu1.app.segment.com',
  'https://app.segment.build',
  'https://eu1.app.segment.build',
  'http://localhost:8000'
]

const DIRECTORY_NAME = 'livelike-cloud'
// The marker upstream's `serve` shows the Actions Tester.
const TESTER_REDACTED = '<redacted>'

type AuthField = keyof Settings
const AUTH_FIELDS = definition.authentication?.fields ?? {}

interface ActionBody {
  payload: JSONObject | JSONObject[]
  settings: Settings
  mapping?: JSONObject
}

const actionBody = {
  type: 'object',
  required: ['payload', 'settings'],
  properties: {
    payload: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] },
    settings: { type: 'object' },
    mapping: { type: 'object' }
  }
}

interface DynamicFieldBody {
  settings?: Settings
  payload?: JSONObject
  page?: string | number
  auth?: unknown
}

const dynamicFieldBody = {
  type: 'object',
  properties: {
    settings: { type: 'object' },
    payload: { type: 'object' },
    // anyOf rather than a list of types, which ajv's strict mode warns about at every start.
    page: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    auth: { type: 'object' }
  }
}

/** The same value with the secret taken out of every string in it. */
function redactAll(value: unknown, secret: string | undefined): unknown {
  if (!secret || value === undefined) {
    return value
  }
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
    typeof item === 'string' ? redact(item, secret, TESTER_REDACTED) : item
  ) as unknown
}

/** What actions-core read from a response: parsed JSON when it says it is JSON, the text otherwise. */
function bodyOf(response: DecoratedResponse): unknown {
  return (response as DecoratedResponse & { data?: unknown }).data ?? response.content
}

/** One request the destination made and what came back, as upstream's `serve` shows it to the Actions Tester. */
function exchange(response: DecoratedResponse, secret: string | undefined) {
  const body = response.options.body
  return {
    request: {
      url: response.request.url,
      method: response.request.method,
      headers: redactedHeaders(response.request.headers, secret, TESTER_REDACTED),
      body: typeof body === 'string' ? redact(body, secret, TESTER_REDACTED) : ''
    },
    response: {
      statusCode: response.status,
      statusMessage: response.statusText,
      headers: redactedHeaders(response.headers, secret, TESTER_REDACTED),
      body: redactAll(bodyOf(response), secret)
    }
  }
}

/** Each field a validation error names, with its message, as upstream's `serve` reports them. */
function invalidFields(error: unknown): Record<string, string> | undefined {
  if ((error as Error).name !== 'AggregateAjvError') {
    return undefined
  }
  const fields: Record<string, string> = {}
  for (const { path, message } of error as Iterable<{ path: string; message: string }>) {
    fields[path.replace('$.', '')] = message
  }
  return fields
}

/** The Tester's failure shape; for an HTTP error the status and message are the API's answer. */
function failure(error: unknown, secret: string | undefined) {
  const failed = error as { status?: number; message?: string; stack?: string }
  const answer = error instanceof HTTPError ? error.response : undefined
  return [
    {
      statusCode: answer?.status ?? failed.status ?? 500,
      message: redactAll(answer ? bodyOf(answer as DecoratedResponse) : String(failed.message ?? error), secret),
      stack: redact(failed.stack ?? '', secret, TESTER_REDACTED).split('\n'),
      fields: invalidFields(error),
      requestError: true
    }
  ]
}

type BatchResult = Awaited<ReturnType<Destination['actions'][string]['executeBatch']>>[number]

/**
 * One failure per payload of a batch that no request carried (refused before any request), naming its place: the
 * requests listed beside them carried only the others.
 */
function notSent(results: BatchResult[], secret: string | undefined) {
  return results.flatMap((result, index) =>
    'sent' in result && result.sent
      ? []
      : [
          {
            statusCode: result.status,
            message: redact(
              `Payload ${index + 1} of ${results.length} was not sent: ${'errormessage' in result ? result.errormessage : 'no reason given.'}`,
              secret,
              TESTER_REDACTED
            ),
            requestError: true
          }
        ]
  )
}

/** The field a failed authentication points at, so the Tester can mark it. */
function fieldToBlame(message: string): AuthField {
  return /Client ID/.test(message) && !/Producer Token/.test(message) ? 'clientId' : 'producerToken'
}

function missingFields(settings: Record<string, unknown>): Partial<Record<AuthField, string>> {
  const missing: Partial<Record<AuthField, string>> = {}
  for (const [key, field] of Object.entries(AUTH_FIELDS)) {
    const value = settings[key]
    if (field.required && (typeof value !== 'string' || value.trim() === '')) {
      missing[key as AuthField] = `${field.label} is required.`
    }
  }
  return missing
}

/** The local end of Segment's web Actions Tester: manifest, authentication and one route per action. */
export async function actionsTester(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', sameOriginOnly({ origins: TESTER_ORIGINS }))
  app.get('/manifest', async () => ({ ...definition, directoryName: DIRECTORY_NAME }))

  app.post<{ Body: Record<string, unknown> }>(
    '/authenticate',
    { schema: { body: { type: 'object' } } },
    async (request) => {
      const settings = request.body
      const missing = missingFields(settings)
      if (Object.keys(missing).length > 0) {
        return { ok: false, error: Object.values(missing).join(' '), fields: missing }
      }
      try {
        await new Destination(definition).testAuthentication(settings as unknown as Settings)
        return { ok: true }
      } catch (error) {
        // As upstream's `serve`: actions-core's message, "Credentials are invalid: <status> <the destination's>".
        const message = redact((error as Error).message, settings.producerToken as string, TESTER_REDACTED)
        const reason = message.replace(/^Credentials are invalid: \d*\s*/, '')
        return { ok: false, error: message, fields: { [fieldToBlame(reason)]: reason } }
      }
    }
  )

  // As upstream's `serve`: the choices with 200, or `[error]` with 500 when the answer has an error.
  app.post<{ Params: { action: string; field: string }; Body: DynamicFieldBody }>(
    '/:action/:field',
    { schema: { body: dynamicFieldBody } },
    async (request, reply) => {
      const { action, field } = request.params
      const dynamicFields = definition.actions[action]?.dynamicFields ?? {}
      if (!Object.hasOwn(dynamicFields, field)) {
        throw new HttpError(404, `No dynamic field named ${field} in action ${action}.`)
      }
      const body = request.body ?? {}
      const settings = body.settings ?? ({} as Settings)
      const answer = await dynamicFieldChoices(action, field, {
        settings,
        payload: body.payload,
        page: body.page === undefined ? undefined : String(body.page)
      })
      if (answer.error) {
        return reply.code(500).send([redactAll(answer.error, settings.producerToken)])
      }
      return answer
    }
  )

  app.post<{ Params: { action: string }; Body: ActionBody }>(
    '/:action',
    { schema: { body: actionBody } },
    async (request) => {
      const name = request.params.action
      const actionDefinition = definition.actions[name]
      if (!actionDefinition) {
        throw new HttpError(
          404,
          `Unknown action "${name}": this destination has ${Object.keys(definition.actions).join(', ')}.`
        )
      }
      const { payload, settings } = request.body
      const secret = settings.producerToken
      const mapping = { ...defaultValues(actionDefinition.fields), ...request.body.mapping }
      // A destination of its own per call, so that its responses are this call's alone.
      const destination = new Destination(definition)
      const action = destination.actions[name]
      try {
        if (Array.isArray(payload)) {
          const results = await action.executeBatch({ data: payload, mapping, settings, auth: undefined })
          return [...destination.responses.map((response) => exchange(response, secret)), ...notSent(results, secret)]
        } else {
          await action.execute({ data: payload, mapping, settings, auth: undefined })
        }
        return destination.responses.map((response) => exchange(response, secret))
      } catch (error) {
        return failure(error, secret)
      }
    }
  )
}
