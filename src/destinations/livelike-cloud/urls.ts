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

function checkedClientId(clientId: string): string {
  if (!clientId || DOT_SEGMENT.test(clientId) || LONE_SURROGATE.test(clientId)) {
    throw new InvalidAuthenticationError(
      'The Client ID setting is not a LiveLike Client ID. Copy it from the LiveLike Producer Suite (Integrations > Segment).'
    )
  }
  return clientId
}

function applicationUrl(clientId: string, endpoint: string): string {
  return `${apiBaseUrl()}/applications/${encodeURIComponent(checkedClientId(clientId))}/${endpoint}/`
}

/** A collection LiveLike lists per application: the Client ID and the page go in the query, encoded. */
function listUrl(endpoint: string, clientId: string, page: number): string {
  const query = new URLSearchParams({ client_id: checkedClientId(clientId) })
  if (page > 1) {
    query.set('page', String(page))
  }
  return `${apiBaseUrl()}/${endpoint}/?${query.toString()}`
}

export const validateAppUrl = (clientId: string) => applicationUrl(clientId, 'validate-app')
export const segmentEventsUrl = (clientId: string) => applicationUrl(clientId, 'segment-events')
export const audienceSyncUrl = (clientId: string) => applicationUrl(clientId, 'segment-audience-sync')
export const invokedActionsUrl = () => `${apiBaseUrl()}/invoked-actions/`
export const batchInvokedActionsUrl = () => `${apiBaseUrl()}/batch-invoked-actions/`
export const rewardActionsUrl = (clientId: string, page = 1) => listUrl('reward-actions', clientId, page)
export const programsUrl = (clientId: string, page = 1) => listUrl('programs', clientId, page)
