import {
  LIVELIKE_SOURCE_EVENTS,
  TRACK_CALLS_NOT_FROM_LIVELIKE
} from '../../src/destinations/livelike-cloud/livelike-source-events'
import ours from '../../src/destinations/livelike-cloud'
import published from '@segment/action-destinations/dist/destinations/livelike-cloud'
import { trackPreset } from '../bench/senders'
import { checkForm, PROBE_EVENTS, TRIGGER_FORMS } from '../bench/triggers'

const form = (start: string) => {
  const found = TRIGGER_FORMS.find((candidate) => candidate.name.startsWith(start))
  if (!found) {
    throw new Error(`no trigger form named ${start}`)
  }
  return found.fql
}

describe('the forms of the Track Calls trigger the bench measures', () => {
  it('probes every one of the twelve names of LiveLike source events and ordinary track calls', () => {
    const tracked = PROBE_EVENTS.filter((probe) => probe.type === 'track').map((probe) => probe.event)
    expect(tracked).toEqual(expect.arrayContaining([...LIVELIKE_SOURCE_EVENTS, 'Video Watched', undefined]))
  })

  it("takes the preset's trigger as what the exclusion means, and finds the form in parentheses the same", () => {
    expect(checkForm(form('the preset'))).toEqual({ parses: true, wrongOn: [] })
    expect(checkForm(form('the exclusions in parentheses'))).toEqual({ parses: true, wrongOn: [] })
  })

  it('finds that fewer spaces silently drop the exclusions, and the bare trigger has none', () => {
    const twelve = LIVELIKE_SOURCE_EVENTS.map((name) => `track ${JSON.stringify(name)}`)
    expect(checkForm(form('fewer spaces')).wrongOn).toEqual(twelve)
    expect(checkForm(form('type = "track" alone')).wrongOn).toEqual(twelve)
  })

  it('finds that single quotes match no track call, and a negated group keeps only the twelve', () => {
    expect(checkForm(form('single-quoted')).wrongOn).toEqual(
      PROBE_EVENTS.filter((probe) => probe.type === 'track' && !LIVELIKE_SOURCE_EVENTS.includes(probe.event ?? '')).map(
        (probe) => `track ${probe.event === undefined ? '(no event)' : JSON.stringify(probe.event)}`
      )
    )
    const negated = checkForm(form('a negated group'))
    expect(negated.wrongOn).toEqual(expect.arrayContaining(['track "Video Watched"', 'track "Badge Rewarded"']))
  })
})

describe("the bench's track preset", () => {
  it('is found by what its trigger matches: ours is Track Calls with its exclusions, the published one\'s is type = "track"', () => {
    expect(trackPreset(ours, 'sendEvent').subscribe).toBe(TRACK_CALLS_NOT_FROM_LIVELIKE)
    expect(trackPreset(published as unknown as typeof ours, 'trackEvent').subscribe).toBe('type = "track"')
  })

  it('names the destination and the action when no preset of that action takes a track call', () => {
    expect(() => trackPreset(ours, 'syncToUserGroup')).toThrow(
      'LiveLike has no preset on syncToUserGroup whose trigger matches a track call'
    )
  })
})
