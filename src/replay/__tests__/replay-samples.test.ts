import { readFileSync } from 'fs'
import { DEFAULT_SAMPLES, summariseSamples } from '../../../scripts/generate-samples'
import { lastLine, replay, scratchFolder } from './helpers'

jest.setTimeout(300_000)

const SAMPLES = 'samples/events.jsonl'

describe('replay of the samples into the embedded sandbox under --chaos 0.15', () => {
  const scratch = scratchFolder()
  const expected = summariseSamples(DEFAULT_SAMPLES.count, DEFAULT_SAMPLES.seed)
  afterAll(() => scratch.remove())

  it('records every valid event exactly once, rejects exactly the invalid ones and writes the report file', async () => {
    const reportFile = scratch.path('report.json')
    const { report, stdout } = await replay([SAMPLES, '--chaos', '0.15', '--report', reportFile])

    expect(report.sandbox).toEqual({ recorded: expected.valid, duplicates: 0 })
    expect(report.delivered).toBe(expected.valid)
    expect(report.rejected.invalidJson).toEqual({
      count: 1,
      first: [{ position: expected.malformedLines[0], message: expect.stringContaining('JSON') }]
    })
    expect(report.rejected.validation.count).toBe(expected.noIdentity + expected.badTimestamp)
    const reasons = report.rejected.validation.reasons
    const identity = reasons.filter(({ message }) => message.startsWith('The event has no LiveLike identity'))
    const timestamps = reasons.filter(({ message }) => message.startsWith('The Timestamp field (timestamp) is'))
    expect(identity.reduce((sum, { count }) => sum + count, 0)).toBe(expected.noIdentity)
    expect(timestamps.reduce((sum, { count }) => sum + count, 0)).toBe(expected.badTimestamp)
    expect(report.rejected.refusedByLiveLike.count).toBe(0)
    expect(report.rejected.total).toBe(expected.noIdentity + expected.badTimestamp + 1)
    expect(report.undelivered.count).toBe(0)
    expect(report.exitCode).toBe(0)
    // Faults happened: 503s and 429s were retried, and lost responses were resent and recognised.
    expect(report.retried).toBeGreaterThan(0)
    expect(report.deduplicated).toBeGreaterThan(0)

    expect(lastLine(stdout)).toBe(
      `delivered ${expected.valid}, rejected ${report.rejected.total}, retried ${report.retried}, ` +
        `deduplicated ${report.deduplicated}, duplicates 0`
    )
    expect(JSON.parse(readFileSync(reportFile, 'utf8'))).toEqual(report)
  })
})
