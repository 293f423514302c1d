import { Analytics } from '@segment/analytics-node'
import { call, eventually } from '../../server/__tests__/helpers'
import type { DeliveryOutcomeView } from '../shared/types'
import { batchWithOneRefused } from './batch-with-one-refused'
import { consoleInBrowser, WAIT_MS } from './console-in-browser'

// With this seed the sandbox's first fault roll strikes at a 503 rate of 0.5 and its second does not.
const SEED = 8

const session = consoleInBrowser(() => ({ backoff: { baseMs: 50, maxMs: 200 }, sandbox: { seed: SEED } }))

async function trackFromAnalyticsNode(messageId: string): Promise<void> {
  const analytics = new Analytics({ writeKey: 'web-app', host: session.server.url, flushAt: 1 })
  analytics.track({
    userId: 'user-1',
    event: 'Video Watched',
    messageId,
    properties: { livelike_profile_id: 'profile-1', video_id: 'intro' }
  })
  await analytics.closeAndFlush()
}

async function openTab(name: string): Promise<void> {
  await session.watched.page.getByRole('button', { name, exact: true }).click()
}

describe('the console in a browser', () => {
  it('shows a track call from analytics-node as delivered, with the request (token redacted) and the 202', async () => {
    const { page } = session.watched
    await trackFromAnalyticsNode('browser-track')
    const row = page.locator('.row[data-message-id="browser-track"]')
    await row.and(page.locator('[data-stage="delivered"]')).waitFor()
    await row.click()

    const request = page.locator('.event-view [data-pane="request"]')
    await request.getByText('[redacted]').waitFor()
    expect(await request.textContent()).toContain(
      `${session.server.sandbox?.apiBaseUrl}/applications/demo/segment-events/`
    )
    await page.locator('.event-view [data-pane="response"] [data-status="202"]').waitFor()
    expect(await page.content()).not.toContain(session.server.settings.producerToken)
  })

  it('shows the validation message of an event without identity sent from the Event tester, under failed', async () => {
    const { page } = session.watched
    await openTab('Event tester')
    await page.getByRole('button', { name: 'without identity' }).click()
    await page.getByRole('button', { name: 'Send event' }).click()
    const fate = page.locator('.result .fates li').first()
    await fate.getByText('failed: validation').waitFor()
    expect(await fate.textContent()).toMatch(/The event has no LiveLike identity/)

    await openTab('Delivery overview')
    await page.locator('[data-count="failed-validation"]', { hasText: /^1$/ }).waitFor()
  })

  it('makes retries visible on the next event once the faults panel sets a 503 rate, and the event ends delivered', async () => {
    const { page } = session.watched
    await openTab('LiveLike')
    await page.locator('input[name="unavailableRate"]').fill('0.5')
    await page.getByRole('button', { name: 'Save faults' }).click()
    await page.getByText('Faults saved.').waitFor()

    await trackFromAnalyticsNode('browser-retried')
    await openTab('Event stream')
    await page.locator('input[aria-label="messageId"]').fill('browser-retried')
    const row = page.locator('.row[data-message-id="browser-retried"][data-stage="delivered"]')
    await row.getByText('2 attempts').waitFor()
    await row.click()
    const attempts = page.locator('.event-view [data-pane="attempts"] li')
    await attempts.nth(1).waitFor()
    expect(await attempts.nth(0).textContent()).toMatch(/503[\s\S]*LiveLike answered 503/)
    expect(await attempts.nth(1).textContent()).toMatch(/#2 .* waited \d+ ms · 202/)
  })

  it('shows the counts of /_deliveries and of the sandbox, with no console error and no request elsewhere', async () => {
    const { page } = session.watched
    await openTab('Delivery overview')
    const shown = async (selector: string) => Number((await page.locator(selector).textContent())?.replace(/,/g, ''))
    const compare = async () => {
      const deliveries = await call<{ outcomes: (DeliveryOutcomeView & { source?: string })[] }>(
        `${session.server.url}/_deliveries?limit=1000`
      )
      const { outcomes } = deliveries.body
      const stats = await call<{ recorded: number }>(`${session.server.sandbox?.url}/_sandbox/stats`)
      return {
        expected: {
          delivered: [stats.body.recorded, outcomes.filter((outcome) => outcome.ok).length],
          receivedFromWebApp: outcomes.filter((outcome) => outcome.source === 'web-app').length,
          noSubscription: outcomes.filter((outcome) => outcome.subscription === undefined).length
        },
        shown: {
          delivered: [
            await shown('[data-count="delivered-total"]'),
            await shown('.summary [data-count="delivered"] dd')
          ],
          receivedFromWebApp: await shown('[data-source="web-app"] td'),
          noSubscription: await shown('[data-count="filtered-no-subscription"]')
        }
      }
    }
    // The counts reach the page a few times a second, and LiveLike's source may still be reporting: wait for agreement.
    const last = await eventually(async () => {
      const counts = await compare()
      return JSON.stringify(counts.shown) === JSON.stringify(counts.expected) ? counts : undefined
    }, WAIT_MS).catch(() => compare())
    expect(last.shown).toEqual(last.expected)
    expect(last.shown.delivered[0]).toBe(2)
    expect(session.watched.consoleErrors).toEqual([])
    expect(session.watched.foreignRequests).toEqual([])
  })

  it.each([
    ['first', 0],
    ['in the middle', 2],
    ['last', 5]
  ])('shows no request and no answer for an event refused before any request, %s in its batch', async (_, refused) => {
    const { page } = session.watched
    await openTab('Event stream')
    const messageIds = await batchWithOneRefused(session.server.url, `browser-batch-${refused}`, refused)
    const search = page.locator('input[aria-label="messageId"]')
    const view = page.locator('.event-view')

    await search.fill(messageIds[refused])
    await page.locator(`.row[data-message-id="${messageIds[refused]}"][data-stage="failed"]`).click()
    await view.and(page.locator(`[data-message-id="${messageIds[refused]}"]`)).waitFor()
    const request = view.locator('[data-pane="request"]')
    await request.getByText('No request was sent: this event never reached LiveLike.').waitFor()
    expect(await request.textContent()).toMatch(/The event has no LiveLike identity/)
    expect(await view.locator('[data-pane="response"]').textContent()).toContain('No answer.')
    expect(await view.locator('[data-status]').count()).toBe(0)

    const neighbour = messageIds[refused === 0 ? 1 : refused - 1]
    await search.fill(neighbour)
    await page.locator(`.row[data-message-id="${neighbour}"][data-stage="delivered"]`).click()
    await view.and(page.locator(`[data-message-id="${neighbour}"]`)).waitFor()
    await view.locator('[data-pane="response"] [data-status="202"]').waitFor()
    const sent = await view.locator('[data-pane="request"]').textContent()
    expect(sent).toContain('One request for 5 events (a batch); this event is among them.')
    expect(sent).toContain(neighbour)
    expect(sent).not.toContain(messageIds[refused])
  })

  it("sets a reward limit on the default entry and adds an entry from the LiveLike panel's reward engine", async () => {
    const { page } = session.watched
    await openTab('LiveLike')
    const engine = page.locator('.reward-engine')
    const defaultEntry = engine.locator('.entries tr').filter({ hasText: 'segment-event' })
    await defaultEntry.getByText('no limit').waitFor()
    // The default table has one entry: its limits form is the only one.
    const limits = engine.locator('form.limits')
    await limits.locator('input[aria-label="reward limit"]').fill('1')
    await limits.getByRole('button', { name: 'Save limits' }).click()
    await defaultEntry.getByText('at most 1 a day (UTC)').waitFor()

    await engine.locator('select[aria-label="action"]').selectOption('quiz-correct')
    await engine.locator('input[aria-label="amount"]').fill('7')
    await engine.getByRole('button', { name: 'Add entry' }).click()
    await engine.locator('.entries tr').filter({ hasText: 'quiz-correct' }).getByText('+7 points').waitFor()
  })
})
