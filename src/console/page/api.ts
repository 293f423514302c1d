import type { LiveMessage } from '../shared/types'

/** An answer the server or the sandbox gave with an error status: its JSON message or detail is for the user. */
export class RequestFailed extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

function messageOf(status: number, body: unknown): string {
  const { message, detail } = (body ?? {}) as { message?: unknown; detail?: unknown }
  return String(message ?? detail ?? `The server answered ${status}.`)
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text()
  const body: unknown = text ? JSON.parse(text) : undefined
  if (!response.ok) {
    throw new RequestFailed(response.status, messageOf(response.status, body))
  }
  return body as T
}

export async function getJson<T>(path: string): Promise<T> {
  return parse<T>(await fetch(path, { headers: { accept: 'application/json' } }))
}

export async function sendJson<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  return parse<T>(
    await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  )
}

/** Listens to the console's server-sent events until the returned function is called; the browser reconnects. */
export function listen(onMessage: (message: LiveMessage) => void, onLive: (live: boolean) => void): () => void {
  const source = new EventSource('/_console/api/live')
  source.onopen = () => onLive(true)
  source.onerror = () => onLive(false)
  source.onmessage = (event: MessageEvent<string>) => onMessage(JSON.parse(event.data) as LiveMessage)
  return () => source.close()
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(name, String(value))
    }
  }
  return search.toString()
}
