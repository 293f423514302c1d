import { createHash, timingSafeEqual } from 'crypto'
import type { FastifyRequest } from 'fastify'
import { SandboxError } from './http-errors'
import type { Application } from './options'

const digest = (text: string) => createHash('sha256').update(text).digest()
const CHALLENGE = { 'www-authenticate': 'Bearer realm="api"' }

/** Authorization: Bearer <Producer Token>, answered 401 as Django REST does when missing or wrong. */
export function requireProducerToken(request: FastifyRequest, application: Application): void {
  const header = request.headers.authorization
  if (!header) {
    throw new SandboxError(401, 'Authentication credentials were not provided.', CHALLENGE)
  }
  const [scheme, token, ...rest] = header.trim().split(/\s+/)
  if (scheme.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
    throw new SandboxError(401, 'Invalid token header. Send "Authorization: Bearer <Producer Token>".', CHALLENGE)
  }
  if (!timingSafeEqual(digest(token), digest(application.producerToken))) {
    throw new SandboxError(401, 'Invalid token.', CHALLENGE)
  }
}

/** The client ID in the path must be the sandbox's application. */
export function requireApplication(clientId: string, application: Application): void {
  if (clientId !== application.clientId) {
    throw new SandboxError(404, 'No Application matches the given query.')
  }
}
