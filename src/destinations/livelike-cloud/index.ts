import { defaultValues, InvalidAuthenticationError } from '@segment/actions-core'
import type { DestinationDefinition } from '@segment/actions-core'
import type { Settings } from './generated-types'
import invokeRewardAction from './invokeRewardAction'
import { callLiveLike } from './livelike-api'
import { TRACK_CALLS_NOT_FROM_LIVELIKE } from './livelike-source-events'
import sendEvent from './sendEvent'
import syncToUserGroup from './syncToUserGroup'
import trackEvent from './trackEvent'
import { validateAppUrl } from './urls'

// Visible ASCII only: anything else cannot travel in an HTTP header, and Node would quote the token in its error.
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/

// `blank` (unlike `exists`) also passes over an empty name, so that the title stands in for it.
const pageOrScreenName = {
  '@if': {
    blank: { '@path': '$.name' },
    then: { '@path': '$.name' },
    else: { '@path': '$.properties.title' }
  }
}

const destination: DestinationDefinition<Settings> = {
  name: 'LiveLike',
  slug: 'actions-livelike-cloud',
  mode: 'cloud',
  description:
    'Send the track, page and screen calls and the Engage audiences you already collect in Segment to LiveLike, so that LiveLike can grant rewards, update user groups and run automations when your users act.',
  authentication: {
    scheme: 'custom',
    fields: {
      clientId: {
        label: 'Client ID',
        description:
          'The Client ID of your LiveLike application. In the LiveLike Producer Suite, open Integrations > Segment and copy it from there.',
        type: 'string',
        required: true
      },
      producerToken: {
        label: 'Producer Token',
        description:
          'The Producer Token that lets Segment send data to your LiveLike application. In the LiveLike Producer Suite, open Integrations > Segment, connect, and copy it from there.',
        type: 'password',
        required: true
      }
    },
    testAuthentication: async (request, { settings }) => {
      const reply = await callLiveLike(request, validateAppUrl(settings.clientId), {
        method: 'GET',
        secret: settings.producerToken
      })
      if (reply.ok) {
        return true
      }
      if (reply.status === 404) {
        throw new InvalidAuthenticationError(
          'LiveLike has no application with this Client ID: copy the Client ID again from the LiveLike Producer Suite (Integrations > Segment).'
        )
      }
      throw reply.error
    }
  },
  extendRequest: ({ settings }) => {
    if (!TOKEN_CHARACTERS.test(settings.producerToken ?? '')) {
      throw new InvalidAuthenticationError(
        'The Producer Token setting is empty or holds spaces, line breaks or other characters a token cannot have: copy it again from the LiveLike Producer Suite (Integrations > Segment).'
      )
    }
    return { headers: { Authorization: `Bearer ${settings.producerToken}` } }
  },
  presets: [
    {
      name: 'Track Calls',
      subscribe: TRACK_CALLS_NOT_FROM_LIVELIKE,
      partnerAction: 'sendEvent',
      mapping: defaultValues(sendEvent.fields),
      type: 'automatic'
    },
    {
      name: 'Page Calls',
      subscribe: 'type = "page"',
      partnerAction: 'sendEvent',
      mapping: { ...defaultValues(sendEvent.fields), event_name: pageOrScreenName },
      type: 'automatic'
    },
    {
      name: 'Screen Calls',
      subscribe: 'type = "screen"',
      partnerAction: 'sendEvent',
      mapping: { ...defaultValues(sendEvent.fields), event_name: pageOrScreenName },
      type: 'automatic'
    }
  ],
  actions: {
    sendEvent,
    trackEvent,
    syncToUserGroup,
    invokeRewardAction
  }
}

export default destination
