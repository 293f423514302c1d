// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The name LiveLike shows for this event under Rewards > Actions, where you attach rewards to it, for example `Video Watched`.
   */
  event_name: string
  /**
   * The kind of Segment call: `track`, `page` or `screen`.
   */
  event_type: string
  /**
   * Your Segment user ID for the user. At least one of User ID, LiveLike User Profile ID and Custom ID is required.
   */
  segment_user_id?: string
  /**
   * The user's LiveLike profile ID, sent by your app as the `livelike_profile_id` event property. At least one of User ID, LiveLike User Profile ID and Custom ID is required.
   */
  livelike_profile_id?: string
  /**
   * Your own ID for the user (at most 255 characters), the one your LiveLike client-generated access tokens are tied to, sent as the `custom_id` event property. At least one of User ID, LiveLike User Profile ID and Custom ID is required.
   */
  custom_id?: string
  /**
   * The anonymous ID Segment gave the device or browser.
   */
  anonymous_id?: string
  /**
   * When the event happened: an ISO 8601 date-time such as `2024-03-07T12:00:00Z`, or epoch milliseconds. LiveLike receives it in ISO 8601, in UTC.
   */
  timestamp: string
  /**
   * The properties of the event, sent to LiveLike as they are.
   */
  properties?: {
    [k: string]: unknown
  }
  /**
   * Segment's unique ID for the event. LiveLike uses it to recognise a resent event and grant its reward once.
   */
  message_id?: string
  /**
   * When enabled, Segment sends events to LiveLike in batches, several events per request.
   */
  enable_batching?: boolean
  /**
   * The largest number of events Segment sends to LiveLike in one request, from 1 to 1000.
   */
  batch_size?: number
}
