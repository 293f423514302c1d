// Generated file. DO NOT MODIFY IT BY HAND.

export interface Settings {
  /**
   * The Client ID of your LiveLike application. In the LiveLike Producer Suite, open Integrations > Segment and copy it from there.
   */
  clientId: string
  /**
   * The Producer Token that lets Segment send data to your LiveLike application. In the LiveLike Producer Suite, open Integrations > Segment, connect, and copy it from there.
   */
  producerToken: string
}
