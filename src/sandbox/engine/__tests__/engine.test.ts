import type { RateLimit, RewardLimit } from '../catalog'
import { ANY_EVENT_ACTION } from '../event-actions'
import { replaceRules, rulesOf } from '../rules'
import { RewardEngine } from '../../rewards'
import { profileIdFor } from '../../profile-ids'

const FAN = profileIdFor('custom_id', 'fan-1')

function engineAt(start: string) {
  let now = new Date(start)
  const engine = new RewardEngine(() => now)
  return {
    engine,
    moveTo: (time: string) => {
      now = new Date(time)
    },
    event: (name = 'Video Watched') =>
      engine.rewardEvent({ event_name: name, custom_id: 'fan-1' }, now, now.toISOString())
  }
}

function limitedEntry(engine: RewardEngine, limits: { rateLimit?: RateLimit; rewardLimit?: RewardLimit }) {
  const table = engine.catalog.tables.get(engine.defaultTableId)!
  replaceRules(engine, [])
  const item = engine.catalog.addItem('coins')
  return engine.catalog.addEntry(table, {
    action: ANY_EVENT_ACTION.key,
    item,
    amount: 5,
    rateLimit: limits.rateLimit ?? null,
    rewardLimit: limits.rewardLimit ?? null
  })
}

describe('the reward engine', () => {
  it('starts with the six built-in actions, points, and a table that grants 10 points for any event', () => {
    const { engine, event } = engineAt('2024-03-07T12:00:00Z')
    expect([...engine.catalog.actions.values()].filter((a) => a.type === 'built-in').map((a) => a.key)).toEqual([
      'ask-replied',
      'prediction-made',
      'prediction-correct',
      'quiz-answered',
      'quiz-correct',
      'poll-voted'
    ])
    expect(rulesOf(engine)).toEqual([{ event_name: '*', reward_item: 'points', amount: 10 }])
    const { profileId, granted } = event()
    expect(profileId).toBe(FAN)
    expect(granted.map(({ grant, balance }) => [grant.entry.item.name, grant.entry.amount, balance])).toEqual([
      ['points', 10, 10]
    ])
    expect(engine.catalog.actions.get('Video Watched')).toMatchObject({ type: 'custom', name: 'Video Watched' })
  })

  it('grants by the entries for the event name and for any event, in every linked table once', () => {
    const { engine, event } = engineAt('2024-03-07T12:00:00Z')
    replaceRules(engine, [
      { event_name: 'Quiz Answered', reward_item: 'coins', amount: 50 },
      { event_name: '*', reward_item: 'points', amount: 1 }
    ])
    const second = engine.catalog.addProgram('Second', '2024-03-07')
    engine.catalog.link(second, engine.defaultTableId)
    expect(event('Video Watched').granted.map(({ grant }) => grant.entry.amount)).toEqual([1])
    expect(event('Quiz Answered').granted.map(({ grant }) => grant.entry.amount)).toEqual([50, 1])
    expect(engine.allBalances()).toEqual({ [FAN]: { points: 2, coins: 50 } })
  })

  it('grants nothing by a table no program links', () => {
    const { engine, event } = engineAt('2024-03-07T12:00:00Z')
    engine.catalog.unlink(engine.catalog.programs.get(engine.defaultProgramId)!, engine.defaultTableId)
    expect(event().granted).toEqual([])
  })

  it('stops at the reward limit for the rest of the day in its time zone, then grants again the next day', () => {
    const { engine, event, moveTo } = engineAt('2024-03-07T12:00:00Z')
    limitedEntry(engine, {
      rewardLimit: { is_enabled: true, action_limit_count: 2, duration: 'day', timezone: 'America/New_York' }
    })
    expect(event().granted).toHaveLength(1)
    expect(event().granted).toHaveLength(1)
    const third = event()
    expect(third.granted).toEqual([])
    expect(third.limited.map(({ limit }) => limit)).toEqual(['reward_limit'])
    // 04:59 UTC on the 8th is still the 7th in New York.
    moveTo('2024-03-08T04:59:00Z')
    expect(event().granted).toEqual([])
    moveTo('2024-03-08T05:00:00Z')
    expect(event().granted).toHaveLength(1)
    expect(engine.allBalances()).toEqual({ [FAN]: { coins: 15 } })
  })

  it('counts a monthly reward limit per calendar month', () => {
    const { engine, event, moveTo } = engineAt('2024-03-01T00:00:00Z')
    limitedEntry(engine, {
      rewardLimit: { is_enabled: true, action_limit_count: 1, duration: 'month', timezone: 'UTC' }
    })
    expect(event().granted).toHaveLength(1)
    moveTo('2024-03-31T23:59:59Z')
    expect(event().granted).toHaveLength(0)
    moveTo('2024-04-01T00:00:00Z')
    expect(event().granted).toHaveLength(1)
  })

  it('stops at the rate limit within one unit and ignores a disabled limit', () => {
    const { engine, event, moveTo } = engineAt('2024-03-07T12:00:10Z')
    limitedEntry(engine, {
      rateLimit: { is_enabled: true, unit: 'minute', frequency: 1 },
      rewardLimit: { is_enabled: false, action_limit_count: 0, duration: 'day', timezone: 'UTC' }
    })
    expect(event().granted).toHaveLength(1)
    moveTo('2024-03-07T12:00:59Z')
    expect(event().limited.map(({ limit }) => limit)).toEqual(['rate_limit'])
    moveTo('2024-03-07T12:01:00Z')
    expect(event().granted).toHaveLength(1)
  })

  it('keeps limits per profile', () => {
    const { engine } = engineAt('2024-03-07T12:00:00Z')
    limitedEntry(engine, { rewardLimit: { is_enabled: true, action_limit_count: 1, duration: 'day', timezone: 'UTC' } })
    const now = new Date('2024-03-07T12:00:00Z')
    const earn = (customId: string) =>
      engine.rewardEvent({ event_name: 'x', custom_id: customId }, now, now.toISOString()).granted.length
    expect([earn('a'), earn('a'), earn('b')]).toEqual([1, 0, 1])
  })
})
