import type { SourceOptions } from './source'

export interface Faults {
  /** Share of calls answered 503 {"detail": ...}; nothing is recorded. */
  unavailableRate: number
  /** Share of calls answered 429 with Retry-After: retryAfterSeconds; nothing is recorded. */
  rateLimitedRate: number
  retryAfterSeconds: number
  /** Share of calls whose events ARE recorded, after which the client gets a 503 or a dropped connection. */
  lostResponseRate: number
  /** Added before answering. */
  latencyMs: number
}

export interface SandboxOptions {
  /** Default: process.env.SANDBOX_CLIENT_ID, else 'demo'. */
  clientId?: string
  /** Default: process.env.SANDBOX_PRODUCER_TOKEN, else 'demo-producer-token'. */
  producerToken?: string
  /** Default: all 0 (retryAfterSeconds 1). */
  faults?: Partial<Faults>
  /** Seeds the fault dice, so that chaos runs are reproducible. */
  seed?: number
  /** Fastify logging (Authorization redacted), default false. */
  logger?: boolean
  /**
   * LiveLike as a Segment source: where its track calls go. Default: SANDBOX_SOURCE_WRITE_KEY and
   * SANDBOX_SOURCE_HOST from the environment when the write key is set, else none; false: none whatever the
   * environment says.
   */
  source?: SourceOptions | false
  /** The time now, for grants, invocations and the reward limits' windows; tests move it. Default: the real clock. */
  clock?: () => Date
}

/** Django's default DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): LiveLike's API is served by Django. */
export const BODY_LIMIT_BYTES = 2_621_440

export const DEMO_CLIENT_ID = 'demo'
export const DEMO_PRODUCER_TOKEN = 'demo-producer-token'

export const NO_FAULTS: Faults = {
  unavailableRate: 0,
  rateLimitedRate: 0,
  retryAfterSeconds: 1,
  lostResponseRate: 0,
  latencyMs: 0
}

export interface Application {
  clientId: string
  producerToken: string
}

/** The options first, then the environment (an empty variable counts as unset), then the demo application. */
export function sandboxApplication(options: SandboxOptions): Application {
  return {
    clientId: options.clientId || process.env.SANDBOX_CLIENT_ID || DEMO_CLIENT_ID,
    producerToken: options.producerToken || process.env.SANDBOX_PRODUCER_TOKEN || DEMO_PRODUCER_TOKEN
  }
}

/** The options first, then the environment (SANDBOX_SOURCE_WRITE_KEY, SANDBOX_SOURCE_HOST), else no source. */
export function sandboxSource(options: SandboxOptions): SourceOptions | undefined {
  if (options.source !== undefined) {
    return options.source || undefined
  }
  const writeKey = process.env.SANDBOX_SOURCE_WRITE_KEY
  return writeKey ? { writeKey, host: process.env.SANDBOX_SOURCE_HOST || undefined } : undefined
}
