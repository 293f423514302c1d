import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Analytics } from '@segment/analytics-node'
import { defaultValues } from '@segment/actions-core'
import { parseFql } from '@segment/destination-subscriptions'
import type { Browser } from 'playwright-core'
import { buildConsolePage } from '../../../scripts/build-console'
import { launchChromium, watchedPage } from '../../../scripts/lib/headless-chromium'
import type { WatchedPage } from '../../../scripts/lib/headless-chromium'
import sendEvent from '../../destinations/livelike-cloud/sendEvent'
import { loadSubscriptions } from '../../runtime'
import { call } from '../../server/__tests__/helpers'
import { startServer } from '../../server/server'
import type { RunningServer } from '../../server/server'
import type { MappingsView } from '../shared/mappings'
import type { EventDetail } from '../shared/types'
import type * as DynamicAction from './dynamic-action'
import { REFUSED } from './dynamic-action'

// The destination has no dynamic field yet: an action with one is added, wherever the definition is read.
jest.mock('../../destinations/livelike-cloud', () => {
  const actual = jest.requireActual<{ default: never }>('../../destinations/livelike-cloud')
  const { withRewardStub } = jest.requireActual<typeof DynamicAction>('./dynamic-action')
  return { __esModule: true, default: withRewardStub(actual.default) }
})

// A busy machine is slow, never wrong: every wait is for a condition, bounded generously.
jest.setTimeout(180_000)
const WAIT_MS = 60_000

const PROFILE = '6a1f2c3d-0000-4000-8000-00000000000b'
const BROKEN = 'event = "Order Completed'

let dir: string
let file: string
let server: RunningServer
let browser: Browser
let watched: WatchedPage

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mappings-browser-'))
  file = join(dir, 'subscriptions.json')
  await buildConsolePage()
  server = await startServer({
    port: 0,
    sandboxPort: 0,
    logger: false,
    lingerMs: 10,
    backoff: { baseMs: 50, maxMs: 200 },
    subscriptionsFile: file
  })
  browser = await launchChromium()
  watched = await watchedPage(browser, server.url)
  watched.page.setDefaultTimeout(WAIT_MS)
  await watched.page.goto(server.url)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await rm(dir, { recursive: true, force: true })
})

async function orderFromAnalyticsNode(messageId: string, orderId: string): Promise<EventDetail> {
  const analytics = new Analytics({ writeKey: 'web-app', host: server.url, flushAt: 1 })
  analytics.track({
    userId: 'user-3',
    event: 'Order Completed',
    messageId,
    properties: { order_id: orderId, livelike_profile_id: PROFILE }
  })
  await analytics.closeAndFlush()
  const { status, body } = await call<EventDetail>(`${server.url}/_console/api/events/${messageId}?wait=30`)
  expect(status).toBe(200)
  return body
}

const field = (key: string) => watched.page.locator(`.mapping-editor .field[data-field="${key}"]`)

async function newSubscription(): Promise<void> {
  await watched.page.getByRole('button', { name: 'New subscription' }).click()
  await watched.page.locator('.mapping-editor').waitFor()
}

describe('the Mappings view in a browser', () => {
  it('builds a subscription from nothing, previews it, saves it, and a later track call is delivered through it', async () => {
    const { page } = watched
    await orderFromAnalyticsNode('sample-order', 'A-100')
    await page.getByRole('button', { name: 'Mappings', exact: true }).click()
    await newSubscription()
    await page.getByLabel('name', { exact: true }).fill('Orders')
    await page.getByLabel('trigger', { exact: true }).fill('event = "Order Completed"')
    await page.locator('.trigger-state', { hasText: /^Matches 1 of the latest \d+ events\.$/ }).waitFor()
    await page.getByLabel('sample event', { exact: true }).selectOption('sample-order')
    await page.waitForFunction(() =>
      document.querySelector<HTMLTextAreaElement>('.mapping-editor textarea.sample')?.value.includes('A-100')
    )

    await field('event_name').getByRole('button', { name: 'Pick a path' }).click()
    await field('event_name').getByLabel('filter paths').fill('order')
    await field('event_name').getByRole('button', { name: '$.properties.order_id', exact: true }).click()
    expect(await field('event_name').getByLabel('Event Name path').inputValue()).toBe('$.properties.order_id')

    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    const payload = page.locator('.preview .payload')
    await payload.waitFor()
    expect(JSON.parse((await payload.textContent()) ?? '')).toMatchObject({
      event_name: 'A-100',
      event_type: 'track',
      livelike_profile_id: PROFILE,
      message_id: 'sample-order'
    })

    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.locator('tr[data-subscription="Orders"]').waitFor()
    const saved = await loadSubscriptions(file)
    expect(saved.map((subscription) => subscription.name)).toEqual([
      'Track Calls',
      'Page Calls',
      'Screen Calls',
      'Orders'
    ])
    expect(saved[3]).toEqual({
      name: 'Orders',
      subscribe: 'event = "Order Completed"',
      partnerAction: 'sendEvent',
      mapping: { ...defaultValues(sendEvent.fields), event_name: { '@path': '$.properties.order_id' } }
    })

    const detail = await orderFromAnalyticsNode('after-save', 'B-200')
    expect(detail.fates.map((fate) => [fate.subscription, fate.stage])).toContainEqual(['Orders', 'delivered'])
    const names = detail.exchanges.flatMap(
      (exchange) => (JSON.parse(exchange.request.body) as { events: { event_name: string }[] }).events
    )
    expect(names.map((event) => event.event_name)).toContain('B-200')
    await page.locator('tr[data-subscription="Orders"] [data-count="delivered"]', { hasText: /^1$/ }).waitFor()
  })

  it("shows the parser's message for a trigger that does not parse, and cannot save it", async () => {
    const { page } = watched
    await newSubscription()
    await page.getByLabel('name', { exact: true }).fill('Broken')
    await page.getByLabel('trigger', { exact: true }).fill(BROKEN)
    const parsed = parseFql(BROKEN)
    expect('error' in parsed).toBe(true)
    await page.locator('.trigger-error', { hasText: 'error' in parsed ? parsed.error.message : 'never' }).waitFor()
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true)
  })

  it("shows actions-core's message in the preview when a required field finds nothing", async () => {
    const { page } = watched
    await page.getByLabel('trigger', { exact: true }).fill('event = "Order Completed"')
    await field('event_name').getByLabel('Event Name path').fill('$.properties.coupon')
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    await page
      .locator('.preview-errors li', { hasText: "The root value is missing the required field 'event_name'." })
      .waitFor()
  })

  it("offers a dynamic field's choices page by page from its handler, and shows the handler's error", async () => {
    const { page } = watched
    await page.getByLabel('action', { exact: true }).selectOption('rewardStub')
    const choices = field('program_id').getByLabel('Program choices')
    await choices.locator('option', { hasText: 'Playoffs' }).waitFor({ state: 'attached' })
    await field('program_id').getByRole('button', { name: 'More choices' }).click()
    await choices.locator('option', { hasText: 'Finals' }).waitFor({ state: 'attached' })
    await choices.selectOption('program-3')
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    await page.locator('.preview .payload', { hasText: '"program_id": "program-3"' }).waitFor()

    await field('code').getByLabel('Code source').selectOption('value')
    await field('code').getByLabel('Code value').fill('refuse')
    await field('program_id').getByRole('button', { name: 'Reload' }).click()
    await field('program_id').locator('.dynamic-error', { hasText: REFUSED }).waitFor()
  })

  it('gives a fresh server started with the saved file the same subscriptions', async () => {
    const fresh = await startServer({
      port: 0,
      sandboxPort: 0,
      logger: false,
      subscriptions: await loadSubscriptions(file),
      subscriptionsFile: file
    })
    try {
      const strip = (view: MappingsView) => view.subscriptions.map(({ counts: _counts, ...rest }) => rest)
      const before = await call<MappingsView>(`${server.url}/_console/api/mappings`)
      const after = await call<MappingsView>(`${fresh.url}/_console/api/mappings`)
      expect(strip(after.body)).toEqual(strip(before.body))
      expect(strip(after.body).map((subscription) => subscription.name)).toContain('Orders')
    } finally {
      await fresh.close()
    }
  })

  it('refuses a save from a page of another origin, in a browser with web security on as a real one has it', async () => {
    const saved = await readFile(file, 'utf8')
    const guarded = await launchChromium({ webSecurity: true })
    try {
      const foreign = await (await guarded.newContext({ locale: 'en-US' })).newPage()
      await foreign.goto(`${server.sandbox?.url}/_sandbox/stats`)
      const subscription = { name: 'Planted', subscribe: 'type = "track"', partnerAction: 'sendEvent', mapping: {} }
      // The classic cross-site form: a text/plain post whose body reads as JSON, which a browser sends without asking.
      const answered = foreign.waitForNavigation()
      await foreign.evaluate(
        ([url, body]) => {
          const form = document.createElement('form')
          form.method = 'POST'
          form.action = url
          form.enctype = 'text/plain'
          const input = document.createElement('input')
          input.name = body.slice(0, -2)
          input.value = '"}'
          form.append(input)
          document.body.append(form)
          form.submit()
        },
        [`${server.url}/_console/api/mappings`, JSON.stringify({ subscription, padding: '' })] as const
      )
      await answered
      expect(JSON.parse((await foreign.textContent('body')) ?? '')).toMatchObject({
        statusCode: 403,
        message: expect.stringMatching(/^A page from http:\/\/127\.0\.0\.1:\d+ may not change anything here/)
      })
      // A JSON post needs CORS's leave first, which the console gives no other origin: it is never sent.
      await foreign.goto(`${server.sandbox?.url}/_sandbox/stats`)
      const json = await foreign.evaluate(
        async ([url, body]) => {
          try {
            await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
            return 'sent'
          } catch {
            return 'refused'
          }
        },
        [`${server.url}/_console/api/mappings`, JSON.stringify({ subscription })] as const
      )
      expect(json).toBe('refused')
    } finally {
      await guarded.close()
    }
    expect(await readFile(file, 'utf8')).toBe(saved)
    const { body } = await call<MappingsView>(`${server.url}/_console/api/mappings`)
    expect(body.subscriptions.map((subscription) => subscription.name)).not.toContain('Planted')
  })

  it('draws a list of 100 subscriptions, and picks a path among the 1,000 keys of a sample event', async () => {
    const { page } = watched
    const { body: before } = await call<MappingsView>(`${server.url}/_console/api/mappings`)
    for (let n = before.subscriptions.length; n < 100; n++) {
      const subscription = { ...before.subscriptions[0], name: `Bulk ${n}`, subscribe: `event = "Bulk ${n}"` }
      const added = await call(`${server.url}/_console/api/mappings`, { json: { subscription } })
      expect(added.status).toBe(200)
    }
    await page.reload()
    await page.getByRole('button', { name: 'Mappings', exact: true }).click()
    await page.locator('tr[data-subscription="Bulk 99"]').waitFor()
    expect(await page.locator('.mappings-list tbody tr').count()).toBe(100)

    await newSubscription()
    const properties = Object.fromEntries(Array.from({ length: 1000 }, (_, n) => [`key_${n}`, n]))
    await page
      .getByLabel('sample event JSON', { exact: true })
      .fill(JSON.stringify({ type: 'track', event: 'Wide', userId: 'user-3', properties }))
    await field('event_name').getByRole('button', { name: 'Pick a path' }).click()
    const picker = field('event_name').locator('.path-picker')
    await picker.getByText(/^\d+ more: filter to find them\.$/).waitFor()
    expect(await picker.locator('button.path').count()).toBe(30)
    await picker.getByLabel('filter paths').fill('key_999')
    await picker.getByRole('button', { name: '$.properties.key_999', exact: true }).click()
    expect(await field('event_name').getByLabel('Event Name path').inputValue()).toBe('$.properties.key_999')
  })

  it('leaves no console error and makes no request to another host', () => {
    expect(watched.consoleErrors).toEqual([])
    expect(watched.foreignRequests).toEqual([])
  })
})
