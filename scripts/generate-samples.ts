/**
 * Writes a realistic mixed stream of Segment events, one JSON event a line, for `npm run replay`: track, page and
 * screen calls shaped as analytics.js, analytics-swift (iOS) and analytics-kotlin (Android) send them, from several
 * users and LiveLike profiles, with a few percent that LiveLike cannot take (no identity, bad timestamps) and one
 * line cut short. The same seed always writes the same file.
 * Usage: npm run samples [-- --count N --seed N --out FILE]
 */
import { once } from 'events'
import { createWriteStream } from 'fs'
import { Command, InvalidArgumentError } from 'commander'
import { seededRandom } from '../src/sandbox/prng'

export const DEFAULT_SAMPLES = { count: 1200, seed: 7, out: 'samples/events.jsonl' }

// Signed-out visitors (one user in this many) send events with no identity LiveLike can place.
const SIGNED_OUT_EVERY = 24
const BAD_TIMESTAMP_RATE = 0.015
const START_MS = Date.UTC(2024, 2, 1, 8, 0, 0)
const BAD_TIMESTAMPS = ['2024-02-30T19:45:00Z', 'yesterday', '03/07/2024 12:00', 'NaN', '2024-13-01T10:00:00Z']

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

export interface SampleSummary {
  /** Lines written, including the one cut short. */
  lines: number
  events: number
  valid: number
  noIdentity: number
  badTimestamp: number
  malformedLines: number[]
}

class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  chance(rate: number): boolean {
    return this.next() < rate
  }
  hex(length: number): string {
    return Array.from({ length }, () => Math.floor(this.next() * 16).toString(16)).join('')
  }
  uuid(): string {
    const variant = '89ab'[this.int(0, 3)]
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`
  }
}

type Platform = 'web' | 'ios' | 'android'

interface User {
  userId?: string
  anonymousId: string
  profileId?: string
  customId?: string
  platform: Platform
  context: JsonObject
}

const WEB_BROWSERS = [
  {
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
    platform: 'macOS'
  },
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
    platform: 'Windows'
  },
  {
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15',
    platform: 'macOS'
  }
]
const IPHONES = [
  { model: 'iPhone15,2', os: '17.3.1', height: 852, width: 393 },
  { model: 'iPhone14,5', os: '17.2', height: 844, width: 390 },
  { model: 'iPhone12,1', os: '16.7.5', height: 896, width: 414 }
]
const ANDROIDS = [
  { manufacturer: 'samsung', model: 'SM-S918B', name: 'dm3q', os: '14', build: 'UP1A.231005.007' },
  { manufacturer: 'Google', model: 'Pixel 8', name: 'shiba', os: '14', build: 'AP1A.240305.019' },
  { manufacturer: 'OnePlus', model: 'CPH2449', name: 'OP594DL1', os: '13', build: 'TP1A.220905.001' }
]
const LOCALES = [
  { locale: 'en-US', timezone: 'America/New_York' },
  { locale: 'en-GB', timezone: 'Europe/London' },
  { locale: 'es-MX', timezone: 'America/Mexico_City' },
  { locale: 'hi-IN', timezone: 'Asia/Kolkata' }
]
const APP = { name: 'Matchday', namespace: 'com.example.matchday', version: '4.2.1', build: '4210' }
const NETWORK_CARRIERS = ['T-Mobile', 'Vodafone', 'Jio', 'Telcel']

function webContext(dice: Dice): JsonObject {
  const browser = dice.pick(WEB_BROWSERS)
  const { locale, timezone } = dice.pick(LOCALES)
  return {
    library: { name: 'analytics.js', version: 'npm:next-1.66.0' },
    locale,
    timezone,
    userAgent: browser.userAgent,
    userAgentData: {
      brands: [
        { brand: 'Chromium', version: '122' },
        { brand: 'Not(A:Brand', version: '24' }
      ],
      mobile: false,
      platform: browser.platform
    },
    ip: `203.0.113.${dice.int(1, 254)}`
  }
}

function iosContext(dice: Dice): JsonObject {
  const phone = dice.pick(IPHONES)
  const { locale, timezone } = dice.pick(LOCALES)
  return {
    app: { ...APP },
    device: { id: dice.uuid().toUpperCase(), manufacturer: 'Apple', model: phone.model, name: 'iPhone', type: 'ios' },
    library: { name: 'analytics-swift', version: '1.5.11' },
    locale,
    timezone,
    network: { bluetooth: false, cellular: dice.chance(0.4), wifi: dice.chance(0.6) },
    os: { name: 'iOS', version: phone.os },
    screen: { density: 3, height: phone.height, width: phone.width },
    instanceId: dice.uuid().toUpperCase(),
    ip: `198.51.100.${dice.int(1, 254)}`
  }
}

function androidContext(dice: Dice): JsonObject {
  const phone = dice.pick(ANDROIDS)
  const { locale, timezone } = dice.pick(LOCALES)
  const cellular = dice.chance(0.5)
  return {
    app: { ...APP },
    device: {
      id: dice.hex(16),
      manufacturer: phone.manufacturer,
      model: phone.model,
      name: phone.name,
      type: 'android'
    },
    library: { name: 'com.segment.analytics.kotlin.android', version: '1.15.0' },
    locale,
    timezone,
    network: {
      bluetooth: false,
      cellular,
      wifi: !cellular,
      ...(cellular ? { carrier: dice.pick(NETWORK_CARRIERS) } : {})
    },
    os: { name: 'Android', version: phone.os },
    screen: { density: 2.625, height: 2340, width: 1080 },
    userAgent: `Dalvik/2.1.0 (Linux; U; Android ${phone.os}; ${phone.model} Build/${phone.build})`,
    instanceId: dice.uuid(),
    ip: `192.0.2.${dice.int(1, 254)}`
  }
}

const CONTEXTS: Record<Platform, (dice: Dice) => JsonObject> = {
  web: webContext,
  ios: iosContext,
  android: androidContext
}

/** Signed-in users carry a userId; most also have a LiveLike profile, some a custom ID; a few browse signed out. */
function makeUsers(dice: Dice, count: number): User[] {
  return Array.from({ length: count }, (_, i) => {
    const platform = dice.pick<Platform>(['web', 'web', 'ios', 'android'])
    const signedIn = i % SIGNED_OUT_EVERY !== SIGNED_OUT_EVERY - 1
    return {
      userId: signedIn ? `user-${String(1000 + i)}` : undefined,
      anonymousId: dice.uuid(),
      profileId: signedIn && dice.chance(0.8) ? dice.uuid() : undefined,
      customId: signedIn && dice.chance(0.4) ? `fan-${dice.hex(10)}` : undefined,
      platform,
      context: CONTEXTS[platform](dice)
    }
  })
}

const TEAMS = ['Rovers', 'United', 'City', 'Athletic', 'Wanderers', 'Albion']
const TRACK_EVENTS: Record<string, (dice: Dice) => JsonObject> = {
  'Video Watched': (dice) => ({
    video_id: `vid-${dice.hex(6)}`,
    title: `${dice.pick(TEAMS)} v ${dice.pick(TEAMS)}: highlights`,
    duration_seconds: dice.int(30, 600),
    percent_watched: dice.pick([25, 50, 75, 100])
  }),
  'Poll Answered': (dice) => ({ widget_id: dice.uuid(), widget_kind: 'text-poll', option_index: dice.int(0, 3) }),
  'Quiz Answered': (dice) => ({ widget_id: dice.uuid(), widget_kind: 'text-quiz', correct: dice.chance(0.6) }),
  'Prediction Made': (dice) => ({
    widget_id: dice.uuid(),
    widget_kind: 'text-prediction',
    match_id: `match-${dice.int(100, 140)}`,
    predicted_winner: dice.pick(TEAMS)
  }),
  'Chat Message Sent': (dice) => ({
    chat_room_id: dice.uuid(),
    characters: dice.int(1, 280),
    has_sticker: dice.chance(0.2)
  }),
  'Match Checked In': (dice) => ({ match_id: `match-${dice.int(100, 140)}`, stadium: `${dice.pick(TEAMS)} Park` }),
  'Order Completed': (dice) => ({
    order_id: `ord-${dice.hex(8)}`,
    currency: 'USD',
    revenue: dice.int(1000, 15000) / 100,
    products: [{ product_id: `sku-${dice.hex(5)}`, name: 'Home Jersey', price: 79.99, quantity: 1 }]
  }),
  'Signed In': (dice) => ({ method: dice.pick(['email', 'google', 'apple']) })
}
const PAGES = [
  { name: 'Home', path: '/' },
  { name: 'Match Center', path: '/matches/live' },
  { name: 'Leaderboard', path: '/leaderboard' },
  { name: 'Shop', path: '/shop' },
  { name: '', path: '/news/transfer-window' }
]
const SCREENS = ['Home', 'Match Center', 'Leaderboard', 'Rewards', 'Profile']

function identityProperties(user: User, dice: Dice): JsonObject {
  const properties: JsonObject = {}
  if (user.profileId && dice.chance(0.9)) {
    properties.livelike_profile_id = user.profileId
  }
  if (user.customId) {
    properties.custom_id = user.customId
  }
  return properties
}

function messageIdFor(user: User, dice: Dice, timeMs: number): string {
  if (user.platform === 'web') {
    return `ajs-next-${timeMs}-${dice.hex(8)}-${dice.hex(4)}`
  }
  return user.platform === 'ios' ? dice.uuid().toUpperCase() : dice.uuid()
}

function callFor(user: User, dice: Dice): JsonObject {
  const roll = dice.next()
  if (user.platform === 'web' && roll < 0.3) {
    const page = dice.pick(PAGES)
    const title = page.name === '' ? 'Transfer window: every deal so far' : `${page.name} | Matchday`
    const url = `https://www.matchday.example${page.path}`
    user.context.page = { path: page.path, referrer: '', search: '', title, url }
    return { type: 'page', ...(page.name ? { name: page.name } : {}), properties: { path: page.path, title, url } }
  }
  if (user.platform !== 'web' && roll < 0.3) {
    const name = dice.pick(SCREENS)
    return { type: 'screen', name, properties: {} }
  }
  const event = dice.pick(Object.keys(TRACK_EVENTS))
  return { type: 'track', event, properties: TRACK_EVENTS[event](dice) }
}

type Verdict = 'valid' | 'noIdentity' | 'badTimestamp'

function makeEvent(user: User, dice: Dice, timeMs: number): { event: JsonObject; verdict: Verdict } {
  const call = callFor(user, dice)
  const properties = { ...(call.properties as JsonObject), ...identityProperties(user, dice) }
  const identified = Boolean(user.userId ?? properties.livelike_profile_id ?? properties.custom_id)
  const verdict: Verdict = !identified ? 'noIdentity' : dice.chance(BAD_TIMESTAMP_RATE) ? 'badTimestamp' : 'valid'
  const sent = new Date(timeMs + dice.int(50, 3000)).toISOString()
  const timestamp = new Date(timeMs).toISOString()
  return {
    verdict,
    event: {
      ...call,
      properties,
      anonymousId: user.anonymousId,
      ...(user.userId ? { userId: user.userId } : {}),
      channel: user.platform === 'web' ? 'client' : 'mobile',
      context: { ...user.context },
      integrations: {},
      messageId: messageIdFor(user, dice, timeMs),
      originalTimestamp: timestamp,
      receivedAt: new Date(Date.parse(sent) + dice.int(20, 400)).toISOString(),
      sentAt: sent,
      timestamp: verdict === 'badTimestamp' ? dice.pick(BAD_TIMESTAMPS) : timestamp
    }
  }
}

/** The event lines and, when done, what they hold. */
export function* sampleLines(count: number, seed: number): Generator<string, SampleSummary> {
  const dice = new Dice(seededRandom(seed))
  const users = makeUsers(dice, 48)
  const malformedAt = Math.floor(count / 2)
  const summary: SampleSummary = { lines: 0, events: 0, valid: 0, noIdentity: 0, badTimestamp: 0, malformedLines: [] }
  let timeMs = START_MS
  for (let i = 0; i < count; i++) {
    timeMs += dice.int(200, 60_000)
    const { event, verdict } = makeEvent(dice.pick(users), dice, timeMs)
    const line = JSON.stringify(event)
    summary.lines++
    if (i === malformedAt) {
      // A line a crashed export left half written.
      summary.malformedLines.push(summary.lines)
      yield line.slice(0, Math.floor(line.length / 2))
      continue
    }
    summary.events++
    summary[verdict]++
    yield line
  }
  return summary
}

/** What `sampleLines(count, seed)` holds, without keeping the lines. */
export function summariseSamples(count: number, seed: number): SampleSummary {
  const lines = sampleLines(count, seed)
  for (;;) {
    const next = lines.next()
    if (next.done) {
      return next.value
    }
  }
}

export async function writeSamples(out: string, count: number, seed: number): Promise<SampleSummary> {
  const output = createWriteStream(out)
  const lines = sampleLines(count, seed)
  for (let next = lines.next(); ; next = lines.next()) {
    if (next.done) {
      output.end()
      await once(output, 'finish')
      return next.value
    }
    if (!output.write(next.value + '\n')) {
      await once(output, 'drain')
    }
  }
}

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('expected a whole number above 0.')
  }
  return Number(value)
}

async function main(): Promise<void> {
  const options = new Command('samples')
    .option('--count <n>', 'lines to write', positiveInteger, DEFAULT_SAMPLES.count)
    .option('--seed <n>', 'seed: the same seed writes the same file', positiveInteger, DEFAULT_SAMPLES.seed)
    .option('--out <file>', 'where to write', DEFAULT_SAMPLES.out)
    .parse()
    .opts<{ count: number; seed: number; out: string }>()
  const summary = await writeSamples(options.out, options.count, options.seed)
  console.log(
    `${options.out}: ${summary.lines} lines, ${summary.valid} valid events, ${summary.noIdentity} without identity, ` +
      `${summary.badTimestamp} with a bad timestamp, malformed line ${summary.malformedLines.join(', ')}`
  )
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`samples: ${error.message}`)
    process.exitCode = 1
  })
}
