import type { Browser } from 'playwright-core'
import { buildConsolePage } from '../../../scripts/build-console'
import { launchChromium, watchedPage } from '../../../scripts/lib/headless-chromium'
import type { WatchedPage } from '../../../scripts/lib/headless-chromium'
import { call } from '../../server/__tests__/helpers'
import {
  COINS_PER_ORDER,
  liveLikeApi,
  orderSubscription,
  sendOrders,
  setUpPurchase
} from '../../server/__tests__/reward-purchase'
import { startServer } from '../../server/server'
import type { RunningServer } from '../../server/server'
import type { EventDetail } from '../shared/types'

// A busy machine is slow, never wrong: every wait is for a condition, bounded generously.
jest.setTimeout(180_000)
const WAIT_MS = 60_000

let server: RunningServer
let browser: Browser
let watched: WatchedPage

beforeAll(async () => {
  await buildConsolePage()
  server = await startServer({
    port: 0,
    sandboxPort: 0,
    logger: false,
    lingerMs: 10,
    subscriptions: [orderSubscription(false)]
  })
  await setUpPurchase(liveLikeApi(server), server.settings.clientId)
  browser = await launchChromium()
  watched = await watchedPage(browser, server.url)
  watched.page.setDefaultTimeout(WAIT_MS)
  await watched.page.goto(server.url)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function settled(messageId: string): Promise<EventDetail> {
  const answer = await call<EventDetail>(`${server.url}/_console/api/events/${messageId}?wait=30`)
  expect(answer.body.settled).toBe(true)
  return answer.body
}

async function openTab(name: string): Promise<void> {
  await watched.page.getByRole('button', { name, exact: true }).click()
}

describe('the console on an order sent twice through Invoke Reward Action', () => {
  it('shows the resent order as already granted in the stream and its detail, and both calls in the LiveLike panel', async () => {
    const { page } = watched
    await sendOrders(server, [{ messageId: 'order-sent', userId: 'buyer-7', orderId: 'order-7001' }])
    await settled('order-sent')
    await sendOrders(server, [{ messageId: 'order-resent', userId: 'buyer-7', orderId: 'order-7001' }])
    await settled('order-resent')

    const resent = page.locator('.row[data-message-id="order-resent"][data-stage="delivered"]')
    await resent.getByText('already granted').waitFor()
    const sent = page.locator('.row[data-message-id="order-sent"][data-stage="delivered"]')
    await sent.waitFor()
    expect(await sent.textContent()).not.toContain('already granted')

    await resent.click()
    const view = page.locator('.event-view[data-message-id="order-resent"]')
    await view.locator('.fates li .already-granted').waitFor()
    expect(await view.locator('.fates li').first().textContent()).toMatch(
      /delivered.*Order Completed grants a purchase.*\(invokeRewardAction\).*already granted: LiveLike had granted for this code before/
    )
    expect(await view.locator('[data-pane="attempts"] li').first().textContent()).toMatch(/· 409[\s\S]*already granted/)
    await view.locator('[data-pane="response"] [data-status="409"]').waitFor()
    expect(await view.locator('[data-pane="response"]').textContent()).toContain('code already used.')

    await sent.click()
    const first = page.locator('.event-view[data-message-id="order-sent"]')
    await first.locator('[data-pane="response"] [data-status="201"]').waitFor()
    expect(await first.locator('.fates').textContent()).not.toContain('already granted')

    await openTab('LiveLike')
    const invocations = page.locator('table.invocations tr', { hasText: 'order-7001' })
    await invocations.nth(1).waitFor()
    expect(await invocations.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-outcome')))).toEqual([
      'code already used',
      'granted'
    ])
    expect(await invocations.nth(1).textContent()).toContain(`${COINS_PER_ORDER}`)
    expect(await page.content()).not.toContain(server.settings.producerToken)
  })
})
