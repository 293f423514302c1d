/** Failures grouped by their message, each with the first positions in the file where it happened. */
export interface ReasonGroup {
  message: string
  count: number
  positions: number[]
}

export interface ReasonSummary {
  count: number
  reasons: ReasonGroup[]
}

const MAX_REASONS = 20
const MAX_POSITIONS = 10
const OTHER_REASONS = 'Other reasons (only the first 20 distinct messages are kept).'

/** Counts failures by message with bounded memory: at most 20 messages and the first 10 positions of each. */
export class ReasonCounter {
  private count = 0
  private readonly groups = new Map<string, ReasonGroup>()

  add(message: string, position: number): void {
    this.count++
    const key = this.groups.has(message) || this.groups.size < MAX_REASONS ? message : OTHER_REASONS
    const group = this.groups.get(key) ?? { message: key, count: 0, positions: [] }
    group.count++
    // Chunks finish out of order: keep the lowest positions, in order.
    if (group.positions.length < MAX_POSITIONS || position < group.positions[MAX_POSITIONS - 1]) {
      group.positions = [...group.positions, position].sort((a, b) => a - b).slice(0, MAX_POSITIONS)
    }
    this.groups.set(key, group)
  }

  get total(): number {
    return this.count
  }

  summary(): ReasonSummary {
    return { count: this.count, reasons: [...this.groups.values()].sort((a, b) => b.count - a.count) }
  }
}
