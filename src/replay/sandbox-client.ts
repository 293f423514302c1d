import type { Faults } from '../sandbox'
import { Fingerprints } from './fingerprints'

export interface SandboxStats {
  received: number
  recorded: number
  deduplicated: number
  rejected: number
}

export interface RecordedCheck {
  /** Events the sandbox recorded since the run began. */
  recorded: number
  /** Source events (by message_id) recorded more than once: each one a double reward. */
  duplicates: number
}

const PAGE_SIZE = 1000

// fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND).
function reasonOf(error: unknown): string {
  const { message, cause } = error as Error & { cause?: Error }
  return cause?.message ?? message
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response
  try {
    response = await fetch(url, init)
  } catch (error) {
    throw new Error(
      `cannot reach the sandbox at ${new URL(url).origin} (${reasonOf(error)}): is it running? Start one with npm run sandbox, or drop --sandbox.`
    )
  }
  if (!response.ok) {
    throw new Error(
      `the sandbox answered ${response.status} to ${init?.method ?? 'GET'} ${new URL(url).pathname}: ${await response.text()}`
    )
  }
  return (await response.json()) as T
}

/** The sandbox's own routes (`/_sandbox/...`), for setting faults and checking what it recorded. */
export class SandboxClient {
  constructor(private readonly url: string) {}

  setFaults(faults: Partial<Faults>): Promise<unknown> {
    return call(`${this.url}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults)
    })
  }

  stats(): Promise<SandboxStats> {
    return call<SandboxStats>(`${this.url}/_sandbox/stats`)
  }

  private page(offset: number, limit: number): Promise<{ total: number; events: { message_id?: unknown }[] }> {
    return call(`${this.url}/_sandbox/events?offset=${offset}&limit=${limit}`)
  }

  async recordedTotal(): Promise<number> {
    return (await this.page(0, 1)).total
  }

  /** Reads back, page by page, the events recorded from `offset` on and counts message IDs recorded twice or more. */
  async checkRecorded(offset: number): Promise<RecordedCheck> {
    let seen: Fingerprints | undefined
    let next = offset
    for (;;) {
      const { total, events } = await this.page(next, PAGE_SIZE)
      seen ??= new Fingerprints(total - offset)
      for (const { message_id: id } of events) {
        if (typeof id === 'string') {
          seen.add(id)
        }
      }
      next += events.length
      if (events.length === 0 || next >= total) {
        return { recorded: next - offset, duplicates: seen.repeated() }
      }
    }
  }
}
