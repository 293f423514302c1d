import type { FastifyInstance } from 'fastify'
import Fastify from 'fastify'
import { finishReading } from '../http/finish-reading'
import { sameOriginOnly } from '../http/same-origin'
import { sendError, sendNotFound } from './http-errors'
import type { SandboxOptions } from './options'
import { BODY_LIMIT_BYTES } from './options'
import { registerInspectionRoutes } from './routes/inspection'
import { registerInvocationRoutes } from './routes/invocations'
import { registerLiveLikeRoutes } from './routes/livelike'
import { registerRewardEngineRoutes } from './routes/reward-engine'
import { createSandboxState } from './state'
import type { SandboxState } from './state'

/** The LiveLike sandbox with its routes registered, not yet listening. Each call has its own state. */
export function buildSandbox(options: SandboxOptions = {}): FastifyInstance {
  return createSandbox(options).app
}

/** buildSandbox, with the state it serves. */
export function createSandbox(options: SandboxOptions = {}): { app: FastifyInstance; state: SandboxState } {
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
  finishReading(app)
  // The control routes: a web page on another site must not change the rules, the faults or the records.
  app.addHook('onRequest', sameOriginOnly({ under: '/_sandbox' }))
  registerLiveLikeRoutes(app, state)
  registerRewardEngineRoutes(app, state)
  registerInvocationRoutes(app, state)
  registerInspectionRoutes(app, state)
  // After the last request is answered: what the source still holds is delivered before the sandbox is gone.
  app.addHook('onClose', async () => state.source?.close())
  return { app, state }
}
