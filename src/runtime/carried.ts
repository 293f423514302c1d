import { redact } from './redaction'
import type { Exchange } from './types'

/**
 * The JSON text of what a request body could carry as items: the body itself, the elements of a body that is an
 * array, and those of each array a body object holds (such as `{ "events": [...] }`).
 */
function itemsIn(body: string): Set<string> {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    // A body that is not JSON carries no item we can recognise.
    return new Set()
  }
  const lists = Array.isArray(parsed)
    ? [parsed]
    : parsed !== null && typeof parsed === 'object'
      ? Object.values(parsed).filter(Array.isArray)
      : []
  return new Set([parsed, ...lists.flat()].map((item) => JSON.stringify(item)))
}

/**
 * For each event of one call, the exchanges whose request carried what the destination sent for it (`sent[i]`, as
 * its multi-status entry reports it); none for an event with nothing sent, such as one refused before any request.
 * The bodies are redacted, so the items are compared redacted.
 */
export function exchangesCarrying(exchanges: Exchange[], sent: unknown[], secret: string): Exchange[][] {
  const carrying = new Map<string, Exchange[]>()
  for (const exchange of exchanges) {
    for (const text of itemsIn(exchange.request.body)) {
      const found = carrying.get(text)
      if (found) {
        found.push(exchange)
      } else {
        carrying.set(text, [exchange])
      }
    }
  }
  return sent.map((item) => (item === undefined ? [] : (carrying.get(redact(JSON.stringify(item), secret)) ?? [])))
}
