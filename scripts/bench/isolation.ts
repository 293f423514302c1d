import { performance } from 'perf_hooks'
import { Destination } from '@segment/actions-core'
import ours from '../../src/destinations/livelike-cloud'
import { BATCH_SIZE } from './catalog'
import { trackEvents } from './events'
import { subscribedToTrackPreset } from './senders'

export interface Isolation {
  seconds: number
  delivered: number
  rejectedAtPosition: boolean
}

/** Sends a batch whose event at `position` LiveLike rejects, and reports how the batch ended. */
export function isolationRunner(): (position: number) => Promise<Isolation> {
  const destination = new Destination(ours)
  const subscribed = subscribedToTrackPreset(ours, 'sendEvent')
  return async (position) => {
    const events = trackEvents(BATCH_SIZE, position)
    const started = performance.now()
    const [result] = await destination.onBatch(events, subscribed)
    const seconds = (performance.now() - started) / 1000
    destination.responses.splice(0)
    const statuses = (result.multistatus ?? []).map((item) => item.status)
    return {
      seconds,
      delivered: statuses.filter((status) => status >= 200 && status < 300).length,
      rejectedAtPosition: statuses[position] === 400
    }
  }
}
