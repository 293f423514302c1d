// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The ID of the Engage audience. LiveLike keeps one user group per audience.
   */
  audience_id: string
  /**
   * The key of the Engage audience; LiveLike names the user group after it.
   */
  audience_name: string
  /**
   * Whether to add the user to the user group (true) or remove them from it (false). Leave it empty for an Engage audience: Engage says it in the event.
   */
  action?: boolean
  /**
   * When the user entered or left the audience. LiveLike receives it in ISO 8601, in UTC.
   */
  timestamp: string
  /**
   * Your Segment user ID for the user. At least one of User ID, LiveLike User Profile ID and Email is required.
   */
  user_id?: string
  /**
   * Traits sent to LiveLike with the user, such as their LiveLike User Profile ID and Email. They never replace the audience, action, timestamp or user ID.
   */
  additional_user_traits?: {
    /**
     * The user's LiveLike profile ID.
     */
    livelike_profile_id?: string
    /**
     * The user's email address.
     */
    email?: string
    [k: string]: unknown
  }
  /**
   * The event's traits, else its properties. Engage puts the audience membership there, as a boolean under the audience key.
   */
  traits_or_properties_hidden?: {
    [k: string]: unknown
  }
  /**
   * When enabled, Segment sends events to LiveLike in batches, several events per request.
   */
  enable_batching?: boolean
  /**
   * The largest number of events Segment sends to LiveLike in one request, from 1 to 500.
   */
  batch_size?: number
}
