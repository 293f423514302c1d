import { Destination } from '@segment/actions-core'
import type { DynamicFieldResponse, JSONObject } from '@segment/actions-core'
import definition from '../destinations/livelike-cloud'
import type { Settings } from '../destinations/livelike-cloud/generated-types'

/** What a dynamic field's handler is given: the settings, the mapped payload so far, and the page asked for. */
export interface DynamicFieldInput {
  settings: Settings
  payload?: JSONObject
  page?: string
}

/**
 * The choices of one dynamic field, from the destination's own handler, exactly as Segment's mapping screen and the
 * Actions Tester get them: an unknown action or field, or a failing handler, is an answer with an `error`.
 */
export async function dynamicFieldChoices(
  actionKey: string,
  fieldKey: string,
  input: DynamicFieldInput
): Promise<DynamicFieldResponse> {
  if (!Object.hasOwn(definition.actions, actionKey)) {
    return { choices: [], error: { code: '404', message: `No action named ${actionKey}.` } }
  }
  try {
    return (await new Destination(definition).executeDynamicField(actionKey, fieldKey, {
      settings: input.settings,
      payload: input.payload ?? {},
      page: input.page
    })) as DynamicFieldResponse
  } catch (error) {
    return { choices: [], error: { code: '500', message: (error as Error).message } }
  }
}
