import type { ActionDefinition } from '@segment/actions-core'
import { sendBatch, sendOne } from '../delivery'
import type { DeliveryPlan } from '../delivery'
import type { Settings } from '../generated-types'
import { audienceSyncUrl } from '../urls'
import { fields } from './fields'
import { toUserGroupItem } from './functions'
import type { Payload } from './generated-types'
import type { UserGroupItem } from './types'

export const userGroupDelivery: DeliveryPlan<Payload, UserGroupItem> = {
  url: (settings) => audienceSyncUrl(settings.clientId),
  toItem: (payload) => toUserGroupItem(payload),
  body: (items) => items
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Sync to User Group',
  description:
    'Add users to and remove them from LiveLike user groups, from Engage audiences or from events that say whether to add or remove.',
  defaultSubscription: 'type = "identify"',
  fields,
  perform: (request, { settings, payload }) => sendOne(request, settings, payload, userGroupDelivery),
  performBatch: (request, { settings, payload }) => sendBatch(request, settings, payload, userGroupDelivery)
}

export default action
