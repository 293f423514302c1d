/** One event as LiveLike's segment-events endpoint receives it. */
export interface LiveLikeEvent {
  event_name: string
  event_type: string
  segment_user_id?: string
  livelike_profile_id?: string
  anonymous_id?: string
  custom_id?: string
  timestamp: string
  properties?: { [k: string]: unknown }
  message_id?: string
}
