import { parseFql, validate } from '@segment/destination-subscriptions'
import type { Subscription } from '@segment/destination-subscriptions'
import definition from '../index'
import { LIVELIKE_SOURCE_EVENTS } from '../livelike-source-events'

const trackPreset = definition.presets?.find((preset) => preset.name === 'Track Calls')
const subscribe = trackPreset && trackPreset.type === 'automatic' ? trackPreset.subscribe : ''

function matches(event: Record<string, unknown>): boolean {
  const condition = parseFql(subscribe)
  if ('error' in condition) {
    throw condition.error
  }
  return validate(condition as Subscription, event)
}

const track = (event: string) => ({ type: 'track', event, userId: 'user-42', properties: { livelike_profile_id: 'p' } })

describe("the Track Calls preset and LiveLike's own source events", () => {
  it('parses as FQL', () => {
    expect(parseFql(subscribe)).not.toHaveProperty('error')
  })

  it.each(LIVELIKE_SOURCE_EVENTS.map((name) => [name]))('does not match a track call named %s', (name: string) => {
    expect(matches(track(name))).toBe(false)
  })

  it.each([['Video Watched'], ['Reward Item Rewarded Twice'], ['badge rewarded'], ['A/B Test'], ['Streak']])(
    'matches any other track call, such as %s',
    (name: string) => {
      expect(matches(track(name))).toBe(true)
    }
  )

  it('matches no page or screen call, even one named like a source event', () => {
    expect(matches({ type: 'page', name: 'Badge Rewarded', userId: 'u' })).toBe(false)
    expect(matches({ type: 'screen', name: 'Video', userId: 'u' })).toBe(false)
  })

  it("is also Send Event's default subscription, so a mapping added by hand skips them too", () => {
    expect(definition.actions.sendEvent.defaultSubscription).toBe(subscribe)
  })

  it('leaves the page and screen presets as they were', () => {
    const others = (definition.presets ?? []).filter((preset) => preset.name !== 'Track Calls')
    expect(others.map((preset) => (preset.type === 'automatic' ? preset.subscribe : undefined))).toEqual([
      'type = "page"',
      'type = "screen"'
    ])
  })
})
