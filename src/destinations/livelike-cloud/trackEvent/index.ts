import type { ActionDefinition } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import sendEvent from '../sendEvent'
import type { Payload } from '../sendEvent/generated-types'

/**
 * The action key earlier versions of this destination offered. Existing subscriptions name it, so it stays,
 * hidden from new mappings, with the same fields and wire format as Send Event.
 */
const action: ActionDefinition<Settings, Payload> = {
  ...sendEvent,
  title: 'Track Event (Legacy)',
  description: 'Send an event to LiveLike. Kept for existing mappings: use Send Event for new ones.',
  defaultSubscription: undefined,
  hidden: true
}

export default action
