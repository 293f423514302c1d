import type { FastifyInstance } from 'fastify'
import Fastify from 'fastify'
import { sendError, sendNotFound } from './http-errors'
import type { SandboxOptions } from './options'
import { BODY_LIMIT_BYTES } from './options'
import { registerInspectionRoutes } from './routes/inspection'
import { registerLiveLikeRoutes } from './routes/livelike'
import { createSandboxState } from './state'

/** The LiveLike sandbox with its routes registered, not yet listening. Each call has its own state. */
export function buildSandbox(options: SandboxOptions = {}): FastifyInstance {
  const state = createSandboxState(options)
  const app = Fastify({
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization'] } : false,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
    // Bodies are recorded exactly as received: the schemas only check their shape, never coerce or strip.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false } }
  })
  // LiveLike reads JSON only; fastify would also hand a text/plain body to the routes as a string.
  app.removeContentTypeParser('text/plain')
  app.setErrorHandler(sendError)
  app.setNotFoundHandler(sendNotFound)
  registerLiveLikeRoutes(app, state)
  registerInspectionRoutes(app, state)
  return app
}
