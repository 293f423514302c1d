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
