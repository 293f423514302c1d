import { readdirSync, readFileSync } from 'fs'
import path from 'path'
import nock from 'nock'
import { defaultValues, Destination } from '@segment/actions-core'
import type { DestinationDefinition, InputField, JSONObject, SegmentEvent } from '@segment/actions-core'
import published from '@segment/action-destinations/dist/destinations/livelike-cloud'
import { apiBaseUrl as publishedApiBaseUrl } from '@segment/action-destinations/dist/destinations/livelike-cloud/constants'
import ours from '../index'
import { PRODUCTION_API_BASE_URL } from '../constants'
import type { Settings } from '../generated-types'
import { settings } from './helpers'
import { AUDIENCE_KEY, engageIdentify, engageTrack } from '../syncToUserGroup/__tests__/engage-events'
import { SAVED_PAGE_MAPPING, SAVED_TRACK_MAPPING } from '../trackEvent/__tests__/saved-mappings'

/**
 * Subscriptions customers saved on the LiveLike destination Segment publishes today (@segment/action-destinations)
 * keep their action keys, field keys and mappings when ours replaces it. This test runs such subscriptions, built
 * from the published destination's own presets and default mappings, through both destinations and compares what
 * LiveLike receives. Every difference is listed below with its reason; anything else fails.
 */

const LEGACY_ACTIONS = ['trackEvent', 'syncToUserGroup'] as const

type Subscription = { partnerAction: string; subscribe: string; mapping: JSONObject }
type Item = Record<string, unknown>

const UTC_ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/**
 * The instant the published destination's timestamp text stands for, read as ours reads it: digits are epoch
 * milliseconds, a date-time without an offset is UTC.
 */
function instant(text: string): number {
  if (/^\d+$/.test(text)) {
    return Number(text)
  }
  return Date.parse(/T[^Z+-]*$/.test(text) ? `${text}Z` : text)
}

const isBlank = (value: unknown) => typeof value === 'string' && value.trim() === ''

const blankLeftOut = {
  reason: 'a blank identifier is left out, where the published destination sends the empty or whitespace string',
  agrees: (publishedValue: unknown, ourValue: unknown) =>
    isBlank(publishedValue) ? ourValue === undefined : publishedValue === ourValue
}

/** Body keys whose value ours sends differently on purpose; each check says what ours sends instead. */
const IMPROVED_KEYS: Record<
  string,
  { reason: string; agrees: (publishedValue: unknown, ourValue: unknown) => boolean }
> = {
  timestamp: {
    reason:
      'sent as ISO 8601 in UTC (the same instant); the published destination forwards the text as it came: with an offset, without one, or as epoch milliseconds',
    agrees: (publishedValue, ourValue) =>
      typeof ourValue === 'string' &&
      UTC_ISO_8601.test(ourValue) &&
      Date.parse(ourValue) === instant(String(publishedValue))
  },
  livelike_profile_id: blankLeftOut,
  custom_id: blankLeftOut,
  segment_user_id: blankLeftOut
}

/** Body keys only ours sends, by action, with the value each must have. */
const ADDED_KEYS: Record<string, Record<string, { reason: string; value: (event: SegmentEvent) => unknown }>> = {
  trackEvent: {
    message_id: {
      reason:
        "Segment's messageId, read from the event even when the saved mapping predates the field, so that LiveLike recognises a resent event and grants its reward once",
      value: (event) => event.messageId
    }
  },
  syncToUserGroup: {}
}

/** Fixture events the published destination sends and ours refuses, each with the reason the refusal is a fix. */
const REFUSED_BY_OURS: Record<string, string> = {
  'invalid-blank-identities.json':
    'only blank identities: the published destination sends an event LiveLike cannot attribute to anyone',
  'invalid-custom-id-too-long.json': 'LiveLike stores at most 255 characters of a custom ID and would reject it',
  'invalid-unparseable-timestamp.json':
    'a timestamp that is not a date: the published destination forwards the text and LiveLike cannot place the event in time'
}

interface Fixture {
  file: string
  event: SegmentEvent
}

const fixturesDir = path.join(__dirname, '..', '..', '..', '..', '__tests__', 'fixtures')
const fixtures: Fixture[] = readdirSync(fixturesDir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, event: JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8')).event }))

/** Engage audience events, as the published syncToUserGroup documentation expects them. */
const engageEvents: [string, SegmentEvent][] = [
  ['identify, user entering', engageIdentify({ [AUDIENCE_KEY]: true, email: 'ana@example.com', plan: 'gold' })],
  ['identify, user exiting', engageIdentify({ [AUDIENCE_KEY]: false, livelike_profile_id: 'llp-42' })],
  [
    'identify, known by email only',
    engageIdentify({ [AUDIENCE_KEY]: true, email: 'ben@example.com' }, { userId: null })
  ],
  ['identify, offset timestamp', engageIdentify({ [AUDIENCE_KEY]: true }, { timestamp: '2024-05-06T12:11:12+02:00' })],
  ['identify, date without a time', engageIdentify({ [AUDIENCE_KEY]: true }, { timestamp: '2024-05-06' })],
  ['track, user entering', engageTrack({ [AUDIENCE_KEY]: true, email: 'ana@example.com' })],
  ['track, user exiting', engageTrack({ [AUDIENCE_KEY]: false, livelike_profile_id: 'llp-42' })]
]

/** What the published destination's customers saved: its presets, and its default mapping per action. */
function publishedSubscriptions(actionKey: string): Subscription[] {
  const action = published.actions[actionKey]
  const presets = (published.presets ?? []).flatMap((preset) =>
    preset.type === 'automatic' && preset.partnerAction === actionKey
      ? [{ partnerAction: actionKey, subscribe: preset.subscribe, mapping: preset.mapping as JSONObject }]
      : []
  )
  const byDefault = { partnerAction: actionKey, mapping: defaultValues(action.fields) as JSONObject }
  const defaults = [{ ...byDefault, subscribe: action.defaultSubscription as string }]
  // Engage sends audience changes as track calls too, so syncToUserGroup subscriptions also take those.
  if (actionKey === 'syncToUserGroup') {
    defaults.push({ ...byDefault, subscribe: 'type = "track"' })
  }
  const distinct = new Map(
    [...presets, ...defaults].map((entry) => [JSON.stringify([entry.subscribe, entry.mapping]), entry])
  )
  return [...distinct.values()]
}

interface Delivery {
  bodies: unknown[]
  error?: string
}

let recorded: unknown[] = []

// Each destination builds its URLs from its own constants: intercept both hosts, should they ever differ.
function recordLiveLikeCalls(): void {
  for (const origin of new Set([PRODUCTION_API_BASE_URL, publishedApiBaseUrl].map((base) => new URL(base).origin))) {
    nock(origin, { reqheaders: { authorization: `Bearer ${settings.producerToken}` } })
      .persist()
      .post(/\/api\/v1\/applications\/test-client-id\/segment-(events|audience-sync)\/$/)
      .reply((_uri, body) => {
        recorded.push(body)
        return [202, {}]
      })
  }
}

async function deliver(
  definition: DestinationDefinition<Settings>,
  subscription: Subscription,
  events: SegmentEvent | SegmentEvent[]
): Promise<Delivery> {
  recorded = []
  const destination = new Destination(definition)
  const run = Array.isArray(events)
    ? destination.onBatch(events, { ...settings, subscription } as never)
    : destination.onEvent(events, { ...settings, subscription } as never)
  try {
    const results = await run
    const refused = results.flatMap((result) => result.multistatus ?? []).find((status) => status.status >= 300)
    return { bodies: recorded, error: refused && 'errormessage' in refused ? refused.errormessage : undefined }
  } catch (thrown) {
    return { bodies: recorded, error: (thrown as Error).message }
  }
}

/** The items LiveLike received, from either endpoint's body shape. */
const itemsOf = (bodies: unknown[]): Item[] =>
  bodies.flatMap((body) => (Array.isArray(body) ? body : ((body as { events: Item[] }).events ?? [])))

/** Differences between what each destination sent, other than the documented ones; empty when compatible. */
function undocumentedDifferences(actionKey: string, publishedItem: Item, ourItem: Item, event: SegmentEvent): string[] {
  const differences: string[] = []
  for (const [key, publishedValue] of Object.entries(publishedItem)) {
    const ourValue = ourItem[key]
    const agrees = IMPROVED_KEYS[key]?.agrees ?? ((a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b))
    if (!agrees(publishedValue, ourValue)) {
      differences.push(`${key}: published ${JSON.stringify(publishedValue)}, ours ${JSON.stringify(ourValue)}`)
    }
  }
  const added = ADDED_KEYS[actionKey]
  for (const key of Object.keys(ourItem).filter((candidate) => !(candidate in publishedItem || candidate in added))) {
    differences.push(`${key}: only ours sends ${JSON.stringify(ourItem[key])}`)
  }
  for (const [key, { value }] of Object.entries(added)) {
    if (ourItem[key] !== value(event)) {
      differences.push(`${key}: ours sends ${JSON.stringify(ourItem[key])}, expected ${JSON.stringify(value(event))}`)
    }
  }
  return differences
}

/** Every published field with its path, nested object properties included. */
function fieldsByPath(fields: Record<string, InputField>, prefix = ''): [string, InputField][] {
  return Object.entries(fields).flatMap(([key, field]) => [
    [`${prefix}${key}`, field] as [string, InputField],
    ...fieldsByPath((field.properties ?? {}) as Record<string, InputField>, `${prefix}${key}.`)
  ])
}

function ourField(actionKey: string, fieldPath: string): InputField | undefined {
  const [key, nested] = fieldPath.split('.')
  const field = ours.actions[actionKey]?.fields[key]
  return nested === undefined ? field : (field?.properties?.[nested] as InputField | undefined)
}

const publishedFields = LEGACY_ACTIONS.flatMap((actionKey) =>
  fieldsByPath(published.actions[actionKey].fields).map(([fieldPath, field]) => [actionKey, fieldPath, field] as const)
)

describe('compatibility with the published LiveLike destination', () => {
  beforeEach(recordLiveLikeCalls)

  it('calls the same LiveLike API host and version', () => {
    expect(PRODUCTION_API_BASE_URL).toBe(publishedApiBaseUrl)
  })

  it("pins in trackEvent's own tests the mappings the published Track and Page presets save", () => {
    const presetMapping = (name: string) =>
      published.presets?.find((preset) => preset.name === name && preset.type === 'automatic')?.mapping
    expect(presetMapping('Track User Actions')).toEqual(SAVED_TRACK_MAPPING)
    expect(presetMapping('Page Calls')).toEqual(SAVED_PAGE_MAPPING)
  })

  it('keeps every published action key', () => {
    expect(Object.keys(ours.actions)).toEqual(expect.arrayContaining(Object.keys(published.actions)))
  })

  it.each(publishedFields)('%s keeps the published field %s with the same type', (actionKey, fieldPath, field) => {
    expect(ourField(actionKey, fieldPath)?.type).toBe(field.type)
  })

  it.each(publishedFields.filter(([, , field]) => field.required !== true))(
    '%s does not require %s, which the published destination leaves optional',
    (actionKey, fieldPath) => {
      expect(ourField(actionKey, fieldPath)?.required).not.toBe(true)
    }
  )

  const trackEventRuns = publishedSubscriptions('trackEvent').flatMap((subscription) =>
    fixtures
      .filter(({ event }) => subscription.subscribe === `type = "${event.type}"`)
      .map(({ file, event }) => [file, subscription.subscribe, subscription, event] as const)
  )

  it('runs every fixture event through one published trackEvent subscription', () => {
    expect(trackEventRuns.map(([file]) => file).sort()).toEqual(fixtures.map(({ file }) => file))
  })

  it.each(trackEventRuns)(
    'trackEvent: %s under "%s" reaches LiveLike as it did, or differs only as documented',
    async (file, _subscribe, subscription, event) => {
      const before = await deliver(published, subscription, event)
      const after = await deliver(ours, subscription, event)

      if (REFUSED_BY_OURS[file]) {
        expect(itemsOf(before.bodies)).toHaveLength(1)
        expect(after).toEqual({ bodies: [], error: expect.any(String) })
      } else if (before.error !== undefined) {
        expect(after).toEqual({ bodies: [], error: expect.any(String) })
      } else {
        const [publishedItem] = itemsOf(before.bodies)
        const [ourItem] = itemsOf(after.bodies)
        expect(undocumentedDifferences('trackEvent', publishedItem, ourItem, event)).toEqual([])
      }
    }
  )

  const syncRuns = publishedSubscriptions('syncToUserGroup').flatMap((subscription) =>
    engageEvents
      .filter(([, event]) => subscription.subscribe === `type = "${event.type}"`)
      .map(([name, event]) => [name, subscription, event] as const)
  )

  it.each(syncRuns)(
    'syncToUserGroup: Engage %s reaches LiveLike as it did, or differs only as documented',
    async (_name, subscription, event) => {
      const [publishedItem] = itemsOf((await deliver(published, subscription, event)).bodies)
      const [ourItem] = itemsOf((await deliver(ours, subscription, event)).bodies)
      expect(publishedItem).toBeDefined()
      expect(undocumentedDifferences('syncToUserGroup', publishedItem, ourItem, event)).toEqual([])
    }
  )

  it('syncToUserGroup: a batch of Engage identify calls reaches LiveLike as one request with the same items', async () => {
    const [subscription] = publishedSubscriptions('syncToUserGroup')
    const events = engageEvents.map(([, event]) => event).filter((event) => event.type === 'identify')
    const before = await deliver(published, subscription, events)
    const after = await deliver(ours, subscription, events)

    expect([before.bodies.length, after.bodies.length]).toEqual([1, 1])
    const pairs = itemsOf(before.bodies).map((item, index) => [item, itemsOf(after.bodies)[index], events[index]])
    expect(pairs).toHaveLength(events.length)
    expect(
      pairs.flatMap(([a, b, event]) =>
        undocumentedDifferences('syncToUserGroup', a as Item, b as Item, event as SegmentEvent)
      )
    ).toEqual([])
  })

  it('lists only refusals of fixtures that exist', () => {
    expect(fixtures.map(({ file }) => file)).toEqual(expect.arrayContaining(Object.keys(REFUSED_BY_OURS)))
  })
})
