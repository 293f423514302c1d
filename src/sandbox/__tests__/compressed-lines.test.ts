import { CompressedLines } from '../compressed-lines'

describe('CompressedLines', () => {
  // About 300 characters a line: a block seals every ~870 lines, so 3,000 lines span four blocks and an open tail.
  const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ n: i, text: `line ${i} ${'é✓'.repeat(140)}` }))
  const store = new CompressedLines()
  lines.forEach((line) => store.push(line))

  it('counts every line pushed', () => {
    expect(store.length).toBe(3000)
  })

  it.each([
    [0, 3000],
    [0, 10],
    [850, 900],
    [1700, 2700],
    [2990, 5000],
    [3000, 3010],
    [10, 10]
  ])('slices from %i to %i exactly as the original list, across block boundaries', (start, end) => {
    expect(store.slice(start, end)).toEqual(lines.slice(start, end))
  })
})
