import type { Faults } from '../sandbox'

/** `--chaos RATE`: the rate split evenly between 503 answers, 429 answers and responses lost after recording. */
export function chaosFaults(rate: number): Partial<Faults> {
  const share = rate / 3
  return { unavailableRate: share, rateLimitedRate: share, lostResponseRate: share }
}
