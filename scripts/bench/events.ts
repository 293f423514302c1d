import { createTestEvent } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import { POISONED_MESSAGE_ID } from './stand-in'

/** Track events as a LiveLike customer's app sends them: a profile ID and a few properties. */
export function trackEvents(count: number, poisonedAt = -1): SegmentEvent[] {
  return Array.from({ length: count }, (_, i) =>
    createTestEvent({
      type: 'track',
      event: 'Video Watched',
      messageId: i === poisonedAt ? POISONED_MESSAGE_ID : `bench-${i}`,
      userId: `user-${i % 101}`,
      properties: { livelike_profile_id: `profile-${i % 97}`, score: i, tags: ['bench', 'segment'] }
    })
  )
}

export function inGroupsOf<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))
}
