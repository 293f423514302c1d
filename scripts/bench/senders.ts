/** Builds, inside a worker process, the code one path runs: one event or one batch per `send`. */
import { Agent as HttpAgent } from 'http'
import type { Agent as HttpsAgent } from 'https'
import { createRequestClient, Destination } from '@segment/actions-core'
import type { DestinationDefinition, JSONObject, SegmentEvent } from '@segment/actions-core'
import { parseFql, validate } from '@segment/destination-subscriptions'
import * as publishedConstants from '@segment/action-destinations/dist/destinations/livelike-cloud/constants'
import published from '@segment/action-destinations/dist/destinations/livelike-cloud'
import { Agent as UndiciAgent, request } from 'undici'
import ours from '../../src/destinations/livelike-cloud'
import type { Settings } from '../../src/destinations/livelike-cloud/generated-types'
import { eventsPerSend } from './catalog'
import type { Connection, PathSpec } from './catalog'
import { BENCH_SETTINGS as settings, EVENT_POOL, eventSender, isFailure } from './event-sender'
import { inGroupsOf, trackEvents } from './events'
import { invokeSender, minimalInvokeSender } from './invoke-senders'

export interface Sender {
  eventsPerSend: number
  /** Sends the n-th event or batch (cycling through a fixed set) and resolves to how many of its events failed. */
  send(n: number): Promise<number>
  /** Drops what actions-core keeps of every response (`destination.responses`), between rounds. */
  forget(): void
}

type Definition = DestinationDefinition<Settings>

/** A track call of the bench's own; the track preset is the one whose trigger takes it. */
const [TRACK_CALL] = trackEvents(1)

/** The destination's preset for track calls on `partnerAction`, found by what its trigger matches. */
export function trackPreset(definition: Definition, partnerAction: string): { subscribe: string; mapping: JSONObject } {
  for (const preset of definition.presets ?? []) {
    if ('subscribe' in preset && preset.partnerAction === partnerAction) {
      const condition = parseFql(preset.subscribe)
      if (!('error' in condition) && validate(condition, TRACK_CALL)) {
        return { subscribe: preset.subscribe, mapping: preset.mapping as JSONObject }
      }
    }
  }
  throw new Error(`${definition.name} has no preset on ${partnerAction} whose trigger matches a track call`)
}

/**
 * The settings of a destination subscribed with its own track preset, as Segment's pipeline passes them; `trigger`
 * replaces the preset's trigger, keeping its mapping.
 */
export function subscribedToTrackPreset(definition: Definition, partnerAction: string, trigger?: string): JSONObject {
  const preset = trackPreset(definition, partnerAction)
  return {
    ...settings,
    subscription: { subscribe: trigger ?? preset.subscribe, partnerAction, mapping: preset.mapping }
  }
}

export function destinationSender(
  definition: Definition,
  partnerAction: string,
  perSend: number,
  trigger?: string
): Sender {
  const destination = new Destination(definition)
  const subscribed = subscribedToTrackPreset(definition, partnerAction, trigger)
  if (perSend === 1) {
    return eventSender(destination, trackEvents(EVENT_POOL), subscribed)
  }
  const batches = inGroupsOf(trackEvents(EVENT_POOL), perSend)
  return {
    eventsPerSend: perSend,
    forget: () => void destination.responses.splice(0),
    send: async (n) => {
      const results = await destination.onBatch(batches[n % batches.length], subscribed)
      return results.flatMap((result) => result.multistatus ?? []).filter((item) => isFailure(item.status)).length
    }
  }
}

/** Our definition with perform and performBatch doing nothing: what actions-core alone costs per event. */
function ceilingDefinition(): Definition {
  const doNothing = async () => undefined
  const sendEvent = { ...ours.actions.sendEvent, perform: doNothing, performBatch: doNothing }
  return { ...ours, actions: { ...ours.actions, sendEvent } }
}

/** An agent whose `destroy` does nothing: actions-core destroys the request's agent after every response. */
class KeptAgent extends HttpAgent {
  destroy(): void {}
}

function withConnection(definition: Definition, connection: Connection): Definition {
  if (connection === 'default') {
    return definition
  }
  const agent = connection === 'keep-alive' ? new HttpAgent({ keepAlive: true }) : new KeptAgent({ keepAlive: true })
  // Typed for LiveLike's HTTPS; the stand-in speaks plain HTTP, and node-fetch takes either agent.
  const extendRequest: Definition['extendRequest'] = (data) => ({
    ...definition.extendRequest?.(data),
    agent: agent as unknown as HttpsAgent
  })
  return { ...definition, extendRequest }
}

/** What our destination sends for an event (the fixture events carry every field), built without it. */
function liveLikeEvent(event: SegmentEvent) {
  return {
    event_name: event.event,
    event_type: event.type,
    segment_user_id: event.userId,
    livelike_profile_id: event.properties?.livelike_profile_id,
    anonymous_id: event.anonymousId,
    timestamp: event.timestamp,
    properties: event.properties,
    message_id: event.messageId
  }
}

const segmentEventsUrl = (baseUrl: string) => `${baseUrl}/applications/${settings.clientId}/segment-events/`
const requestBodies = (perSend: number) =>
  inGroupsOf(trackEvents(EVENT_POOL), perSend).map((group) => ({ events: group.map(liveLikeEvent) }))

/** The bodies our paths post, serialised once in advance: the floor only moves bytes over kept-alive connections. */
function floorSender(baseUrl: string, inFlight: number, perSend: number): Sender {
  const url = segmentEventsUrl(baseUrl)
  const bodies = requestBodies(perSend).map((body) => JSON.stringify(body))
  const dispatcher = new UndiciAgent({ connections: inFlight })
  const headers = { authorization: `Bearer ${settings.producerToken}`, 'content-type': 'application/json' }
  return {
    eventsPerSend: perSend,
    forget: () => undefined,
    send: async (n) => {
      const response = await request(url, { method: 'POST', headers, body: bodies[n % bodies.length], dispatcher })
      await response.body.text()
      return isFailure(response.statusCode) ? perSend : 0
    }
  }
}

/** The same bodies through actions-core's request client, called as our destination calls it, and nothing else. */
function clientSender(baseUrl: string, perSend: number): Sender {
  const url = segmentEventsUrl(baseUrl)
  const bodies = requestBodies(perSend)
  const request = createRequestClient({ headers: { Authorization: `Bearer ${settings.producerToken}` } })
  return {
    eventsPerSend: perSend,
    forget: () => undefined,
    send: async (n) => {
      const response = await request(url, {
        method: 'POST',
        json: bodies[n % bodies.length],
        throwHttpErrors: false,
        timeout: 10_000,
        skipResponseCloning: true
      })
      return isFailure(response.status) ? perSend : 0
    }
  }
}

/**
 * The published destination builds its URLs from its own exported `apiBaseUrl`, read on every call: pointing that
 * export at the stand-in redirects it without touching its code. Checked, so that the bench never calls LiveLike.
 */
function publishedDefinition(baseUrl: string): Definition {
  Object.assign(publishedConstants, { apiBaseUrl: baseUrl })
  if (publishedConstants.apiBaseUrl !== baseUrl) {
    throw new Error('could not point the published destination at the stand-in')
  }
  return published as unknown as Definition
}

/** Our destination reads its base URL from LIVELIKE_API_BASE_URL, which the worker sets before it builds a path. */
export function buildSender(spec: PathSpec, baseUrl: string): Sender {
  const perSend = eventsPerSend(spec.family)
  switch (spec.family) {
    case 'ours-single':
    case 'ours-batch':
      return destinationSender(withConnection(ours, spec.connection), 'sendEvent', perSend)
    case 'ceiling-single':
    case 'ceiling-batch':
      return destinationSender(ceilingDefinition(), 'sendEvent', perSend)
    case 'peer':
      return destinationSender(publishedDefinition(baseUrl), 'trackEvent', perSend)
    case 'peer-our-trigger':
      return destinationSender(
        publishedDefinition(baseUrl),
        'trackEvent',
        perSend,
        trackPreset(ours, 'sendEvent').subscribe
      )
    case 'floor':
    case 'floor-batch':
      return floorSender(baseUrl, spec.inFlight, perSend)
    case 'client':
    case 'client-batch':
      return clientSender(baseUrl, perSend)
    case 'invoke-single':
    case 'invoke-batch':
      return invokeSender(perSend)
    case 'invoke-minimal-batch':
      return minimalInvokeSender(perSend)
  }
}
