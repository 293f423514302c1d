import type { MappingCounts } from './mappings'
import type { StageCounts } from './types'

/** A subscription's counts in the Mappings view, from its stage counts: matched is every pair that reached it. */
export function mappingCounts(counts: StageCounts | undefined): MappingCounts {
  if (!counts) {
    return { matched: 0, delivered: 0, failed: 0 }
  }
  const failed = counts.failed.validation + counts.failed.refused + counts.failed.retriesExhausted
  return {
    matched: counts.delivered + counts.pendingRetry + failed + counts.filtered.loop,
    delivered: counts.delivered,
    failed
  }
}
