import { Destination } from '@segment/actions-core'
import type { ActionDefinition, DestinationDefinition, JSONObject } from '@segment/actions-core'
import definition from '../../destinations/livelike-cloud'
import type { Settings } from '../../destinations/livelike-cloud/generated-types'
import type { PreviewResult } from '../shared/mappings'
import { messagesOf } from './errors'

type AnyAction = ActionDefinition<Settings, JSONObject>

let previewDestination: Destination<Settings> | undefined

/**
 * The destination with every action's perform answering its payload: actions-core still resolves the mapping,
 * removes empty values and validates against the action's fields, exactly as on delivery, but nothing is sent.
 */
function destinationThatSendsNothing(): Destination<Settings> {
  if (!previewDestination) {
    const actions = Object.fromEntries(
      Object.entries(definition.actions).map(([key, action]) => [
        key,
        {
          ...(action as unknown as AnyAction),
          perform: (_request: unknown, { payload }: { payload: JSONObject }) => payload,
          performBatch: undefined
        }
      ])
    )
    previewDestination = new Destination({
      ...definition,
      extendRequest: undefined,
      actions
    } as unknown as DestinationDefinition<Settings>)
  }
  return previewDestination
}

/** What actions-core makes of `event` with this mapping for this action: the payload, or its error as it words it. */
export async function previewMapping(
  partnerAction: string,
  mapping: Record<string, unknown>,
  event: Record<string, unknown>,
  settings: Settings
): Promise<PreviewResult> {
  const action = destinationThatSendsNothing().actions[partnerAction]
  if (!action) {
    return { ok: false, error: { name: 'UnknownAction', messages: [`No action named ${partnerAction}.`] } }
  }
  try {
    const results = await action.execute({
      data: event as JSONObject,
      mapping: mapping as JSONObject,
      settings,
      auth: undefined
    })
    const payload = (results.at(-1) as { data?: Record<string, unknown> } | undefined)?.data ?? {}
    return { ok: true, payload }
  } catch (error) {
    const status = (error as { status?: unknown }).status
    return {
      ok: false,
      error: {
        name: (error as Error).name ?? 'Error',
        ...(typeof status === 'number' && { status }),
        messages: messagesOf(error)
      }
    }
  }
}
