import type { ActionDefinition, DestinationDefinition, DynamicFieldResponse } from '@segment/actions-core'
import type { Settings } from '../../destinations/livelike-cloud/generated-types'

/** The programs the stub's dynamic handler serves, two to a page. */
export const PROGRAMS = [
  { label: 'Season Pass', value: 'program-1' },
  { label: 'Playoffs', value: 'program-2' },
  { label: 'Finals', value: 'program-3' }
]

export const REFUSED = 'The Producer Token may not list programs (stub).'

/**
 * An action with a dynamic field, for the Mappings view's tests until the destination has one of its own: its
 * handler pages through PROGRAMS, and answers an error when the mapping so far asks it to.
 */
const rewardStub: ActionDefinition<Settings, { program_id: string; code?: string }> = {
  title: 'Reward Stub',
  description: 'A test action whose Program field is a dynamic choice.',
  fields: {
    program_id: {
      label: 'Program',
      description: 'The program, chosen from those the handler lists.',
      type: 'string',
      required: true,
      dynamic: true
    },
    code: {
      label: 'Code',
      description: 'The code of the invocation.',
      type: 'string',
      default: { '@path': '$.messageId' }
    }
  },
  dynamicFields: {
    program_id: async (_request, { page, payload }): Promise<DynamicFieldResponse> => {
      if ((payload as { code?: unknown } | undefined)?.code === 'refuse') {
        return { choices: [], error: { code: '403', message: REFUSED } }
      }
      const start = page ? Number(page) : 0
      const next = start + 2
      return { choices: PROGRAMS.slice(start, next), ...(next < PROGRAMS.length && { nextPage: String(next) }) }
    }
  },
  perform: () => undefined
}

export function withRewardStub(definition: DestinationDefinition<Settings>): DestinationDefinition<Settings> {
  return { ...definition, actions: { ...definition.actions, rewardStub } } as DestinationDefinition<Settings>
}
