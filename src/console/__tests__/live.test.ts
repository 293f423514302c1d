import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import type { SegmentEvent } from '../../runtime'
import { DeliveryHistory } from '../history'
import { LiveFeed } from '../live'
import type { LiveMessage } from '../shared/types'

/** Just what the feed uses of a response: headers, frames written, and its close. */
class FakeResponse extends EventEmitter {
  frames: LiveMessage[] = []
  writeHead() {
    return this
  }
  write(frame: string) {
    this.frames.push(JSON.parse(frame.replace(/^data: /, '')) as LiveMessage)
    return true
  }
  end() {
    this.emit('close')
  }
}

const event = (n: number): SegmentEvent => ({ type: 'track', event: 'Played', userId: 'u', messageId: `m-${n}` })

beforeEach(() => {
  jest.useFakeTimers()
})

afterEach(() => {
  jest.useRealTimers()
})

describe('LiveFeed', () => {
  it('holds no timer and leaves the history silent while no page listens', () => {
    const history = new DeliveryHistory({ capacity: 100 })
    const feed = new LiveFeed(history, { intervalMs: 250, heartbeatMs: 2000, maxEvents: 2 })
    expect(history.onChange).toBeUndefined()
    const page = new FakeResponse()
    feed.attach(page as unknown as ServerResponse)
    expect(history.onChange).toBeDefined()
    page.emit('close')
    expect(history.onChange).toBeUndefined()
    expect(jest.getTimerCount()).toBe(0)
  })

  it('sends the counts at once, then changed events batched at most once an interval, or a gap when too many', () => {
    const history = new DeliveryHistory({ capacity: 100 })
    const feed = new LiveFeed(history, { intervalMs: 250, heartbeatMs: 2000, maxEvents: 2 })
    const page = new FakeResponse()
    feed.attach(page as unknown as ServerResponse)
    expect(page.frames.map((frame) => frame.kind)).toEqual(['overview'])

    history.observer.delivering?.([event(1)])
    history.observer.delivering?.([event(2)])
    expect(page.frames).toHaveLength(1)
    jest.advanceTimersByTime(250)
    expect(page.frames.slice(1).map((frame) => frame.kind)).toEqual(['events', 'overview'])
    const [, changed] = page.frames
    expect(changed.kind === 'events' && changed.events.map((summary) => summary.messageId)).toEqual(['m-2', 'm-1'])

    history.observer.delivering?.([event(3), event(4), event(5)])
    jest.advanceTimersByTime(250)
    expect(page.frames.slice(3).map((frame) => frame.kind)).toEqual(['gap', 'overview'])
    feed.close()
    expect(history.onChange).toBeUndefined()
  })
})
