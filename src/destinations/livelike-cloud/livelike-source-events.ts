/**
 * The track calls LiveLike itself sends into Segment when it is connected as a source (a write key pasted in the
 * LiveLike Producer Suite, Integrations > Segment). Taken from Segment's catalog page of the LiveLike source
 * (segmentio/segment-docs, src/connections/sources/catalog/cloud-apps/livelike-source/index.md) and LiveLike's own
 * Segment page (LiveLike/livelike-docs, docs/Platform/third-party-integrations/segment/index.md), which adds the
 * quest, A/B test and streak events.
 *
 * Sent back to LiveLike, a reward LiveLike reported would earn another reward, reported again, without end.
 */
export const LIVELIKE_SOURCE_EVENTS: readonly string[] = [
  'Reward Item Rewarded',
  'Quest Reward Awarded',
  'Badge Rewarded',
  'Quest Task Completed',
  'User Quest Task Progressed',
  'User Quest Completed',
  'Quest Published',
  'A/B Test Variant Assigned',
  'Streak Published',
  'Streak Progressed',
  'Streak Milestone Achieved',
  'Streak Reset'
]

/** FQL that holds for every track call except the events of LiveLike's source. */
export const TRACK_CALLS_NOT_FROM_LIVELIKE = [
  'type = "track"',
  ...LIVELIKE_SOURCE_EVENTS.map((name) => `event != ${JSON.stringify(name)}`)
].join(' and ')
