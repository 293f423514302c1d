import { Analytics } from '@segment/analytics-node'

/**
 * Six track calls in one /v1/batch from analytics-node to the server at `url`; the one at `refused` has only an
 * anonymousId, so no LiveLike identity. Resolves to their messageIds, `prefix-0` to `prefix-5`.
 */
export async function batchWithOneRefused(url: string, prefix: string, refused: number): Promise<string[]> {
  const analytics = new Analytics({ writeKey: 'web-app', host: url, flushAt: 6 })
  const messageIds = [0, 1, 2, 3, 4, 5].map((n) => `${prefix}-${n}`)
  messageIds.forEach((messageId, index) =>
    analytics.track({
      ...(index === refused ? { anonymousId: `anonymous-${index}` } : { userId: `user-${index}` }),
      event: 'Video Watched',
      messageId,
      properties: { video_id: 'intro' }
    })
  )
  await analytics.closeAndFlush()
  return messageIds
}
