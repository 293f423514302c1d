import type { Reason, Stage } from '../shared/types'

const STAGES: Record<Stage, string> = {
  'in-flight': 'in flight',
  'pending-retry': 'pending retry',
  delivered: 'delivered',
  failed: 'failed',
  filtered: 'filtered'
}

const REASONS: Record<Reason, string> = {
  validation: 'validation',
  refused: 'refused by LiveLike',
  'retries-exhausted': 'retries exhausted',
  'no-subscription': 'no subscription matched',
  loop: 'loop stopped'
}

const SHORT_REASONS: Record<Reason, string> = {
  validation: 'validation',
  refused: 'refused',
  'retries-exhausted': 'retries out',
  'no-subscription': 'no match',
  loop: 'loop'
}

/** "failed: refused by LiveLike"; `short` for a row of the stream ("failed: refused"). */
export function stageLabel(stage: Stage, reason?: Reason, short = false): string {
  return reason ? `${STAGES[stage]}: ${(short ? SHORT_REASONS : REASONS)[reason]}` : STAGES[stage]
}

export const stageNames = STAGES

/** An Invoke Reward Action event delivered with nothing new granted: LiveLike had granted for its code before. */
export const ALREADY_GRANTED = 'already granted'

/** Pretty JSON when the text is JSON, the text itself otherwise. */
export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/** HH:MM:SS of an ISO time, or with milliseconds. */
export function time(iso: string, milliseconds = false): string {
  return iso.slice(11, milliseconds ? 23 : 19)
}

export function number(value: number): string {
  return value.toLocaleString('en-US')
}
