import { deflateRawSync, inflateRawSync } from 'zlib'

// About 1,000 typical events: JSON text compresses about fifteen-fold in blocks this size.
const BLOCK_CHARS = 256 * 1024

interface Block {
  first: number
  count: number
  data: Buffer
}

/**
 * An append-only list of single-line texts (JSON texts have no raw newline), sealed into deflated blocks so that
 * 100,000 recorded events take a few megabytes instead of tens.
 */
export class CompressedLines {
  private readonly blocks: Block[] = []
  private open: string[] = []
  private openChars = 0
  private total = 0
  private inflated?: { block: Block; lines: string[] }

  get length(): number {
    return this.total
  }

  push(line: string): void {
    this.open.push(line)
    this.openChars += line.length
    this.total += 1
    if (this.openChars >= BLOCK_CHARS) {
      const first = this.total - this.open.length
      this.blocks.push({ first, count: this.open.length, data: deflateRawSync(this.open.join('\n')) })
      this.open = []
      this.openChars = 0
    }
  }

  /** The lines from start (inclusive) to end (exclusive), like Array.prototype.slice with non-negative bounds. */
  slice(start: number, end: number): string[] {
    const stop = Math.min(end, this.total)
    const lines: string[] = []
    for (let index = start; index < stop;) {
      const { first, group } = this.groupHolding(index)
      lines.push(...group.slice(index - first, stop - first))
      index = first + group.length
    }
    return lines
  }

  private groupHolding(index: number): { first: number; group: string[] } {
    const openFirst = this.total - this.open.length
    if (index >= openFirst) {
      return { first: openFirst, group: this.open }
    }
    const block = this.blockHolding(index)
    if (this.inflated?.block !== block) {
      this.inflated = { block, lines: inflateRawSync(block.data).toString('utf8').split('\n') }
    }
    return { first: block.first, group: this.inflated.lines }
  }

  private blockHolding(index: number): Block {
    let [low, high] = [0, this.blocks.length - 1]
    while (low < high) {
      const middle = Math.ceil((low + high) / 2)
      if (this.blocks[middle].first <= index) {
        low = middle
      } else {
        high = middle - 1
      }
    }
    return this.blocks[low]
  }
}
