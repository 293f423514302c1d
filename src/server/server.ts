import cors from '@fastify/cors'
import Fastify, { LogController } from 'fastify'
import type { FastifyInstance } from 'fastify'
import { createRunner } from '../runtime'
import type { Backoff, DeliveryOutcome, Subscription } from '../runtime'
import { liveConsole } from '../console'
import { LIVELIKE_SOURCE_WRITE_KEY, SANDBOX_CONTEXT, sandboxApplication, startSandbox } from '../sandbox'
import type { RunningSandbox, SandboxOptions } from '../sandbox'
import { DeliveryQueue } from './delivery-queue'
import { finishReading } from '../http/finish-reading'
import { answerErrorsAsJson } from '../http/http-errors'
import { loggerOptions } from './logging'
import type { LogFormat } from './logging'
import { nestingLimit } from './nesting-limit'
import { RecentMessageIds } from './recent-message-ids'
import { actionsTester, TESTER_ORIGINS } from './routes/actions-tester'
import { eventRoutes } from './routes/events'
import { trackingApi } from './routes/tracking-api'
import { stamp } from './tracking-events'
import { defaultSubscriptionsFile } from './subscriptions-file'

const API_BASE_URL_ENV = 'LIVELIKE_API_BASE_URL'

/** How long a stop waits for the sandbox's source calls to reach the Tracking API. */
const SOURCE_SETTLE_MS = 10_000
/** Rounds of delivering and settling a stop goes through at most, however busy the loop. */
const SETTLE_ROUNDS = 10

export interface LiveCredentials {
  clientId: string
  producerToken: string
}

export interface ServerOptions {
  host?: string
  /** Default 3000; 0 picks a free port. */
  port?: number
  /** Default 3100; 0 picks a free port. Unused with `live`. */
  sandboxPort?: number
  /** Options for the embedded sandbox (faults, credentials). */
  sandbox?: SandboxOptions
  /** Deliver to the real LiveLike API with these credentials instead of the sandbox. */
  live?: LiveCredentials
  /** The only write key the Tracking API accepts; any non-empty key when absent. */
  writeKey?: string
  /** Default: the destination's presets. */
  subscriptions?: Subscription[]
  /**
   * Where the console's Mappings view saves the subscriptions: the `--subscriptions` file, or by default a new file
   * under `.livelike/` in the working directory (see defaultSubscriptionsFile).
   */
  subscriptionsFile?: string
  retries?: number
  backoff?: Backoff
  /** How long background delivery waits for a batch to fill. Default 100 ms. */
  lingerMs?: number
  /** Log one line per request. Default true. */
  logger?: boolean
  /** Where log lines go; default standard output. */
  logStream?: NodeJS.WritableStream
  /** Default: pretty on a terminal, JSON lines otherwise. */
  logFormat?: LogFormat
  /**
   * The sandbox, as LiveLike's Segment source, sends its events to this server's Tracking API under write key
   * `livelike-source`, closing the loop Segment -> LiveLike -> Segment. Default false here (`npm start` turns it
   * on unless --no-livelike-source); never with `live`.
   */
  liveLikeSource?: boolean
  /** Let a subscription send the LiveLike source's events back to LiveLike, ending each chain after this many hops. */
  allowLoops?: number
}

export interface RunningServer {
  /** 'http://127.0.0.1:PORT' */
  url: string
  /** The embedded sandbox, absent with `live`. */
  sandbox?: RunningSandbox
  /** The credentials the runner delivers with. */
  settings: LiveCredentials
  subscriptions?: Subscription[]
  /** Where the console saves the subscriptions. */
  subscriptionsFile: string
  /** The write key the sandbox's LiveLike source sends with, when it sends to this server. */
  liveLikeSource?: string
  app: FastifyInstance
  /**
   * Delivers everything accepted, with what the sandbox's source reports of it, then stops accepting, delivers what
   * came meanwhile and stops the sandbox.
   */
  close(): Promise<void>
}

const BATCH_CONCURRENCY = 4
const OUTCOMES_KEPT = 1000
const DEFAULT_BATCH_SIZE = 100

function largestBatchSize(subscriptions: Subscription[] | undefined): number {
  const sizes = (subscriptions ?? []).map((subscription) => Number(subscription.mapping.batch_size) || 1)
  return Math.max(DEFAULT_BATCH_SIZE, ...sizes)
}

/** The dev server's routes, not listening: Actions Tester, Tracking API, /events and /_deliveries. */
export function buildServer(
  options: ServerOptions & { settings: LiveCredentials; subscriptionsFile: string; sourceWriteKey?: string }
): {
  app: FastifyInstance
  queue: DeliveryQueue
} {
  // fastify's own two lines per request give way to one of ours (method, path, status, ms).
  const app = Fastify({
    logger: loggerOptions({
      enabled: options.logger ?? true,
      format: options.logFormat,
      destination: options.logStream
    }),
    logController: new LogController({ disableRequestLogging: true }),
    // Segment events pass through as sent: schemas check their shape, never coerce or strip.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } }
  })
  const runner = createRunner({
    settings: options.settings,
    subscriptions: options.subscriptions,
    retries: options.retries,
    backoff: options.backoff,
    loops: {
      sourceWriteKey: options.sourceWriteKey ?? LIVELIKE_SOURCE_WRITE_KEY,
      causeContext: SANDBOX_CONTEXT,
      allowHops: options.allowLoops,
      onLoop: (outcome) => app.log.warn(outcome.message)
    }
  })
  // The console may replace the subscriptions: the largest Batch Size follows, worked out once per list.
  let sized = runner.subscriptions()
  let flushAt = largestBatchSize(sized)
  const queue = new DeliveryQueue({
    runner,
    get flushAt() {
      if (runner.subscriptions() !== sized) {
        sized = runner.subscriptions()
        flushAt = largestBatchSize(sized)
      }
      return flushAt
    },
    lingerMs: options.lingerMs ?? 100,
    concurrency: BATCH_CONCURRENCY,
    keep: OUTCOMES_KEPT,
    onOutcomes: (outcomes: DeliveryOutcome[]) => {
      const failed = outcomes.filter((outcome) => !outcome.ok && outcome.status !== 0)
      if (failed.length > 0) {
        app.log.warn({ failed: failed.length, first: failed[0] }, 'background delivery failed for some events')
      }
    },
    onError: (error) => app.log.error({ err: error }, 'background delivery crashed')
  })

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      `${request.method} ${request.url.split('?')[0]} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`
    )
  })
  answerErrorsAsJson(app)
  finishReading(app)
  nestingLimit(app)
  app.register(cors, {
    delegator: (request, callback) => {
      // Any web page may send tracking calls; only Segment's app may drive the destination.
      callback(null, { origin: request.url?.startsWith('/v1/') ? true : TESTER_ORIGINS })
    }
  })
  app.register(trackingApi, {
    queue,
    messageIds: new RecentMessageIds(),
    writeKey: options.writeKey,
    sourceWriteKey: options.sourceWriteKey
  })
  app.register(eventRoutes, { runner, queue })
  app.register(actionsTester)
  app.register(liveConsole, { ...options, runner, stamp })
  return { app, queue }
}

/** Every call of the sandbox's source answered, or SOURCE_SETTLE_MS gone by. */
async function settled(sandbox: RunningSandbox | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SOURCE_SETTLE_MS).unref()
  })
  await Promise.race([sandbox?.sourceSettled(), timeout])
  clearTimeout(timer)
}

/** Starts the sandbox (unless live), points the destination at it, and listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const sourceWriteKey = !options.live && options.liveLikeSource ? LIVELIKE_SOURCE_WRITE_KEY : undefined
  let url = ''
  const sandbox = options.live
    ? undefined
    : await startSandbox({
        source: sourceWriteKey ? { writeKey: sourceWriteKey, host: () => url } : false,
        ...options.sandbox,
        host,
        port: options.sandboxPort ?? 3100
      })
  const previousBaseUrl = process.env[API_BASE_URL_ENV]
  if (sandbox) {
    process.env[API_BASE_URL_ENV] = sandbox.apiBaseUrl
  }
  const settings = options.live ?? sandboxApplication(options.sandbox ?? {})
  const subscriptionsFile = options.subscriptionsFile ?? defaultSubscriptionsFile()
  const { app, queue } = buildServer({ ...options, settings, subscriptionsFile, sourceWriteKey })
  try {
    await app.listen({ host, port: options.port ?? 3000 })
  } catch (error) {
    await sandbox?.close()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  url = `http://${host}:${port}`
  return {
    url,
    sandbox,
    settings,
    subscriptions: options.subscriptions,
    subscriptionsFile,
    liveLikeSource: sourceWriteKey,
    app,
    async close() {
      // The sandbox's source reports to this server: until the loop is quiet, the Tracking API must listen.
      for (let round = 0; round === 0 || (queue.backlog > 0 && round < SETTLE_ROUNDS); round++) {
        await queue.drain()
        await settled(sandbox)
      }
      await app.close()
      await queue.drain()
      await sandbox?.close()
      if (sandbox && process.env[API_BASE_URL_ENV] === sandbox.apiBaseUrl) {
        if (previousBaseUrl === undefined) {
          delete process.env[API_BASE_URL_ENV]
        } else {
          process.env[API_BASE_URL_ENV] = previousBaseUrl
        }
      }
    }
  }
}
