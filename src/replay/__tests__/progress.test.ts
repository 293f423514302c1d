import { PassThrough } from 'stream'
import { startProgress } from '../progress'
import type { ProgressCounts } from '../progress'

const counts: ProgressCounts = { bytesRead: 500, read: 10, delivered: 8, rejected: 1, retried: 3, settled: 9 }

function terminal(): { stream: PassThrough & { isTTY: boolean; columns: number }; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 160 })
  const parts: string[] = []
  stream.on('data', (part: Buffer) => parts.push(part.toString()))
  return { stream, text: () => parts.join('') }
}

describe('progress', () => {
  it('draws a bar with the counts and events/s on a terminal', () => {
    const { stream, text } = terminal()
    startProgress(stream, 1000, () => counts, 5000).stop()

    expect(text()).toMatch(/replay \[.+\] 100% \| 10 read \| 8 delivered \| 1 rejected \| 3 retried \| \d+ events\/s/)
  })

  it('writes plain lines, the last one when the replay ends, where there is no terminal', () => {
    const stream = new PassThrough()
    startProgress(stream, 1000, () => counts, 60_000).stop()

    expect(stream.read().toString()).toMatch(
      /^replay: 50% of the file, 10 read, 8 delivered, 1 rejected, 3 retried, \d+ events\/s\n$/
    )
  })
})
