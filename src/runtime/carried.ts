import { redact } from './redaction'
import type { Exchange } from './types'

/** The JSON text of the body and of every array element in it: the items a request could carry. */
function itemsIn(body: string): Set<string> {
  const items = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const element of value) {
        items.add(JSON.stringify(element))
        visit(element)
      }
    } else if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(visit)
    }
  }
  try {
    const parsed = JSON.parse(body) as unknown
    items.add(JSON.stringify(parsed))
    visit(parsed)
  } catch {
    // A body that is not JSON carries no item we can recognise.
  }
  return items
}

/**
 * For each event of one call, the exchanges whose request carried what the destination sent for it (`sent[i]`, as
 * its multi-status entry reports it); none for an event with nothing sent, such as one refused before any request.
 * The bodies are redacted, so the items are compared redacted.
 */
export function exchangesCarrying(exchanges: Exchange[], sent: unknown[], secret: string): Exchange[][] {
  const carried = exchanges.map((exchange) => itemsIn(exchange.request.body))
  return sent.map((item) => {
    if (item === undefined) {
      return []
    }
    const text = redact(JSON.stringify(item), secret)
    return exchanges.filter((_, index) => carried[index].has(text))
  })
}
