import { call } from '../../server/__tests__/helpers'
import {
  COINS_PER_ORDER,
  liveLikeApi,
  orderSubscription,
  sendOrders,
  setUpPurchase
} from '../../server/__tests__/reward-purchase'
import type { EventDetail } from '../shared/types'
import { consoleInBrowser } from './console-in-browser'

const session = consoleInBrowser(
  () => ({ subscriptions: [orderSubscription(false)] }),
  (server) => setUpPurchase(liveLikeApi(server), server.settings.clientId)
)

async function settled(messageId: string): Promise<EventDetail> {
  const answer = await call<EventDetail>(`${session.server.url}/_console/api/events/${messageId}?wait=30`)
  expect(answer.body.settled).toBe(true)
  return answer.body
}

async function openTab(name: string): Promise<void> {
  await session.watched.page.getByRole('button', { name, exact: true }).click()
}

describe('the console on an order sent twice through Invoke Reward Action', () => {
  it('shows the resent order as already granted in the stream and its detail, and both calls in the LiveLike panel', async () => {
    const { page } = session.watched
    await sendOrders(session.server, [{ messageId: 'order-sent', userId: 'buyer-7', orderId: 'order-7001' }])
    await settled('order-sent')
    await sendOrders(session.server, [{ messageId: 'order-resent', userId: 'buyer-7', orderId: 'order-7001' }])
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
    expect(await page.content()).not.toContain(session.server.settings.producerToken)
  })
})
