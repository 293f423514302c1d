import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Analytics } from '@segment/analytics-node'
import { startServer } from '../src/server/server'
import type { Overview } from '../src/console/shared/types'
import { buildConsolePage } from './build-console'
import { launchChromium, watchedPage } from './lib/headless-chromium'

/**
 * npm run screenshot: docs/console.png, the console after a short seeded session (track, page and screen calls from
 * analytics-node, a few LiveLike refusals of the sandbox's faults, LiveLike's source reporting the rewards, one event
 * without identity), with one retried event open. `--out <file>` writes the image elsewhere.
 */
const DEFAULT_OUTPUT = join(__dirname, '..', 'docs', 'console.png')
const USERS = ['ada', 'grace', 'linus', 'margaret', 'ken']

/** Until `received` events went through every subscription. */
async function settled(url: string, received: number): Promise<void> {
  for (;;) {
    const { counts } = (await (await fetch(`${url}/_console/api/overview`)).json()) as Overview
    const total = Object.values(counts.received).reduce((sum, count) => sum + count, 0)
    if (total >= received && counts.inFlight === 0) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function putFaults(url: string, faults: Record<string, number>): Promise<void> {
  const answer = await fetch(`${url}/_sandbox/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults)
  })
  if (!answer.ok) {
    throw new Error(`the sandbox refused the faults: ${await answer.text()}`)
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } })
  const output = values.out ? resolve(values.out) : DEFAULT_OUTPUT
  await buildConsolePage()
  const server = await startServer({
    port: 0,
    sandboxPort: 0,
    logger: false,
    liveLikeSource: true,
    backoff: { baseMs: 100, maxMs: 400 },
    sandbox: { seed: 7 }
  })
  const sandboxUrl = server.sandbox?.url as string
  const analytics = new Analytics({ writeKey: 'web-app', host: server.url, flushAt: 20 })
  try {
    await putFaults(sandboxUrl, { unavailableRate: 0.2 })
    USERS.forEach((user, index) => {
      for (let n = 0; n < 6; n++) {
        const properties = { livelike_profile_id: `profile-${user}`, video_id: `clip-${n}` }
        analytics.track({ userId: user, event: n % 2 ? 'Video Watched' : 'Quiz Answered', properties })
      }
      analytics.page({ userId: user, name: index % 2 ? 'Home' : 'Scores', properties: { path: '/' } })
      analytics.screen({ userId: user, name: 'Lobby', properties: { livelike_profile_id: `profile-${user}` } })
    })
    await analytics.closeAndFlush()
    // Each delivered event earns a grant, which LiveLike's source reports back under its own write key.
    await settled(server.url, USERS.length * 8 * 2)
    await putFaults(sandboxUrl, { unavailableRate: 0 })
    await fetch(`${server.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'track', event: 'Video Watched', anonymousId: 'anon-1', messageId: 'no-identity' })
    })
    await settled(server.url, USERS.length * 8 * 2 + 1)

    const browser = await launchChromium()
    try {
      const { page } = await watchedPage(browser, server.url)
      await page.goto(server.url)
      const retried = page.locator('.row', { hasText: 'attempts' }).first()
      await retried.click()
      // Clicking scrolled the list to the row: line the list up on whole rows.
      await page.locator('.list').evaluate((list) => {
        list.scrollTop = Math.round(list.scrollTop / 30) * 30
      })
      await page.locator('.event-view [data-pane="attempts"] li').first().waitFor()
      await page.screenshot({ path: output })
    } finally {
      await browser.close()
    }
    process.stdout.write(`wrote ${output}\n`)
  } finally {
    await server.close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshot failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
