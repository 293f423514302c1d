import { InvalidAuthenticationError } from '@segment/actions-core'
import { API_BASE_URL_ENV, PRODUCTION_API_BASE_URL } from './constants'

function resolveApiBaseUrl(configured: string | undefined): string {
  const candidate = configured?.trim() || PRODUCTION_API_BASE_URL
  const url = new URL(candidate)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${API_BASE_URL_ENV} must be an http(s) URL`)
  }
  return candidate.replace(/\/+$/, '')
}

export const API_BASE_URL = resolveApiBaseUrl(process.env[API_BASE_URL_ENV])

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
  return `${API_BASE_URL}/applications/${encodeURIComponent(clientId)}/${endpoint}/`
}

export const validateAppUrl = (clientId: string) => applicationUrl(clientId, 'validate-app')
export const segmentEventsUrl = (clientId: string) => applicationUrl(clientId, 'segment-events')
export const audienceSyncUrl = (clientId: string) => applicationUrl(clientId, 'segment-audience-sync')
