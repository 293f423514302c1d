import { useEffect, useRef, useState } from 'preact/hooks'
import type { EventPage, EventSummary, Stage } from '../shared/types'
import { getJson, query } from './api'
import type { Changes } from './app'
import { DetailPanel } from './detail'
import { ALREADY_GRANTED, number, stageLabel, stageNames, time } from './format'

const ROW_HEIGHT = 30
/** Rows fetched beyond the visible ones, above and below, so that scrolling shows rows at once. */
const MARGIN = 20

interface Filter {
  stage: Stage | ''
  name: string
  user: string
  messageId: string
  source: string
}

const NO_FILTER: Filter = { stage: '', name: '', user: '', messageId: '', source: '' }

function Row({
  event,
  top,
  selected,
  onSelect
}: {
  event: EventSummary
  top: number
  selected: boolean
  onSelect: () => void
}) {
  return (
    <div
      class={selected ? 'row selected' : 'row'}
      style={{ top: `${top}px` }}
      onClick={onSelect}
      data-message-id={event.messageId}
      data-stage={event.stage}
    >
      <span class="time">{time(event.receivedAt)}</span>
      <span class={`badge stage-${event.stage}`} title={stageLabel(event.stage, event.reason)}>
        {stageLabel(event.stage, event.reason, true)}
      </span>
      <span class="type">{event.type}</span>
      <span class="name">{event.name ?? ''}</span>
      <span class="user">{event.user ?? ''}</span>
      <span class="source">{event.source}</span>
      <span class="attempts">
        {[event.alreadyGranted && ALREADY_GRANTED, event.attempts > 1 && `${event.attempts} attempts`]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </div>
  )
}

/**
 * The latest events with their fate, newest first. Only the rows in view are fetched and drawn. At the top the list
 * follows new events; scrolled down, it holds still and offers the newer ones.
 */
export function StreamPanel({ changes }: { changes: Changes }) {
  const [filter, setFilter] = useState<Filter>(NO_FILTER)
  const [page, setPage] = useState<EventPage>()
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)
  const [anchor, setAnchor] = useState<number>()
  const [selected, setSelected] = useState<string>()
  const list = useRef<HTMLDivElement>(null)

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - MARGIN)
  const count = Math.ceil(height / ROW_HEIGHT) + 2 * MARGIN

  useEffect(() => {
    const element = list.current as HTMLDivElement
    const observer = new ResizeObserver(() => setHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    let current = true
    const search = query({ ...filter, offset: first, limit: count, until: anchor })
    getJson<EventPage>(`/_console/api/events?${search}`).then((answer) => current && setPage(answer))
    return () => {
      current = false
    }
  }, [filter, first, count, anchor, changes.version])

  const onScroll = () => {
    const top = (list.current as HTMLDivElement).scrollTop
    setScrollTop(top)
    setAnchor(top === 0 ? undefined : (anchor ?? page?.newest))
  }
  const showNewest = () => {
    ;(list.current as HTMLDivElement).scrollTop = 0
    setScrollTop(0)
    setAnchor(undefined)
  }
  const field = (name: keyof Filter) => ({
    value: filter[name],
    onInput: (event: Event) => setFilter({ ...filter, [name]: (event.currentTarget as HTMLInputElement).value })
  })
  const newer = anchor !== undefined && page ? page.newest - anchor : 0

  return (
    <section class="stream">
      <div class="events">
        <form class="filters" onSubmit={(event) => event.preventDefault()}>
          <input type="search" placeholder="messageId" aria-label="messageId" {...field('messageId')} />
          <select aria-label="stage" {...field('stage')}>
            <option value="">every stage</option>
            {Object.entries(stageNames).map(([stage, label]) => (
              <option key={stage} value={stage}>
                {label}
              </option>
            ))}
          </select>
          <input placeholder="event name" aria-label="event name" {...field('name')} />
          <input placeholder="user" aria-label="user" {...field('user')} />
          <input placeholder="source write key" aria-label="source" {...field('source')} />
        </form>
        <p class="muted status">
          {page ? `${number(page.total)} ${page.total === 1 ? 'event' : 'events'}` : 'loading'}
          {page && page.newest > page.capacity && ` · the history keeps the latest ${number(page.capacity)}`}
          {newer > 0 && (
            <button class="link" onClick={showNewest}>
              {number(newer)} newer
            </button>
          )}
        </p>
        <div class="list" ref={list} onScroll={onScroll}>
          <div class="spacer" style={{ height: `${(page?.total ?? 0) * ROW_HEIGHT}px` }}>
            {page?.events.map((event, index) => (
              <Row
                key={event.seq}
                event={event}
                top={(page.offset + index) * ROW_HEIGHT}
                selected={event.messageId === selected}
                onSelect={() => setSelected(event.messageId)}
              />
            ))}
          </div>
        </div>
      </div>
      <div class="detail">
        {selected ? (
          <DetailPanel messageId={selected} changes={changes} />
        ) : (
          <p class="muted">
            Select an event to see what was sent, the request to LiveLike, its answer and every attempt.
          </p>
        )}
      </div>
    </section>
  )
}
