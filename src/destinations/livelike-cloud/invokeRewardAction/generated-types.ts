// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * The LiveLike reward action to invoke, by its key, such as `purchase`. Pick one of your application's reward actions (LiveLike Producer Suite, Rewards > Actions); the reward tables of the program decide what it grants.
   */
  reward_action_key: string
  /**
   * The LiveLike program whose reward tables grant the rewards, by its ID. Pick one of your application's programs. Events of one batch always share one program.
   */
  program_id: string
  /**
   * The user's LiveLike profile ID (a UUID), sent by your app as the `livelike_profile_id` event property. LiveLike takes exactly one identity: when both this and Custom Profile ID have a value, only the LiveLike Profile ID is sent.
   */
  profile_id?: string
  /**
   * Your own ID for the user (at most 255 characters), the custom ID of their LiveLike profile. It is sent only when LiveLike Profile ID has no value: LiveLike takes exactly one identity, and the LiveLike Profile ID wins.
   */
  custom_profile_id?: string
  /**
   * LiveLike grants a reward action once per code for a profile, and answers a repeated code as already granted. By default the code is Segment's message ID, so that a retried event never grants twice. To grant once per business fact, map a key of your own, such as `properties.order_id` to grant once per order however often the event is sent. An event whose mapped code is empty is sent with its message ID instead.
   */
  code?: string
  /**
   * Key and value pairs (text) LiveLike keeps with the invocation, for example the product or the order total.
   */
  attributes?: {
    [k: string]: unknown
  }
  /**
   * A description LiveLike keeps with the invocation, for example `Order 1042 completed`.
   */
  description?: string
  /**
   * When enabled, Segment sends events to LiveLike in batches, several events per request.
   */
  enable_batching?: boolean
  /**
   * The largest number of events Segment sends to LiveLike in one request, from 1 to 100.
   */
  batch_size?: number
  /**
   * The fields whose values every event of one batch shares: LiveLike takes one program per batch.
   */
  batch_keys?: string[]
}
