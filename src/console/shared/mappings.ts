/** The Mappings view's JSON, as the server sends it and the page reads it. */
import type { DeliveryOutcomeView, EventDetail, EventSummary, SubscriptionView } from './types'

/** One field of an action, as the destination defines it. */
export interface FieldView {
  key: string
  label: string
  description: string
  type: string
  required: boolean
  multiple: boolean
  /** The choices the definition lists (such as track, page, screen), when it lists some. */
  choices?: { label: string; value: string }[]
  /** The field's default mapping: a directive or a value. */
  default?: unknown
  /** Its choices come from the destination's dynamic-field handler. */
  dynamic: boolean
  /** Segment hides it from the mapping screen (it keeps its default). */
  hidden: boolean
}

export interface ActionView {
  key: string
  title: string
  description: string
  /** The trigger Segment suggests for a new subscription of this action. */
  defaultSubscription?: string
  fields: FieldView[]
}

/** How many of the events since start a subscription matched, delivered and failed. */
export interface MappingCounts {
  matched: number
  delivered: number
  failed: number
}

export interface MappingView extends SubscriptionView {
  enabled: boolean
  counts: MappingCounts
  /** LiveLike's own source events this subscription would send back to LiveLike (stopped at delivery). */
  loops: string[]
}

/** The running server's subscriptions, and the file a save writes them to. */
export interface MappingsView {
  file: string
  subscriptions: MappingView[]
}

/** A subscription as the page edits it and sends it. */
export interface MappingDraft {
  name: string
  subscribe: string
  partnerAction: string
  mapping: Record<string, unknown>
  enabled?: boolean
}

/** A trigger checked by Segment's FQL parser, with the recent events it matches. */
export type TriggerCheck =
  | { ok: false; error: string }
  | {
      ok: true
      /** Of the `of` latest events in the history, how many the trigger matches. */
      matched: number
      of: number
      /** The latest of them, newest first. */
      events: EventSummary[]
      loops: string[]
    }

/** What actions-core makes of one event with a mapping: the payload its action would get, or its error. */
export type PreviewResult =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; error: { name: string; status?: number; messages: string[] } }

/** A test sent through one subscription: its outcome and the event as the history holds it. */
export interface MappingTestResult {
  outcomes: DeliveryOutcomeView[]
  detail?: EventDetail
}
