import type { RateSeries } from './shared/types'

type Series = 'received' | 'delivered' | 'failed'
const SERIES: Series[] = ['received', 'delivered', 'failed']

/** Counts per second over the last `seconds` seconds, in fixed memory. */
export class RateWindow {
  private readonly buckets: Record<Series, Float64Array>
  private newest: number

  constructor(
    private readonly seconds = 300,
    private readonly now: () => number = Date.now
  ) {
    this.buckets = {
      received: new Float64Array(seconds),
      delivered: new Float64Array(seconds),
      failed: new Float64Array(seconds)
    }
    this.newest = this.second()
  }

  add(series: Series, amount = 1): void {
    this.advance()
    this.buckets[series][this.newest % this.seconds] += amount
  }

  series(): RateSeries {
    this.advance()
    const start = this.newest - this.seconds + 1
    const read = (series: Series) =>
      Array.from({ length: this.seconds }, (_, index) => this.buckets[series][(start + index) % this.seconds])
    return { start, received: read('received'), delivered: read('delivered'), failed: read('failed') }
  }

  private second(): number {
    return Math.floor(this.now() / 1000)
  }

  // Empties the buckets of the seconds that passed without a count, so that they read 0 rather than old counts.
  private advance(): void {
    const current = this.second()
    const passed = Math.min(current - this.newest, this.seconds)
    for (let step = 1; step <= passed; step++) {
      for (const series of SERIES) {
        this.buckets[series][(this.newest + step) % this.seconds] = 0
      }
    }
    this.newest = Math.max(this.newest, current)
  }
}
