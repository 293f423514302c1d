export const PRODUCTION_API_BASE_URL = 'https://cf-blast.livelikecdn.com/api/v1'

/**
 * Operators (local runs, staging) may point the destination at another LiveLike host through the environment.
 * It is deliberately not a setting: a customer-controlled host would let anyone aim Segment's servers anywhere.
 */
export const API_BASE_URL_ENV = 'LIVELIKE_API_BASE_URL'

/** How long one call to LiveLike may take before it ends as a retryable timeout. */
export const REQUEST_TIMEOUT_MS = 10_000

/** LiveLike stores a custom ID (the customer's own user ID) in at most this many characters. */
export const CUSTOM_ID_MAX_LENGTH = 255

export const DEFAULT_BATCH_SIZE = 100
