import type { FastifyRequest, onRequestHookHandler } from 'fastify'
import { HttpError } from './http-errors'

export interface SameOriginOptions {
  /** Origins allowed besides the server's own, such as Segment's app for the Actions Tester routes. */
  origins?: readonly string[]
  /** Guard only the routes under this path, such as '/_sandbox'; default every route it is registered for. */
  under?: string
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The origin of a page this server served itself. Only a loopback host name counts: a page on another site whose name
 * was made to resolve to this machine (DNS rebinding) sends its own name as Host and so matches its own Origin.
 */
function ownOrigin(request: FastifyRequest): string | undefined {
  const host = request.headers.host
  if (!host) {
    return undefined
  }
  try {
    return LOOPBACK_NAMES.has(new URL(`http://${host}`).hostname) ? `http://${host}` : undefined
  } catch {
    return undefined
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length']
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'application/json'
}

/**
 * An onRequest hook for routes that change state. A web page on another site can send a browser's "simple" requests
 * without asking first (a form post, a text/plain fetch); this refuses them before their body is read: 403 when the
 * request's Origin is neither this server's own loopback origin nor listed, 415 when it has a body that is not
 * application/json. Requests without an Origin (curl, SDKs, tests: not a browser) pass, as do safe methods.
 *
 * `app.addHook('onRequest', sameOriginOnly())`, or per route: `{ onRequest: sameOriginOnly({ origins }) }`.
 */
export function sameOriginOnly(options: SameOriginOptions = {}): onRequestHookHandler {
  const allowed = new Set(options.origins ?? [])
  const who = ["this server's own pages", ...allowed].join(', ')
  return (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || (options.under && !request.url.startsWith(options.under))) {
      done()
      return
    }
    const origin = request.headers.origin
    if (origin !== undefined && !allowed.has(origin) && origin !== ownOrigin(request)) {
      done(new HttpError(403, `A page from ${origin} may not change anything here; these may: ${who}.`))
      return
    }
    if (hasBody(request) && !isJson(request.headers['content-type'])) {
      const type = request.headers['content-type'] ?? '(none)'
      done(new HttpError(415, `Content-Type ${type} is not accepted here: send the body as application/json.`))
      return
    }
    done()
  }
}
