import { readFileSync } from 'fs'
import { DEFAULT_SAMPLES, sampleLines, summariseSamples } from '../../../scripts/generate-samples'

interface SampleEvent {
  type: string
  userId?: string
  messageId: string
  context: { library: { name: string }; os?: { name: string } }
  properties: { livelike_profile_id?: string; custom_id?: string }
}

const lines = (count: number, seed: number) => [...sampleLines(count, seed)]

describe('the samples generator', () => {
  it('wrote the committed samples/events.jsonl (npm run samples regenerates it)', () => {
    const committed = readFileSync('samples/events.jsonl', 'utf8')
    expect(committed).toBe(lines(DEFAULT_SAMPLES.count, DEFAULT_SAMPLES.seed).join('\n') + '\n')
  })

  it('writes the same lines for the same seed and other lines for another seed', () => {
    expect(lines(50, 3)).toEqual(lines(50, 3))
    expect(lines(50, 4)).not.toEqual(lines(50, 3))
  })

  it('mixes track, page and screen calls from analytics.js, iOS and Android, over several users and identities', () => {
    const events = lines(DEFAULT_SAMPLES.count, DEFAULT_SAMPLES.seed).flatMap((line): SampleEvent[] => {
      try {
        return [JSON.parse(line) as SampleEvent]
      } catch {
        return []
      }
    })
    const distinct = (pick: (event: SampleEvent) => unknown) => new Set(events.map(pick))

    expect(events.length).toBeGreaterThanOrEqual(1000)
    expect(distinct((event) => event.type)).toEqual(new Set(['track', 'page', 'screen']))
    expect(distinct((event) => event.context.library.name)).toEqual(
      new Set(['analytics.js', 'analytics-swift', 'com.segment.analytics.kotlin.android'])
    )
    expect(distinct((event) => event.context.os?.name)).toEqual(new Set([undefined, 'iOS', 'Android']))
    expect(distinct((event) => event.userId).size).toBeGreaterThan(20)
    expect(distinct((event) => event.properties.livelike_profile_id).size).toBeGreaterThan(20)
    expect(events.filter((event) => event.properties.custom_id).length).toBeGreaterThan(100)
    expect(distinct((event) => event.messageId).size).toBe(events.length)
  })

  it('keeps the invalid share to a few percent: events without identity, bad timestamps and one line cut short', () => {
    const {
      lines: total,
      valid,
      noIdentity,
      badTimestamp,
      malformedLines
    } = summariseSamples(DEFAULT_SAMPLES.count, DEFAULT_SAMPLES.seed)

    expect(malformedLines).toEqual([601])
    expect(valid + noIdentity + badTimestamp + malformedLines.length).toBe(total)
    expect(noIdentity).toBeGreaterThan(0)
    expect(badTimestamp).toBeGreaterThan(0)
    expect((noIdentity + badTimestamp + 1) / total).toBeLessThan(0.08)
  })
})
