import { badRequest } from './http-errors'
import type { Faults } from './options'
import { NO_FAULTS } from './options'
import { seededRandom } from './prng'

export type FaultDecision = 'unavailable' | 'rate-limited' | 'lost-response' | 'none'

const RATES = ['unavailableRate', 'rateLimitedRate', 'lostResponseRate'] as const
const LIMITS: Record<keyof Faults, { max: number; integer: boolean }> = {
  unavailableRate: { max: 1, integer: false },
  rateLimitedRate: { max: 1, integer: false },
  lostResponseRate: { max: 1, integer: false },
  retryAfterSeconds: { max: 3600, integer: true },
  latencyMs: { max: 60_000, integer: true }
}

/** Checks a partial Faults (a PUT body or start options) and names the first bad field; throws a 400 SandboxError. */
export function parseFaults(input: unknown): Partial<Faults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badRequest('body: must be a JSON object of faults, e.g. {"unavailableRate": 0.1}.')
  }
  const faults: Partial<Faults> = {}
  for (const [key, value] of Object.entries(input)) {
    if (!Object.hasOwn(LIMITS, key)) {
      throw badRequest(`${key}: Unknown field. Faults are ${Object.keys(LIMITS).join(', ')}.`)
    }
    const limit = LIMITS[key as keyof Faults]
    const valid =
      typeof value === 'number' && value >= 0 && value <= limit.max && (!limit.integer || Number.isInteger(value))
    if (!valid) {
      const kind = limit.integer ? 'a whole number' : 'a number'
      throw badRequest(`${key}: must be ${kind} from 0 to ${limit.max}.`)
    }
    faults[key as keyof Faults] = value
  }
  return faults
}

function checkRateSum(faults: Faults): void {
  const sum = RATES.reduce((total, rate) => total + faults[rate], 0)
  if (sum > 1 + 1e-9) {
    throw badRequest(
      `${RATES.join(' + ')} is ${Number(sum.toFixed(6))}: the three rates share the calls, keep their sum at most 1.`
    )
  }
}

/** The faults in force and the seeded dice that decide, call by call, which fault strikes. */
export class FaultPlan {
  private faults: Faults
  private random: () => number

  constructor(
    private readonly initial: Faults,
    private readonly seed: number
  ) {
    checkRateSum(initial)
    this.faults = { ...initial }
    this.random = seededRandom(seed)
  }

  static from(options: Partial<Faults> | undefined, seed: number): FaultPlan {
    return new FaultPlan({ ...NO_FAULTS, ...parseFaults(options ?? {}) }, seed)
  }

  get current(): Faults {
    return { ...this.faults }
  }

  /** Merges a partial update; the faults stay as they were when it is refused. */
  update(partial: Partial<Faults>): Faults {
    const next = { ...this.faults, ...partial }
    checkRateSum(next)
    this.faults = next
    return this.current
  }

  /** Back to the faults and the dice the sandbox started with. */
  reset(): void {
    this.faults = { ...this.initial }
    this.random = seededRandom(this.seed)
  }

  /** One roll per call: the rates share [0, 1) in the order unavailable, rate limited, lost response. */
  roll(): FaultDecision {
    const { unavailableRate, rateLimitedRate, lostResponseRate } = this.faults
    if (unavailableRate + rateLimitedRate + lostResponseRate === 0) {
      return 'none'
    }
    const die = this.random()
    if (die < unavailableRate) return 'unavailable'
    if (die < unavailableRate + rateLimitedRate) return 'rate-limited'
    if (die < unavailableRate + rateLimitedRate + lostResponseRate) return 'lost-response'
    return 'none'
  }

  /** For a lost response: true drops the connection, false answers 503 (half and half). */
  dropsConnection(): boolean {
    return this.random() < 0.5
  }
}
