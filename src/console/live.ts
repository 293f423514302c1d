import type { ServerResponse } from 'node:http'
import type { DeliveryHistory } from './history'
import type { LiveMessage } from './shared/types'

export interface LiveFeedOptions {
  /** Changes are sent at most this often. */
  intervalMs: number
  /** The counts are sent at least this often while a page listens, so that its chart keeps moving. */
  heartbeatMs: number
  /** More changed events than this between two sends: the page is told to reload instead. */
  maxEvents: number
}

/**
 * Server-sent events to the open pages: counts and changed events, batched and throttled. With no page open it
 * holds no timer and the history calls nothing.
 */
export class LiveFeed {
  private readonly clients = new Set<ServerResponse>()
  private readonly changed = new Set<number>()
  private timer: NodeJS.Timeout | undefined
  private heartbeat: NodeJS.Timeout | undefined

  constructor(
    private readonly history: DeliveryHistory,
    private readonly options: LiveFeedOptions
  ) {}

  attach(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive'
    })
    this.clients.add(response)
    response.on('close', () => this.detach(response))
    if (this.clients.size === 1) {
      this.history.onChange = (seq) => {
        this.changed.add(seq)
        this.timer ??= setTimeout(() => this.flush(), this.options.intervalMs)
      }
      this.heartbeat = setInterval(() => this.timer ?? this.flush(), this.options.heartbeatMs)
    }
    this.write([response], { kind: 'overview', overview: this.history.overview() })
  }

  /** Ends every stream, so that the server can close. */
  close(): void {
    for (const response of this.clients) {
      response.end()
    }
  }

  private detach(response: ServerResponse): void {
    this.clients.delete(response)
    if (this.clients.size === 0) {
      this.history.onChange = undefined
      clearTimeout(this.timer)
      clearInterval(this.heartbeat)
      this.timer = undefined
      this.changed.clear()
    }
  }

  private flush(): void {
    this.timer = undefined
    const clients = [...this.clients]
    if (this.changed.size > this.options.maxEvents) {
      this.write(clients, { kind: 'gap' })
    } else if (this.changed.size > 0) {
      this.write(clients, { kind: 'events', events: this.history.bySeq([...this.changed].sort((a, b) => b - a)) })
    }
    this.changed.clear()
    this.write(clients, { kind: 'overview', overview: this.history.overview() })
  }

  private write(clients: ServerResponse[], message: LiveMessage): void {
    const frame = `data: ${JSON.stringify(message)}\n\n`
    for (const client of clients) {
      client.write(frame)
    }
  }
}
