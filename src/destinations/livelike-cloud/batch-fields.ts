import type { InputField } from '@segment/actions-core'
import { DEFAULT_BATCH_SIZE } from './constants'

export const enableBatching: InputField = {
  label: 'Enable Batching',
  description: 'When enabled, Segment sends events to LiveLike in batches, several events per request.',
  type: 'boolean',
  default: true
}

export function batchSize(maximum: number): InputField {
  return {
    label: 'Batch Size',
    description: `The largest number of events Segment sends to LiveLike in one request, from 1 to ${maximum}.`,
    type: 'number',
    default: DEFAULT_BATCH_SIZE,
    minimum: 1,
    maximum
  }
}
