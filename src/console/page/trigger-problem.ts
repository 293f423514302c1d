import { parseFql } from '@segment/destination-subscriptions'

export interface TriggerProblem {
  /** Segment's parser's own words, when it gave some. */
  parser?: string
  hint: string
}

/**
 * Why a trigger cannot be saved, or undefined when Segment's parser reads it. The parser's message is kept as it words
 * it, but some of its messages say nothing of FQL (an unclosed quote gives "Cannot read properties of undefined"), so a
 * hint says what to look at.
 */
export function triggerProblem(subscribe: string): TriggerProblem | undefined {
  if (subscribe.trim() === '') {
    return { hint: 'Write a trigger, such as type = "track" or event = "Order Completed".' }
  }
  const parsed = parseFql(subscribe)
  if (!('error' in parsed)) {
    return undefined
  }
  return {
    ...(parsed.error.message && { parser: parsed.error.message }),
    hint: 'The trigger is not FQL Segment can read: check that every quote and parenthesis is closed, and that each condition reads like event = "Order Completed".'
  }
}
