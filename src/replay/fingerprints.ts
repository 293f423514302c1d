import { createHash } from 'crypto'

/**
 * The message IDs read back from the sandbox, each kept as a 64-bit fingerprint in one typed array (8 bytes an ID
 * instead of a string in a Set), then sorted once to find the IDs seen more than once. Two different IDs share a
 * fingerprint with a chance of 2^-64 (among a million IDs, some 3 in 100 million), and that error would be a false
 * duplicate, never a missed one.
 */
export class Fingerprints {
  private values: BigUint64Array
  private count = 0

  constructor(expected: number) {
    this.values = new BigUint64Array(Math.max(expected, 1024))
  }

  add(id: string): void {
    if (this.count === this.values.length) {
      const grown = new BigUint64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.count++] = createHash('md5').update(id).digest().readBigUInt64BE(0)
  }

  /** How many distinct IDs were added twice or more. */
  repeated(): number {
    const sorted = this.values.subarray(0, this.count).sort()
    let repeated = 0
    for (let index = 1; index < sorted.length; index++) {
      if (sorted[index] === sorted[index - 1] && (index === 1 || sorted[index - 1] !== sorted[index - 2])) {
        repeated += 1
      }
    }
    return repeated
  }
}
