/** The Event tester's samples: what Segment's libraries and Engage send, with the identity LiveLike needs. */
export const SAMPLES: Record<string, Record<string, unknown>> = {
  track: {
    type: 'track',
    event: 'Video Watched',
    userId: 'user-42',
    properties: { video_id: 'intro', livelike_profile_id: 'profile-42' },
    context: { library: { name: 'analytics-node', version: '3.1.0' } }
  },
  page: {
    type: 'page',
    name: 'Home',
    userId: 'user-42',
    properties: { path: '/', title: 'Home', url: 'https://example.com/' }
  },
  screen: {
    type: 'screen',
    name: 'Lobby',
    userId: 'user-42',
    properties: { livelike_profile_id: 'profile-42' }
  },
  'Engage audience identify': {
    type: 'identify',
    userId: 'user-42',
    traits: { super_fans: true, email: 'fan@example.com' },
    context: {
      personas: {
        computation_class: 'audience',
        computation_id: 'aud_2Ws8KqYb3NnVf1tXeJ0mQpLr',
        computation_key: 'super_fans',
        namespace: 'spa_9Lz2hQx1',
        space_id: 'spa_9Lz2hQx1'
      }
    }
  },
  'without identity': {
    type: 'track',
    event: 'Video Watched',
    properties: { video_id: 'intro' }
  }
}
