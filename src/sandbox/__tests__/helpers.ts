import type { RunningSandbox, SandboxOptions } from '..'
import { startSandbox } from '..'

export const PRODUCER_TOKEN = 'demo-producer-token'
export const AUTHORIZED = { authorization: `Bearer ${PRODUCER_TOKEN}` }

export interface Answer {
  status: number
  headers: Headers
  body: unknown
}

/** A page of one of LiveLike's lists, as the sandbox answers it. */
export interface Page {
  count: number
  next: string | null
  previous: string | null
  results: Record<string, unknown>[]
}

/** Calls the sandbox over a real socket; a JSON body is sent as application/json, a string as it is. */
export async function call(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...headers } }
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body)
    init.headers = { 'content-type': 'application/json', ...headers }
  }
  const response = await fetch(`${sandbox.url}${path}`, init)
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
}

export const eventsPath = (clientId = 'demo') => `/api/v1/applications/${clientId}/segment-events/`
export const audiencePath = (clientId = 'demo') => `/api/v1/applications/${clientId}/segment-audience-sync/`

export const sendEvents = (sandbox: RunningSandbox, events: unknown[]) =>
  call(sandbox, 'POST', eventsPath(), { events }, AUTHORIZED)

export function liveLikeEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_name: 'Video Watched',
    event_type: 'track',
    custom_id: 'fan-1',
    timestamp: '2024-03-07T12:00:00.000Z',
    properties: { minutes: 12 },
    ...overrides
  }
}

/** Starts a sandbox on a free loopback port for one test file, reset before each test and closed after all. */
export function useSandbox(options: SandboxOptions = {}): () => RunningSandbox {
  let sandbox: RunningSandbox | undefined
  beforeAll(async () => {
    sandbox = await startSandbox({ producerToken: PRODUCER_TOKEN, clientId: 'demo', ...options })
  })
  beforeEach(async () => {
    await call(sandbox as RunningSandbox, 'DELETE', '/_sandbox')
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  return () => sandbox as RunningSandbox
}
