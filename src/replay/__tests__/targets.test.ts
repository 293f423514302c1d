import { readFileSync } from 'fs'
import { startSandbox } from '../../sandbox'
import type { RunningSandbox } from '../../sandbox'
import { lastLine, replay, scratchFolder, trackEvent } from './helpers'

jest.setTimeout(180_000)

const scratch = scratchFolder()
afterAll(() => scratch.remove())

const jsonLines = (events: Record<string, unknown>[]) => events.map((event) => JSON.stringify(event) + '\n').join('')

describe('--sandbox URL', () => {
  let sandbox: RunningSandbox
  beforeAll(async () => {
    sandbox = await startSandbox()
  })
  afterAll(() => sandbox.close())

  it('counts only what this run adds, and recognises a second run of the same events (with or without messageId)', async () => {
    const withoutId = trackEvent('unused', { event: 'Poll Answered' })
    delete withoutId.messageId
    const file = scratch.write('twice.jsonl', jsonLines([trackEvent('twice-1'), withoutId]))

    const first = await replay([file, '--sandbox', sandbox.url])
    const second = await replay([file, '--sandbox', sandbox.url])

    expect(first.report).toMatchObject({ delivered: 2, deduplicated: 0, sandbox: { recorded: 2, duplicates: 0 } })
    expect(second.report).toMatchObject({ delivered: 2, deduplicated: 2, sandbox: { recorded: 0, duplicates: 0 } })
    expect(lastLine(second.stdout)).toBe('delivered 2, rejected 0, retried 0, deduplicated 2, duplicates 0')
  })

  it('sets the running sandbox faults from --chaos, split between 503, 429 and lost responses', async () => {
    const file = scratch.write('one.jsonl', jsonLines([trackEvent('chaos-1')]))
    await replay([file, '--sandbox', sandbox.url, '--chaos', '0.3'])

    const faults = await (await fetch(`${sandbox.url}/_sandbox/faults`)).json()
    const third = expect.closeTo(0.1, 10)
    expect(faults).toMatchObject({ unavailableRate: third, rateLimitedRate: third, lostResponseRate: third })
  })
})

describe('events left undelivered', () => {
  it('exits 1 and writes exactly the undelivered events to a .jsonl file for a later run', async () => {
    const events = Array.from({ length: 60 }, (_, i) => trackEvent(`flaky-${i}`))
    const file = scratch.write('flaky.jsonl', jsonLines(events))
    const undelivered = scratch.path('later.jsonl')

    const { report, stdout } = await replay([
      file,
      '--chaos',
      '0.6',
      '--retries',
      '0',
      '--batch-size',
      '1',
      '--undelivered',
      undelivered
    ])

    const written = readFileSync(undelivered, 'utf8')
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text))
    expect(report.undelivered.count).toBeGreaterThan(0)
    expect(report.delivered + report.undelivered.count).toBe(60)
    expect(written).toHaveLength(report.undelivered.count)
    expect(new Set(written.map(({ messageId }) => messageId)).size).toBe(written.length)
    expect(report).toMatchObject({ exitCode: 1, undeliveredFile: undelivered })
    expect(stdout).toContain(`undelivered       ${report.undelivered.count} (written to ${undelivered})`)
  })
})
