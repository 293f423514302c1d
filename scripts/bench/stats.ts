/** Statistics the bench reports, kept free of I/O so that they can be tested on their own. */

export interface Spread {
  median: number
  min: number
  max: number
}

export function spread(values: number[]): Spread {
  if (values.length === 0) {
    throw new Error('no values to summarise')
  }
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1] }
}

/** Round by round ratios of two paths measured side by side (same rounds, same order), summarised. */
export function pairedRatio(numerators: number[], denominators: number[]): Spread {
  if (numerators.length !== denominators.length) {
    throw new Error('paired ratios need the same number of rounds on both sides')
  }
  return spread(numerators.map((value, round) => value / denominators[round]))
}

export function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}

/** The order of the paths in each round: as given in even rounds, reversed in odd ones, so neither end is favoured. */
export function roundOrder<T>(items: T[], round: number): T[] {
  return round % 2 === 0 ? [...items] : [...items].reverse()
}

/** Round by round, the rate of doing the work of several paths one after the other: their per-event times add up. */
export function combinedRates(pathRates: number[][]): number[] {
  return pathRates[0].map((_, round) => 1 / pathRates.reduce((time, rates) => time + 1 / rates[round], 0))
}
