import { API_BASE_URL_ENV } from '../constants'

function loadUrlsWith(baseUrl: string | undefined): typeof import('../urls') {
  const previous = process.env[API_BASE_URL_ENV]
  if (baseUrl === undefined) {
    delete process.env[API_BASE_URL_ENV]
  } else {
    process.env[API_BASE_URL_ENV] = baseUrl
  }
  try {
    let urls: typeof import('../urls') | undefined
    jest.isolateModules(() => {
      urls = jest.requireActual<typeof import('../urls')>('../urls')
    })
    return urls as typeof import('../urls')
  } finally {
    if (previous === undefined) {
      delete process.env[API_BASE_URL_ENV]
    } else {
      process.env[API_BASE_URL_ENV] = previous
    }
  }
}

describe('LiveLike URLs', () => {
  it('use the production API unless the operator says otherwise', () => {
    const urls = loadUrlsWith(undefined)

    expect(urls.segmentEventsUrl('app-1')).toBe(
      'https://cf-blast.livelikecdn.com/api/v1/applications/app-1/segment-events/'
    )
    expect(urls.audienceSyncUrl('app-1')).toBe(
      'https://cf-blast.livelikecdn.com/api/v1/applications/app-1/segment-audience-sync/'
    )
    expect(urls.validateAppUrl('app-1')).toBe(
      'https://cf-blast.livelikecdn.com/api/v1/applications/app-1/validate-app/'
    )
  })

  it('follow the operator to another host through the environment', () => {
    const urls = loadUrlsWith('http://127.0.0.1:4010/api/v1/')

    expect(urls.segmentEventsUrl('app-1')).toBe('http://127.0.0.1:4010/api/v1/applications/app-1/segment-events/')
  })

  it('refuse an environment base URL that is not http(s)', () => {
    expect(() => loadUrlsWith('file:///etc/passwd')).toThrow(`${API_BASE_URL_ENV} must be an http(s) URL`)
  })

  it.each([
    ['a slash', 'a/b', 'a%2Fb'],
    ['a query and a fragment', 'x?admin=1#y', 'x%3Fadmin%3D1%23y'],
    ['a parent segment', '../../admin', '..%2F..%2Fadmin'],
    ['an encoded parent segment', '%2e%2e', '%252e%252e'],
    ['an at sign and a colon', 'user:pw@evil.example', 'user%3Apw%40evil.example']
  ])('keep a client ID with %s inside its path segment', (_case, clientId, segment) => {
    const url = new URL(loadUrlsWith(undefined).segmentEventsUrl(clientId))

    expect(url.host).toBe('cf-blast.livelikecdn.com')
    expect(url.pathname).toBe(`/api/v1/applications/${segment}/segment-events/`)
    expect(url.search).toBe('')
    expect(url.hash).toBe('')
  })
})
