import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Analytics } from '@segment/analytics-node'
import { defaultValues } from '@segment/actions-core'
import { parseFql } from '@segment/destination-subscriptions'
import { launchChromium, watchedPage } from '../../../scripts/lib/headless-chromium'
import invokeRewardAction from '../../destinations/livelike-cloud/invokeRewardAction'
import { loadSubscriptions } from '../../runtime'
import { banner } from '../../server/banner'
import { parseOptions } from '../../server/options'
import { call } from '../../server/__tests__/helpers'
import { startServer } from '../../server/server'
import type { MappingsView } from '../shared/mappings'
import type { EventDetail } from '../shared/types'
import { consoleInBrowser, WAIT_MS } from './console-in-browser'
import { balanceOf, invocationsWithCode, PAGE_SIZE, setUpPurchases } from './reward-setup'
import type { Purchases } from './reward-setup'

const CUSTOMER = 'user-3'
const BROKEN = 'event = "Order Completed'

let dir: string
let file: string
let purchases: Purchases

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mappings-browser-'))
  file = join(dir, 'subscriptions.json')
})

const session = consoleInBrowser(
  () => ({ backoff: { baseMs: 50, maxMs: 200 }, subscriptionsFile: file }),
  async (server) => {
    purchases = await setUpPurchases(server)
  }
)

afterAll(() => rm(dir, { recursive: true, force: true }))

async function orderFromAnalyticsNode(messageId: string, orderId: string): Promise<EventDetail> {
  const analytics = new Analytics({ writeKey: 'web-app', host: session.server.url, flushAt: 1 })
  analytics.track({ userId: CUSTOMER, event: 'Order Completed', messageId, properties: { order_id: orderId } })
  await analytics.closeAndFlush()
  const { status, body } = await call<EventDetail>(`${session.server.url}/_console/api/events/${messageId}?wait=30`)
  expect(status).toBe(200)
  return body
}

const field = (key: string) => session.watched.page.locator(`.mapping-editor .field[data-field="${key}"]`)

async function newSubscription(): Promise<void> {
  await session.watched.page.getByRole('button', { name: 'New subscription' }).click()
  await session.watched.page.locator('.mapping-editor').waitFor()
}

describe('the Mappings view in a browser', () => {
  it('builds an Invoke Reward Action subscription from nothing with choices from LiveLike, and two orders of one ID grant once', async () => {
    const { page } = session.watched
    await orderFromAnalyticsNode('sample-order', 'A-100')
    await page.getByRole('button', { name: 'Mappings', exact: true }).click()
    await newSubscription()
    await page.getByLabel('name', { exact: true }).fill('Order rewards')
    await page.getByLabel('trigger', { exact: true }).fill('event = "Order Completed"')
    await page.locator('.trigger-state', { hasText: /^Matches 1 of the latest \d+ events\.$/ }).waitFor()
    await page.getByLabel('action', { exact: true }).selectOption({ label: 'Invoke Reward Action' })

    // The sandbox holds more reward actions than LiveLike lists on a page: Purchase comes with More choices.
    const actionChoices = field('reward_action_key').getByLabel('Reward Action choices')
    await actionChoices.locator('option', { hasText: `choose (${PAGE_SIZE} loaded)` }).waitFor({ state: 'attached' })
    expect(await actionChoices.locator('option', { hasText: 'Purchase' }).count()).toBe(0)
    await field('reward_action_key').getByRole('button', { name: 'More choices' }).click()
    await actionChoices.locator('option', { hasText: 'Purchase' }).waitFor({ state: 'attached' })
    await actionChoices.selectOption('purchase')
    const programChoices = field('program_id').getByLabel('Program choices')
    await programChoices.locator('option', { hasText: 'Loyalty' }).waitFor({ state: 'attached' })
    await programChoices.selectOption({ label: 'Loyalty' })

    await page.getByLabel('sample event', { exact: true }).selectOption('sample-order')
    await page.waitForFunction(() =>
      document.querySelector<HTMLTextAreaElement>('.mapping-editor textarea.sample')?.value.includes('A-100')
    )
    await field('code').getByRole('button', { name: 'Pick a path' }).click()
    await field('code').getByLabel('filter paths').fill('order')
    await field('code').getByRole('button', { name: '$.properties.order_id', exact: true }).click()
    expect(await field('code').getByLabel('Code path').inputValue()).toBe('$.properties.order_id')

    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    const payload = page.locator('.preview .payload')
    await payload.waitFor()
    const previewed = JSON.parse((await payload.textContent()) ?? '') as Record<string, unknown>
    expect(previewed).toMatchObject({
      reward_action_key: 'purchase',
      program_id: purchases.programId,
      code: 'A-100',
      custom_profile_id: CUSTOMER
    })
    expect(previewed).not.toHaveProperty('profile_id')
    expect(await invocationsWithCode(session.server, 'A-100')).toEqual([])

    // Test sends the sample for real, as Segment's Event tester does: LiveLike's answer shows what it granted.
    await page.getByRole('button', { name: 'Test', exact: true }).click()
    const answer = page.locator('.test-result [data-pane="response"]')
    await answer.locator('pre', { hasText: '"reward_item_name": "coins"' }).waitFor()
    expect(await answer.locator('[data-status]').getAttribute('data-status')).toBe('201')
    expect((await invocationsWithCode(session.server, 'A-100')).map((invocation) => invocation.outcome)).toEqual([
      'granted'
    ])

    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.locator('tr[data-subscription="Order rewards"]').waitFor()
    const saved = await loadSubscriptions(file)
    expect(saved.map((subscription) => subscription.name)).toEqual([
      'Track Calls',
      'Page Calls',
      'Screen Calls',
      'Order rewards'
    ])
    expect(saved[3]).toEqual({
      name: 'Order rewards',
      subscribe: 'event = "Order Completed"',
      partnerAction: 'invokeRewardAction',
      mapping: {
        ...defaultValues(invokeRewardAction.fields),
        reward_action_key: 'purchase',
        program_id: purchases.programId,
        code: { '@path': '$.properties.order_id' }
      }
    })

    const first = await orderFromAnalyticsNode('order-b-1', 'B-200')
    const second = await orderFromAnalyticsNode('order-b-2', 'B-200')
    for (const detail of [first, second]) {
      expect(detail.fates.map((fate) => [fate.subscription, fate.stage])).toContainEqual(['Order rewards', 'delivered'])
    }
    const invocations = await invocationsWithCode(session.server, 'B-200')
    expect(
      invocations.map(({ program_id, reward_action_key, outcome, rewards }) => ({
        program_id,
        reward_action_key,
        outcome,
        rewards: rewards.map((reward) => [reward.reward_item_name, reward.reward_item_amount])
      }))
    ).toEqual([
      { program_id: purchases.programId, reward_action_key: 'purchase', outcome: 'granted', rewards: [['coins', 5]] },
      { program_id: purchases.programId, reward_action_key: 'purchase', outcome: 'code already used', rewards: [] }
    ])
    expect(invocations[1].detail).toBe('code already used.')
    // 5 coins for the tested sample order, 5 for order B-200, none for its second event.
    expect(await balanceOf(session.server, CUSTOMER, purchases.itemId)).toBe(10)
    // The list counts every event delivered through the subscription: the tested sample and the two orders.
    await page.locator('tr[data-subscription="Order rewards"] [data-count="delivered"]', { hasText: /^3$/ }).waitFor()
  })

  it("shows the parser's message for a trigger that does not parse, and cannot save it", async () => {
    const { page } = session.watched
    await newSubscription()
    await page.getByLabel('name', { exact: true }).fill('Broken')
    await page.getByLabel('trigger', { exact: true }).fill(BROKEN)
    const parsed = parseFql(BROKEN)
    expect('error' in parsed).toBe(true)
    const error = page.locator('.trigger-error')
    await error.locator('.parser-message', { hasText: 'error' in parsed ? parsed.error.message : 'never' }).waitFor()
    // The parser's words say nothing of FQL here: a hint says what to look at.
    expect(await error.textContent()).toContain('check that every quote and parenthesis is closed')
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true)

    await page.getByLabel('trigger', { exact: true }).fill('')
    await page.locator('.trigger-error', { hasText: 'Write a trigger, such as type = "track"' }).waitFor()
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true)
  })

  it("shows actions-core's message in the preview when a required field finds nothing", async () => {
    const { page } = session.watched
    await page.getByLabel('trigger', { exact: true }).fill('event = "Order Completed"')
    await field('event_name').getByLabel('Event Name path').fill('$.properties.coupon')
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    await page
      .locator('.preview-errors li', { hasText: "The root value is missing the required field 'event_name'." })
      .waitFor()
  })

  it('refuses to save a subscription that maps nothing to a required field, with the reason, changing nothing', async () => {
    const { page } = session.watched
    const before = await readFile(file, 'utf8')
    const logged = session.watched.consoleErrors.length
    await field('event_name').getByLabel('Event Name source').selectOption('none')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page
      .locator('.save-error', {
        hasText: '"Broken" maps nothing to Event Name (event_name), which Send Event requires'
      })
      .waitFor()
    expect(await readFile(file, 'utf8')).toBe(before)
    expect(await page.locator('tr[data-subscription="Broken"]').count()).toBe(0)
    // Chromium logs each 4xx answer as a console error: this one is the refusal asked for, and the only one.
    expect(session.watched.consoleErrors.splice(logged)).toEqual([
      expect.stringContaining('status of 400 (Bad Request)')
    ])
  })

  it("shows a dynamic field's error as the handler words it: LiveLike refusing a wrong Producer Token", async () => {
    // A second server delivers to this one's sandbox (the destination's API base URL) with a token it refuses.
    const refused = await startServer({
      port: 0,
      logger: false,
      live: { clientId: session.server.settings.clientId, producerToken: 'not-the-producer-token' },
      subscriptionsFile: join(dir, 'refused.json')
    })
    const otherBrowser = await launchChromium()
    try {
      const other = await watchedPage(otherBrowser, refused.url)
      const { page } = other
      page.setDefaultTimeout(WAIT_MS)
      await page.goto(refused.url)
      await page.getByRole('button', { name: 'Mappings', exact: true }).click()
      await page.getByRole('button', { name: 'New subscription' }).click()
      await page.getByLabel('action', { exact: true }).selectOption({ label: 'Invoke Reward Action' })
      const error = page.locator('.field[data-field="program_id"] .dynamic-error')
      await error.waitFor()
      expect(await error.textContent()).toBe(
        'LiveLike refused the Producer Token (401) while listing your programs: check the Producer Token setting, copied from the LiveLike Producer Suite (Integrations > Segment).'
      )
      expect(await page.getByLabel('Program choices').locator('option').count()).toBe(1)
    } finally {
      await otherBrowser.close()
      await refused.close()
    }
  })

  it('gives a fresh server started with --subscriptions and the file the banner named the same subscriptions', async () => {
    const named = /^ {2}Mappings file {5}(.+) \(the console's Mappings view saves here/m.exec(
      banner(session.server)
    )?.[1]
    expect(named).toBe(file)
    const options = await parseOptions(['--subscriptions', named as string, '--port', '0', '--sandbox-port', '0'], {})
    const fresh = await startServer({ ...options, logger: false })
    try {
      const strip = (view: MappingsView) => view.subscriptions.map(({ counts: _counts, ...rest }) => rest)
      const before = await call<MappingsView>(`${session.server.url}/_console/api/mappings`)
      const after = await call<MappingsView>(`${fresh.url}/_console/api/mappings`)
      expect(strip(after.body)).toEqual(strip(before.body))
      expect(after.body.file).toBe(file)
      expect(strip(after.body).map((subscription) => subscription.name)).toContain('Order rewards')
    } finally {
      await fresh.close()
    }
  })

  it('refuses a save from a page of another origin, in a browser with web security on as a real one has it', async () => {
    const saved = await readFile(file, 'utf8')
    const guarded = await launchChromium({ webSecurity: true })
    try {
      const foreign = await (await guarded.newContext({ locale: 'en-US' })).newPage()
      await foreign.goto(`${session.server.sandbox?.url}/_sandbox/stats`)
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
        [`${session.server.url}/_console/api/mappings`, JSON.stringify({ subscription, padding: '' })] as const
      )
      await answered
      expect(JSON.parse((await foreign.textContent('body')) ?? '')).toMatchObject({
        statusCode: 403,
        message: expect.stringMatching(/^A page from http:\/\/127\.0\.0\.1:\d+ may not change anything here/)
      })
      // A JSON post needs CORS's leave first, which the console gives no other origin: it is never sent.
      await foreign.goto(`${session.server.sandbox?.url}/_sandbox/stats`)
      const json = await foreign.evaluate(
        async ([url, body]) => {
          try {
            await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
            return 'sent'
          } catch {
            return 'refused'
          }
        },
        [`${session.server.url}/_console/api/mappings`, JSON.stringify({ subscription })] as const
      )
      expect(json).toBe('refused')
    } finally {
      await guarded.close()
    }
    expect(await readFile(file, 'utf8')).toBe(saved)
    const { body } = await call<MappingsView>(`${session.server.url}/_console/api/mappings`)
    expect(body.subscriptions.map((subscription) => subscription.name)).not.toContain('Planted')
  })

  it('draws a list of 100 subscriptions, and picks a path among the 1,000 keys of a sample event', async () => {
    const { page } = session.watched
    const { body: before } = await call<MappingsView>(`${session.server.url}/_console/api/mappings`)
    for (let n = before.subscriptions.length; n < 100; n++) {
      const subscription = { ...before.subscriptions[0], name: `Bulk ${n}`, subscribe: `event = "Bulk ${n}"` }
      const added = await call(`${session.server.url}/_console/api/mappings`, { json: { subscription } })
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
    expect(session.watched.consoleErrors).toEqual([])
    expect(session.watched.foreignRequests).toEqual([])
  })
})
