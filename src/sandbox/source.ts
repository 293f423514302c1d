import { Analytics } from '@segment/analytics-node'

/** Where the sandbox, as LiveLike's Segment source, sends its track calls. */
export interface SourceOptions {
  /** The write key of the source, as a customer pastes it in the Producer Suite (Integrations > Segment). */
  writeKey: string
  /**
   * A Tracking API host such as 'http://127.0.0.1:3000' (default analytics-node's, Segment's own API); a function
   * when it is known only after the sandbox starts.
   */
  host?: string | (() => string)
}

/** One track call the source made, as GET /_sandbox/source shows it. */
export interface SourceCall {
  message_id: string
  event: string
  user_id: string | null
  livelike_profile_id: string
  properties: Record<string, unknown>
  delivery: 'pending' | 'delivered' | 'failed'
  error?: string
}

export interface SourceTrack {
  event: string
  messageId: string
  /** The Segment user ID of the event that earned it, when it had one. */
  userId?: string
  properties: Record<string, unknown> & { livelike_profile_id: string }
  timestamp: string
  /**
   * The message_id of the LiveLike event that earned it. Not something LiveLike sends: a sandbox-only context field,
   * so that a local runtime that lets a loop run can count its hops.
   */
  causedBy?: string
}

/** The write key a local LiveLike source sends with unless told another: how a dev server knows its events. */
export const LIVELIKE_SOURCE_WRITE_KEY = 'livelike-source'

/** The context key of the sandbox's own note on a source call (see SourceTrack.causedBy). */
export const SANDBOX_CONTEXT = 'livelike_sandbox'

const DEFAULT_HOST = 'https://api.segment.io'
const LATEST_KEPT = 100
// Short enough that a call shows up within a second; analytics-node still batches what comes together.
const FLUSH_INTERVAL_MS = 500
const CLOSE_TIMEOUT_MS = 10_000

/**
 * LiveLike as a Segment source: track calls through @segment/analytics-node, with its batching and retries. Sending
 * never waits for delivery and never throws, so that a slow or absent Tracking API cannot hold up LiveLike's API.
 */
export class LiveLikeSource {
  private client?: Analytics
  private readonly latest: SourceCall[] = []
  private sent = 0
  private delivered = 0
  private failed = 0
  private waiters: (() => void)[] = []

  constructor(private readonly options: SourceOptions) {}

  track(call: SourceTrack): void {
    const record: SourceCall = {
      message_id: call.messageId,
      event: call.event,
      user_id: call.userId ?? null,
      livelike_profile_id: call.properties.livelike_profile_id,
      properties: call.properties,
      delivery: 'pending'
    }
    this.sent += 1
    this.latest.push(record)
    this.latest.splice(0, Math.max(0, this.latest.length - LATEST_KEPT))
    try {
      this.send(call, record)
    } catch (error) {
      this.settle(record, error)
    }
  }

  /** Counts and the latest calls, newest last. */
  view() {
    return {
      enabled: true,
      write_key: this.options.writeKey,
      host: this.host(),
      sent: this.sent,
      delivered: this.delivered,
      failed: this.failed,
      pending: this.pending(),
      latest: this.latest
    }
  }

  /** Resolves once every call made so far is delivered, or failed after analytics-node's retries. */
  settled(): Promise<void> {
    return this.pending() === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Delivers what is queued (giving up after 10 s) and stops. */
  async close(): Promise<void> {
    await this.client?.closeAndFlush({ timeout: CLOSE_TIMEOUT_MS })
  }

  private send(call: SourceTrack, record: SourceCall): void {
    // Segment needs a userId or an anonymousId: without a user ID the profile ID stands for the user.
    const identity = call.userId ? { userId: call.userId } : { anonymousId: call.properties.livelike_profile_id }
    this.analytics().track(
      {
        ...identity,
        event: call.event,
        messageId: call.messageId,
        properties: call.properties,
        timestamp: call.timestamp,
        ...(call.causedBy !== undefined && { context: { [SANDBOX_CONTEXT]: { caused_by: call.causedBy } } })
      },
      (error) => this.settle(record, error)
    )
  }

  private settle(record: SourceCall, error: unknown): void {
    if (error) {
      this.failed += 1
      record.delivery = 'failed'
      record.error = error instanceof Error ? error.message : String(error)
    } else {
      this.delivered += 1
      record.delivery = 'delivered'
    }
    if (this.pending() === 0) {
      this.waiters.splice(0).forEach((resolve) => resolve())
    }
  }

  private pending(): number {
    return this.sent - this.delivered - this.failed
  }

  private host(): string {
    const { host = DEFAULT_HOST } = this.options
    return typeof host === 'function' ? host() : host
  }

  private analytics(): Analytics {
    this.client ??= new Analytics({
      writeKey: this.options.writeKey,
      host: this.host(),
      flushInterval: FLUSH_INTERVAL_MS
    })
    return this.client
  }
}
