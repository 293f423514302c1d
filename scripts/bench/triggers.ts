/**
 * `npm run bench -- --triggers`: what a Track Calls trigger costs. actions-core parses a subscription's FQL on every
 * `onEvent` call, so each form of the trigger that leaves out LiveLike's source events is parsed and matched here,
 * after a check that it takes exactly the track calls the preset takes, with Segment's own parser and matcher.
 */
import { performance } from 'perf_hooks'
import { parseFql, validate } from '@segment/destination-subscriptions'
import {
  LIVELIKE_SOURCE_EVENTS,
  TRACK_CALLS_NOT_FROM_LIVELIKE
} from '../../src/destinations/livelike-cloud/livelike-source-events'
import { renderTable } from './report'
import { spread } from './stats'
import type { Spread } from './stats'

export interface TriggerForm {
  name: string
  fql: string
}

const quoted = (name: string) => JSON.stringify(name)

export const TRIGGER_FORMS: TriggerForm[] = [
  { name: 'the preset: type = "track" and event != each name', fql: TRACK_CALLS_NOT_FROM_LIVELIKE },
  {
    name: 'the exclusions in parentheses',
    fql: `type = "track" and (${LIVELIKE_SOURCE_EVENTS.map((name) => `event != ${quoted(name)}`).join(' and ')})`
  },
  {
    name: 'fewer spaces: type="track"and event!= "..."',
    fql: ['type="track"', ...LIVELIKE_SOURCE_EVENTS.map((name) => `event!= ${quoted(name)}`)].join('and ')
  },
  {
    name: "single-quoted names: event != '...'",
    fql: ["type = 'track'", ...LIVELIKE_SOURCE_EVENTS.map((name) => `event != '${name}'`)].join(' and ')
  },
  {
    name: 'a negated group: !(event = "..." or ...)',
    fql: `type = "track" and !(${LIVELIKE_SOURCE_EVENTS.map((name) => `event = ${quoted(name)}`).join(' or ')})`
  },
  { name: 'type = "track" alone (excludes nothing)', fql: 'type = "track"' }
]

type Probe = { type: string; event?: string; name?: string }

const track = (event?: string): Probe => ({ type: 'track', event })

/** The events every form is tried on: the twelve, ordinary track calls, near misses and calls of other types. */
export const PROBE_EVENTS: Probe[] = [
  ...LIVELIKE_SOURCE_EVENTS.map(track),
  track('Video Watched'),
  track('Order Completed'),
  track('badge rewarded'),
  track('Badge Rewarded '),
  track('Streak'),
  track(),
  { type: 'page', name: 'Badge Rewarded', event: 'Badge Rewarded' },
  { type: 'screen', name: 'Home' }
]

/** What the Track Calls trigger means: every track call but the twelve events of LiveLike's source. */
const intended = (probe: Probe) => probe.type === 'track' && !LIVELIKE_SOURCE_EVENTS.includes(probe.event ?? '')

const label = (probe: Probe) => `${probe.type} ${probe.event === undefined ? '(no event)' : quoted(probe.event)}`

export interface FormCheck {
  parses: boolean
  error?: string
  /** The probe events on which the form decides otherwise than the preset means. */
  wrongOn: string[]
}

export function checkForm(fql: string): FormCheck {
  const condition = parseFql(fql)
  if ('error' in condition) {
    return { parses: false, error: condition.error.message, wrongOn: [] }
  }
  const wrongOn = PROBE_EVENTS.filter((probe) => validate(condition, probe) !== intended(probe)).map(label)
  return { parses: true, wrongOn }
}

/** Microseconds per parse and match of an ordinary track call, which every exclusion must be checked against. */
function timeOne(fql: string, calls: number): number {
  const probe = track('Video Watched')
  const started = performance.now()
  for (let call = 0; call < calls; call++) {
    validate(parseFql(fql), probe)
  }
  return ((performance.now() - started) * 1000) / calls
}

export interface TriggerFigures extends TriggerForm, FormCheck {
  characters: number
  microseconds: Spread
}

export function measureTriggers(rounds = 5, callsPerRound = 10_000): TriggerFigures[] {
  const times = TRIGGER_FORMS.map((form) => {
    timeOne(form.fql, callsPerRound)
    return [] as number[]
  })
  for (let round = 0; round < rounds; round++) {
    const order = TRIGGER_FORMS.map((_, index) => index)
    for (const index of round % 2 ? order.reverse() : order) {
      times[index].push(timeOne(TRIGGER_FORMS[index].fql, callsPerRound))
    }
  }
  return TRIGGER_FORMS.map((form, index) => ({
    ...form,
    ...checkForm(form.fql),
    characters: form.fql.length,
    microseconds: spread(times[index])
  }))
}

function verdict(figures: TriggerFigures): string {
  if (!figures.parses) {
    return `refused: ${figures.error}`
  }
  if (figures.wrongOn.length === 0) {
    return 'same events as the preset'
  }
  const shown = figures.wrongOn.slice(0, 2).join(', ')
  return `wrong on ${figures.wrongOn.length} of ${PROBE_EVENTS.length} (${shown}${figures.wrongOn.length > 2 ? ', ...' : ''})`
}

export function renderTriggers(all: TriggerFigures[]): string {
  return renderTable(
    ['Trigger form', 'Characters', 'µs per parse + match', 'min', 'max', 'Events it takes'],
    all.map((figures) => [
      figures.name,
      String(figures.characters),
      figures.microseconds.median.toFixed(1),
      figures.microseconds.min.toFixed(1),
      figures.microseconds.max.toFixed(1),
      verdict(figures)
    ])
  )
}
