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
