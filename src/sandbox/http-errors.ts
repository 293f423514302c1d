import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify'
import { BODY_LIMIT_BYTES } from './options'

/** An answer in LiveLike's Django REST style: the status and {"detail": "..."}. */
export class SandboxError extends Error {
  constructor(
    readonly statusCode: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(detail)
  }
}

export const badRequest = (detail: string) => new SandboxError(400, detail)

/** "/events/3/timestamp" -> "events[3].timestamp"; the body itself is "body". */
function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').filter(Boolean)
  if (child !== undefined) {
    parts.push(child)
  }
  const path = parts.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join('')
  return path || 'body'
}

/** Turns the first JSON schema error into a sentence that names the field. */
function describeSchemaError(error: FastifySchemaValidationError): string {
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'required') {
    return `${fieldPath(error.instancePath, String(params.missingProperty))}: This field is required.`
  }
  if (error.keyword === 'additionalProperties') {
    return `${fieldPath(error.instancePath, String(params.additionalProperty))}: Unknown field.`
  }
  return `${fieldPath(error.instancePath)}: ${error.message ?? 'is not valid'}.`
}

const SERVER_ERROR = 'A server error occurred.'

function statusAndDetail(error: FastifyError | SandboxError): { status: number; detail: string } {
  if (error instanceof SandboxError) {
    return { status: error.statusCode, detail: error.detail }
  }
  if (error.validation && error.validation.length > 0) {
    return { status: 400, detail: describeSchemaError(error.validation[0]) }
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, detail: `Request body is too large: the limit is ${BODY_LIMIT_BYTES / 1_048_576} MB.` }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, detail: 'Unsupported media type in request: send application/json.' }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, detail: 'JSON parse error - the body is empty.' }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, detail: 'JSON parse error - the body is not valid JSON.' }
  }
  const status = error.statusCode ?? 500
  return { status, detail: status < 500 ? error.message : SERVER_ERROR }
}

/** Every error, fastify's own included, leaves as {"detail": "..."} JSON. */
export function sendError(error: FastifyError | SandboxError, request: FastifyRequest, reply: FastifyReply) {
  const { status, detail } = statusAndDetail(error)
  if (error instanceof SandboxError) {
    reply.headers(error.headers)
  } else if (status >= 500) {
    request.log.error({ err: error }, 'sandbox defect')
  }
  return reply.code(status).send({ detail })
}

export function sendNotFound(_request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({ detail: 'Not found.' })
}
