import type { JSONObject } from '@segment/actions-core'

/**
 * The mappings a subscription saved on the published trackEvent action holds (its Track and Page presets): no
 * message_id and no batching fields. The compatibility test checks them against the published destination.
 */
export const SAVED_TRACK_MAPPING: JSONObject = {
  event_name: { '@path': '$.event' },
  event_type: { '@path': '$.type' },
  segment_user_id: { '@path': '$.userId' },
  livelike_profile_id: { '@path': '$.properties.livelike_profile_id' },
  anonymous_id: { '@path': '$.anonymousId' },
  custom_id: { '@path': '$.properties.custom_id' },
  timestamp: { '@path': '$.timestamp' },
  properties: { '@path': '$.properties' }
}

export const SAVED_PAGE_MAPPING: JSONObject = {
  ...SAVED_TRACK_MAPPING,
  event_name: {
    '@if': {
      exists: { '@path': '$.name' },
      then: { '@path': '$.name' },
      else: { '@path': '$.properties.title' }
    }
  }
}
