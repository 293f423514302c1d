import { DEFAULT_PATHS, findPath } from '../bench/catalog'
import { buildReport, renderTable } from '../bench/report'
import type { PathMeasurement } from '../bench/report'
import { combinedRates, pairedRatio, roundOrder, spread } from '../bench/stats'

function measured(id: string, eventsPerRound: number[], requestsPerRound: number[]): PathMeasurement {
  const connections = requestsPerRound.map((_, round) => (round === 0 ? 1 : 0))
  return {
    spec: findPath(id),
    rounds: eventsPerRound.map((events) => ({ events, failed: 0, seconds: 1, cpuSeconds: 0.5 })),
    requests: requestsPerRound,
    connections,
    peakRssBytes: 64 * 1024 * 1024
  }
}

describe('bench statistics', () => {
  it('summarises values as median, min and max, averaging the middle pair of an even count', () => {
    expect(spread([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5 })
    expect(spread([4, 1, 3, 10])).toEqual({ median: 3.5, min: 1, max: 10 })
  })

  it('refuses to summarise nothing', () => {
    expect(() => spread([])).toThrow('no values')
  })

  it('takes ratios round by round before summarising them', () => {
    expect(pairedRatio([10, 40, 9], [5, 10, 9])).toEqual({ median: 2, min: 1, max: 4 })
    expect(() => pairedRatio([1], [1, 2])).toThrow('same number of rounds')
  })

  it('adds up the per-event times of paths done one after the other, round by round', () => {
    expect(
      combinedRates([
        [100, 50],
        [100, 50]
      ])
    ).toEqual([50, 25])
    expect(combinedRates([[30], [60]])).toEqual([20])
  })

  it('alternates the order of the paths from round to round', () => {
    expect(roundOrder(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c'])
    expect(roundOrder(['a', 'b', 'c'], 1)).toEqual(['c', 'b', 'a'])
    expect(roundOrder(['a', 'b', 'c'], 2)).toEqual(['a', 'b', 'c'])
  })
})

describe('bench report', () => {
  it('gives every default path a distinct id', () => {
    expect(new Set(DEFAULT_PATHS.map((path) => path.id)).size).toBe(DEFAULT_PATHS.length)
  })

  it('reports events per second, requests per 1,000 events and the targets met or missed', () => {
    const report = buildReport(
      [
        measured('ours-single-16', [90, 100, 110], [90, 100, 110]),
        measured('peer-16', [100, 100, 100], [100, 100, 100]),
        measured('ours-batch-4', [1000, 1200, 1500], [10, 12, 16]),
        measured('ceiling-batch-4', [2000, 2000, 2000], [0, 0, 0])
      ],
      { requests: [15, 14, 14, 15], seconds: [0.01, 0.02, 0.03, 0.02] }
    )

    expect(report.paths[2]).toMatchObject({
      id: 'ours-batch-4',
      eventsPerSecond: { median: 1200, min: 1000, max: 1500 },
      eventsPerCpuSecond: { median: 2400, min: 2000, max: 3000 },
      requestsPer1000Events: (38 / 3700) * 1000,
      connectionsPer1000Events: (1 / 3700) * 1000,
      peakRssMiB: 64
    })
    const check = (name: string) => report.checks.find((candidate) => candidate.name === name)
    expect(check('ours single / published, 16 in flight')).toMatchObject({
      value: { median: 1, min: 0.9, max: 1.1 },
      target: { atLeast: 0.9, met: true }
    })
    expect(check('batch / ceiling, 4 in flight')).toMatchObject({
      value: { median: 0.6 },
      target: { atLeast: 0.75, met: false }
    })
    expect(check('batch requests per 1,000 events, 4 in flight')?.target).toEqual({ atMost: 10, met: false })
    expect(check('ours single / floor, 16 in flight')).toBeUndefined()
    expect(report.isolation).toEqual({ worstRequests: 15, meanRequests: 14.5, worstMs: 30, meanMs: 20 })
  })

  it('renders a Markdown table with the first column left-aligned and the others right-aligned', () => {
    expect(
      renderTable(
        ['Path', 'Events/s'],
        [
          ['ours', '1,200'],
          ['floor', '15']
        ]
      )
    ).toBe(['| Path  | Events/s |', '| ----- | -------: |', '| ours  |    1,200 |', '| floor |       15 |'].join('\n'))
  })
})
