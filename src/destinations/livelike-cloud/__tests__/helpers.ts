import nock from 'nock'
import { PRODUCTION_API_BASE_URL } from '../constants'
import type { Settings } from '../generated-types'

/** Settings for tests. The token is plainly fake; tests search for it to prove it never leaks. */
export const settings: Settings = {
  clientId: 'test-client-id',
  producerToken: 'fake-producer-token-for-tests'
}

const API = new URL(PRODUCTION_API_BASE_URL)

export const segmentEventsPath = (clientId = settings.clientId) =>
  `${API.pathname}/applications/${encodeURIComponent(clientId)}/segment-events/`

export const audienceSyncPath = (clientId = settings.clientId) =>
  `${API.pathname}/applications/${encodeURIComponent(clientId)}/segment-audience-sync/`

export const validateAppPath = (clientId = settings.clientId) =>
  `${API.pathname}/applications/${encodeURIComponent(clientId)}/validate-app/`

/** A nock scope on LiveLike's API host that also requires the Authorization header. */
export function liveLikeApi(): nock.Scope {
  return nock(API.origin, { reqheaders: { authorization: `Bearer ${settings.producerToken}` } })
}

/**
 * The headers of a request a nock reply function received, one string each: nock 13 (upstream's) hands over each
 * value as an array, nock 14 as a string. A header sent twice reads as both values joined, so it matches nothing.
 */
export function headersOf(request: { headers: Record<string, string | string[] | undefined> }): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : `${value}`])
  )
}

export const invokedActionsPath = () => `${API.pathname}/invoked-actions/`
export const batchInvokedActionsPath = () => `${API.pathname}/batch-invoked-actions/`
export const rewardActionsPath = () => `${API.pathname}/reward-actions/`
export const programsPath = () => `${API.pathname}/programs/`
