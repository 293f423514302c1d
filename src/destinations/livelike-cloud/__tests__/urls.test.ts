import { API_BASE_URL_ENV } from '../constants'
import { audienceSyncUrl, programsUrl, rewardActionsUrl, segmentEventsUrl, validateAppUrl } from '../urls'

/** Runs `use` with the operator's base URL set to `baseUrl` (or unset), then restores the environment. */
function withBaseUrl<T>(baseUrl: string | undefined, use: () => T): T {
  const previous = process.env[API_BASE_URL_ENV]
  const set = (value: string | undefined) =>
    value === undefined ? delete process.env[API_BASE_URL_ENV] : (process.env[API_BASE_URL_ENV] = value)
  set(baseUrl)
  try {
    return use()
  } finally {
    set(previous)
  }
}

describe('LiveLike URLs', () => {
  it('use the production API unless the operator says otherwise', () => {
    const urls = withBaseUrl(undefined, () =>
      [segmentEventsUrl, audienceSyncUrl, validateAppUrl].map((url) => url('app-1'))
    )

    expect(urls).toEqual([
      'https://cf-blast.livelikecdn.com/api/v1/applications/app-1/segment-events/',
      'https://cf-blast.livelikecdn.com/api/v1/applications/app-1/segment-audience-sync/',
      'https://cf-blast.livelikecdn.com/api/v1/applications/app-1/validate-app/'
    ])
  })

  it('follow the operator to another host through the environment', () => {
    const url = withBaseUrl('http://127.0.0.1:4010/api/v1/', () => segmentEventsUrl('app-1'))

    expect(url).toBe('http://127.0.0.1:4010/api/v1/applications/app-1/segment-events/')
    expect(withBaseUrl(undefined, () => segmentEventsUrl('app-1'))).toBe(
      'https://cf-blast.livelikecdn.com/api/v1/applications/app-1/segment-events/'
    )
  })

  it('refuse an environment base URL that is not http(s)', () => {
    expect(() => withBaseUrl('file:///etc/passwd', () => segmentEventsUrl('app-1'))).toThrow(
      `${API_BASE_URL_ENV} must be an http(s) URL`
    )
  })

  it.each([
    ['a slash', 'a/b', 'a%2Fb'],
    ['a query and a fragment', 'x?admin=1#y', 'x%3Fadmin%3D1%23y'],
    ['a parent segment', '../../admin', '..%2F..%2Fadmin'],
    ['an encoded parent segment', '%2e%2e', '%252e%252e'],
    ['an at sign and a colon', 'user:pw@evil.example', 'user%3Apw%40evil.example']
  ])('keep a client ID with %s inside its path segment', (_case: string, clientId: string, segment: string) => {
    const url = new URL(withBaseUrl(undefined, () => segmentEventsUrl(clientId)))

    expect(url.host).toBe('cf-blast.livelikecdn.com')
    expect(url.pathname).toBe(`/api/v1/applications/${segment}/segment-events/`)
    expect(url.search).toBe('')
    expect(url.hash).toBe('')
  })

  it.each([
    ['reward actions', rewardActionsUrl, '/api/v1/reward-actions/'],
    ['programs', programsUrl, '/api/v1/programs/']
  ])('keep a hostile client ID inside the query of the %s list, with the page built here', (_list, url, path) => {
    const first = new URL(withBaseUrl(undefined, () => url('c/../x?page=9#y')))
    const third = new URL(withBaseUrl(undefined, () => url('app-1', 3)))

    expect([first.host, first.pathname, first.hash]).toEqual(['cf-blast.livelikecdn.com', path, ''])
    expect(first.search).toBe('?client_id=c%2F..%2Fx%3Fpage%3D9%23y')
    expect(third.search).toBe('?client_id=app-1&page=3')
  })

  it.each(['', '.', '..'])('refuse the client ID %p in a list URL before any request', (clientId) => {
    expect(() => rewardActionsUrl(clientId)).toThrow('The Client ID setting is not a LiveLike Client ID')
  })
})
