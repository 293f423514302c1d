import { lastLine, replay, scratchFolder, trackEvent } from './helpers'

jest.setTimeout(180_000)

const scratch = scratchFolder()
afterAll(() => scratch.remove())

const line = (messageId: string) => JSON.stringify(trackEvent(messageId))

describe('a .jsonl file with malformed lines', () => {
  it('reports each malformed line by its number, skips blank lines and delivers every other event', async () => {
    const file = scratch.write(
      'mixed.jsonl',
      [line('m-1'), '{"type": "track", "event": ', '', line('m-2'), '[1, 2]', 'not json at all', line('m-3'), ''].join(
        '\n'
      )
    )
    const { report, stdout } = await replay([file])

    expect(report.rejected.invalidJson.count).toBe(3)
    expect(report.rejected.invalidJson.first.map(({ position }) => position)).toEqual([2, 5, 6])
    expect(report.rejected.invalidJson.first[1].message).toBe('not a JSON object')
    expect(report).toMatchObject({ read: 6, events: 3, delivered: 3, sandbox: { recorded: 3, duplicates: 0 } })
    expect(report.exitCode).toBe(0)
    expect(stdout).toContain('      line 2: ')
    expect(stdout).toContain('      line 5: not a JSON object')
    expect(lastLine(stdout)).toBe('delivered 3, rejected 3, retried 0, deduplicated 0, duplicates 0')
  })
})

describe('a .json array', () => {
  it('streams the array element by element', async () => {
    const file = scratch.write('events.json', JSON.stringify([trackEvent('j-1'), trackEvent('j-2'), 'text']))
    const { report } = await replay([file])

    expect(report).toMatchObject({ unit: 'item', events: 2, delivered: 2, sandbox: { recorded: 2, duplicates: 0 } })
    expect(report.rejected.invalidJson.first).toEqual([{ position: 3, message: 'not a JSON object' }])
  })

  it('delivers what comes before a syntax error and reports where reading stopped', async () => {
    const text = JSON.stringify([trackEvent('t-1'), trackEvent('t-2'), trackEvent('t-3')])
    const file = scratch.write('truncated.json', text.slice(0, text.lastIndexOf('{') + 20))
    const { report, stdout } = await replay([file])

    expect(report).toMatchObject({ events: 2, delivered: 2, exitCode: 0 })
    expect(report.rejected.invalidJson.first).toEqual([
      { position: 3, message: expect.stringContaining('(nothing after it is read)') }
    ])
    expect(stdout).toContain('      item 3: ')
  })
})
