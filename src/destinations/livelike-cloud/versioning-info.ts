/** LIVELIKE_API_VERSION
 * Version of LiveLike's REST API in every call this destination makes (validate-app, segment-events,
 * segment-audience-sync, invoked-actions, batch-invoked-actions, reward-actions, programs).
 * API reference: https://docs.livelike.com
 */
export const LIVELIKE_API_VERSION = 'v1'
