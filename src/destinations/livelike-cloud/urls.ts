import { IntegrationError, InvalidAuthenticationError } from '@segment/actions-core'
import { API_BASE_URL_ENV, PRODUCTION_API_BASE_URL } from './constants'

function resolveApiBaseUrl(configured: string | undefined): string {
  const candidate = configured?.trim() || PRODUCTION_API_BASE_URL
  const url = new URL(candidate)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new IntegrationError(`${API_BASE_URL_ENV} must be an http(s) URL`, 'INVALID_API_BASE_URL', 500)
  }
  return candidate.replace(/\/+$/, '')
}

let resolved: { configured: string | undefined; baseUrl: string } | undefined

/** Read on every call (and resolved once per value), so that a local runner can point at a server it started later. */
export function apiBaseUrl(): string {
  const configured = process.env[API_BASE_URL_ENV]
  if (!resolved || resolved.configured !== configured) {
    resolved = { configured, baseUrl: resolveApiBaseUrl(configured) }
  }
  return resolved.baseUrl
}

// encodeURIComponent keeps "." and "..", which URL parsing then resolves: such a client ID would leave its segment.
const DOT_SEGMENT = /^\.{1,2}$/
// A lone UTF-16 surrogate cannot be percent-encoded.
const LONE_SURROGATE = /\p{Cs}/u

function applicationUrl(clientId: string, endpoint: string): string {
  if (!clientId || DOT_SEGMENT.test(clientId) || LONE_SURROGATE.test(clientId)) {
    throw new InvalidAuthenticationError(
      'The Client ID setting is not a LiveLike Client ID. Copy it from the LiveLike Producer Suite (Integrations > Segment).'
    )
  }
  return `${apiBaseUrl()}/applications/${encodeURIComponent(clientId)}/${endpoint}/`
}

export const validateAppUrl = (clientId: string) => applicationUrl(clientId, 'validate-app')
export const segmentEventsUrl = (clientId: string) => applicationUrl(clientId, 'segment-events')
export const audienceSyncUrl = (clientId: string) => applicationUrl(clientId, 'segment-audience-sync')
