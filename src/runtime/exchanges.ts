import { AsyncLocalStorage } from 'node:async_hooks'
import type { DecoratedResponse, Destination } from '@segment/actions-core'
import { redact, redactedHeaders } from './redaction'
import type { Exchange } from './types'

// Calls of one destination run concurrently and share its `responses`: each call collects its own in its async context.
const collecting = new AsyncLocalStorage<DecoratedResponse[]>()
const listening = new WeakSet<object>()

function listen<Settings>(destination: Destination<Settings>): void {
  if (listening.has(destination)) {
    return
  }
  listening.add(destination)
  for (const action of Object.values(destination.actions)) {
    action.on('response', (response) => {
      if (response) {
        collecting.getStore()?.push(response as DecoratedResponse)
      }
    })
  }
}

function exchangeOf(response: DecoratedResponse, secret: string): Exchange {
  const body = response.options?.body
  return {
    request: {
      method: response.request.method,
      url: response.request.url,
      headers: redactedHeaders(response.request.headers, secret),
      body: typeof body === 'string' ? redact(body, secret) : ''
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      headers: redactedHeaders(response.headers, secret),
      body: redact(response.content ?? '', secret)
    }
  }
}

export interface ExchangeRecorder {
  /** Runs one call of the destination, recording the responses it gets (not those of calls running beside it). */
  run<T>(call: () => Promise<T>): Promise<T>
  /** What the call sent and got back, the token redacted. */
  exchanges(): Exchange[]
}

export function recordExchanges<Settings>(destination: Destination<Settings>, secret: string): ExchangeRecorder {
  listen(destination)
  const responses: DecoratedResponse[] = []
  return {
    run: (call) => collecting.run(responses, call),
    exchanges: () => responses.map((response) => exchangeOf(response, secret))
  }
}
