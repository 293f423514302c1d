import { transform } from '@segment/actions-core'
import type { InputField, JSONObject } from '@segment/actions-core'
import definition from '../../destinations/livelike-cloud'
import { subscriptionProblem } from '../../runtime'
import type { MappingDraft } from '../shared/mappings'
import { messagesOf } from './errors'

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

/**
 * Why a subscription cannot be saved, or undefined: what a subscriptions file must hold (a name, FQL that Segment's
 * parser reads, a known action, a mapping), a mapping whose directives actions-core's mapping-kit accepts, and a
 * value for every field the action requires.
 */
export function draftProblem(draft: MappingDraft): string | undefined {
  const shape = subscriptionProblem(draft)
  if (shape) {
    const name = typeof draft?.name === 'string' && draft.name.trim() ? `"${draft.name}"` : 'The subscription'
    return `${name} ${shape}`
  }
  try {
    transform(draft.mapping as JSONObject, {})
  } catch (error) {
    return `The mapping of "${draft.name}" is not one actions-core can run: ${messagesOf(error).join(' ')}`
  }
  const fields = definition.actions[draft.partnerAction].fields as Record<string, InputField>
  const missing = Object.entries(fields)
    .filter(([key, field]) => field.required === true && isBlank(draft.mapping[key]))
    .map(([key, field]) => `${field.label} (${key})`)
  if (missing.length > 0) {
    return `"${draft.name}" maps nothing to ${missing.join(', ')}, which ${definition.actions[draft.partnerAction].title} requires: map each to a path of the event, a fixed value or a template.`
  }
  return undefined
}
