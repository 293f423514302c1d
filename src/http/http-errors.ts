import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** The JSON every error answers with, on every server here: fastify's own shape, with a message that says what to fix. */
export interface ErrorBody {
  statusCode: number
  error: string
  message: string
}

export class HttpError extends Error {
  readonly code = 'HTTP_ERROR'

  constructor(
    readonly statusCode: number,
    message: string
  ) {
    super(message)
  }
}

export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message }
}

function messageFor(error: FastifyError, request: FastifyRequest): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return `The body is not valid JSON (${error.message}): send one JSON document.`
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The body is over this route's limit of ${Math.round((request.routeOptions.bodyLimit ?? 0) / 1024)} KB: send less per request.`
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here: send application/json.`
    default:
      return error.validation ? `Invalid request: ${error.message}.` : error.message
  }
}

/**
 * Every error becomes JSON and the server keeps serving. `oversizeStatus` lets the Tracking API answer an oversize
 * body with 400, as Segment's does, instead of 413.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, oversizeStatus = 413) {
  let status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
  if (status === 413) {
    status = oversizeStatus
  }
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed')
    return reply.status(status).send(errorBody(status, 'The server failed on this request; see its log.'))
  }
  return reply.status(status).send(errorBody(status, messageFor(error, request)))
}

const PREFLIGHT_MESSAGE =
  'A CORS preflight (OPTIONS) carries Origin and Access-Control-Request-Method headers: this request has not both.'

function isJson(contentType: unknown): boolean {
  return typeof contentType === 'string' && /^application\/(.+\+)?json\b/i.test(contentType)
}

/** What a plugin that answered an error in plain text meant, as a sentence for the JSON answer. */
function messageOf(request: FastifyRequest, status: number, payload: unknown): string {
  if (request.method === 'OPTIONS' && status === 400) {
    return PREFLIGHT_MESSAGE
  }
  const text = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload.toString().trim() : ''
  return text || (STATUS_CODES[status] ?? 'Error')
}

/**
 * Every error answer is JSON in `errorBody`'s shape: thrown errors and fastify's own through `handleError`, unknown
 * routes through the not-found handler, and what a plugin sends itself (such as @fastify/cors's plain-text 400 for a
 * preflight without its headers) is rewritten on its way out.
 */
export function answerErrorsAsJson(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError>((error, request, reply) => handleError(error, request, reply))
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(404, `No route ${request.method} ${request.url.split('?')[0]}.`))
  )
  app.addHook('onSend', (request, reply, payload, done) => {
    const status = reply.statusCode
    if (status < 400 || isJson(reply.getHeader('content-type'))) {
      done(null, payload)
      return
    }
    reply.type('application/json; charset=utf-8')
    done(null, JSON.stringify(errorBody(status, messageOf(request, status, payload))))
  })
}
