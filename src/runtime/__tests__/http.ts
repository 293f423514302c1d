import { request } from 'undici'

export interface Reply<T = unknown> {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: T
}

/** One HTTP call for tests; the body is parsed as JSON when it is JSON. */
export async function call<T = unknown>(
  url: string,
  init: {
    method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS'
    json?: unknown
    body?: string
    headers?: Record<string, string>
  } = {}
): Promise<Reply<T>> {
  const headers = { ...(init.json !== undefined && { 'content-type': 'application/json' }), ...init.headers }
  const response = await request(url, {
    method: init.method ?? (init.json !== undefined || init.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body
  })
  const text = await response.body.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: response.statusCode, headers: response.headers, body: body as T }
}

/** Polls until `check` returns a value other than undefined; fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) {
      return value
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
