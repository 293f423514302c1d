import type { Browser } from 'playwright-core'
import { buildConsolePage } from '../../../scripts/build-console'
import { launchChromium, watchedPage } from '../../../scripts/lib/headless-chromium'
import type { WatchedPage } from '../../../scripts/lib/headless-chromium'
import { startServer } from '../../server/server'
import type { RunningServer, ServerOptions } from '../../server/server'

// A busy machine is slow, never wrong: every wait is for a condition, bounded generously.
export const WAIT_MS = 60_000
const TEST_TIMEOUT_MS = 180_000

/** The dev server of a browser test file and the page open on its console, set once its beforeAll has run. */
export interface ConsoleInBrowser {
  server: RunningServer
  watched: WatchedPage
}

/**
 * Sets up a browser test file: builds the console page, starts a quiet dev server and its sandbox on free ports with
 * `options()`, runs `prepare` against it, then opens the console in a watched Chromium page; closes both after.
 */
export function consoleInBrowser(
  options: () => ServerOptions,
  prepare: (server: RunningServer) => Promise<void> = async () => undefined
): ConsoleInBrowser {
  jest.setTimeout(TEST_TIMEOUT_MS)
  const session = {} as ConsoleInBrowser
  let browser: Browser | undefined
  beforeAll(async () => {
    await buildConsolePage()
    session.server = await startServer({ port: 0, sandboxPort: 0, logger: false, lingerMs: 10, ...options() })
    await prepare(session.server)
    browser = await launchChromium()
    session.watched = await watchedPage(browser, session.server.url)
    session.watched.page.setDefaultTimeout(WAIT_MS)
    await session.watched.page.goto(session.server.url)
  })
  afterAll(async () => {
    await browser?.close()
    await session.server?.close()
  })
  return session
}
