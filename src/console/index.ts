import type { FastifyInstance } from 'fastify'
import { API_BASE_URL_ENV } from '../destinations/livelike-cloud/constants'
import type { Settings } from '../destinations/livelike-cloud/generated-types'
import type { Runner, SegmentEvent } from '../runtime'
import { sameOriginOnly } from '../http/same-origin'
import { DeliveryHistory } from './history'
import { LiveFeed } from './live'
import { liveLikeRoutes } from './livelike-routes'
import { mappingsRoutes } from './mappings/routes'
import { MappingsStore } from './mappings/store'
import { consoleRoutes } from './routes'
import { consolePage } from './static'

export interface ConsoleOptions {
  runner: Runner
  /** What the runner delivers with; the Mappings view's previews and dynamic choices use them too. */
  settings: Settings
  /** Where the Mappings view saves the subscriptions: chosen by the server at start. */
  subscriptionsFile: string
  /** Fills what Segment's API fills in an event (messageId, receivedAt, timestamp), for the Mappings view's tests. */
  stamp: (event: Record<string, unknown>, receivedAt: Date) => SegmentEvent
  /** Set when delivering to the real LiveLike API: there is no sandbox to show. */
  live?: unknown
  /** Events kept in full (default 10,000); counts cover every event. */
  capacity?: number
}

const DEFAULT_CAPACITY = 10_000

// startServer points the destination at its sandbox before it builds the server.
function sandboxUrl(live: unknown): string | undefined {
  const base = process.env[API_BASE_URL_ENV]
  return live || !base ? undefined : new URL(base).origin
}

/** The local console: Delivery Overview, event stream, Event tester and LiveLike panel, at / with its JSON routes. */
export async function liveConsole(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const history = new DeliveryHistory({ capacity: options.capacity ?? DEFAULT_CAPACITY })
  const stopObserving = options.runner.observe(history.observer)
  const live = new LiveFeed(history, { intervalMs: 250, heartbeatMs: 2000, maxEvents: 200 })
  app.addHook('preClose', async () => live.close())
  app.addHook('onClose', async () => stopObserving())

  // The console's controls (the sandbox's faults, rules and reset) answer its own page only, and JSON only.
  app.addHook('onRequest', sameOriginOnly())
  const sandbox = sandboxUrl(options.live)
  await app.register(consoleRoutes, {
    history,
    live,
    info: () => ({ subscriptions: options.runner.subscriptions(), sandbox: sandbox !== undefined })
  })
  await app.register(mappingsRoutes, {
    store: new MappingsStore(options.runner, options.subscriptionsFile),
    runner: options.runner,
    history,
    settings: options.settings,
    stamp: options.stamp
  })
  await app.register(liveLikeRoutes, { sandboxUrl: sandbox })
  await app.register(consolePage)
}
