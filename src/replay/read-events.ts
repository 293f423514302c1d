import { createReadStream } from 'fs'
import type { ReadStream } from 'fs'
import { extname } from 'path'
import { createInterface } from 'readline'
import type { SegmentEvent } from '@segment/actions-core'
import StreamArray from 'stream-json/streamers/StreamArray'

/** Where an item sits in its file: a line of a .jsonl file, an element (from 1) of a .json array. */
export type PositionUnit = 'line' | 'item'

export interface SourceEvent {
  event: SegmentEvent
  position: number
}

export interface MalformedItem {
  position: number
  message: string
}

export type SourceItem = ({ kind: 'event' } & SourceEvent) | ({ kind: 'malformed' } & MalformedItem)

export interface EventSource {
  unit: PositionUnit
  items: AsyncIterable<SourceItem>
  /** Bytes of the file read so far, for progress. */
  bytesRead(): number
}

const FORMATS: Record<string, PositionUnit> = { '.jsonl': 'line', '.ndjson': 'line', '.json': 'item' }

export function formatOf(file: string): PositionUnit | undefined {
  return FORMATS[extname(file).toLowerCase()]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function toItem(value: unknown, position: number): SourceItem {
  if (!isObject(value)) {
    return { kind: 'malformed', position, message: 'not a JSON object' }
  }
  return { kind: 'event', event: value as unknown as SegmentEvent, position }
}

async function* jsonLines(input: ReadStream): AsyncGenerator<SourceItem> {
  let lineNumber = 0
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++
    if (line.trim() === '') {
      continue
    }
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      yield { kind: 'malformed', position: lineNumber, message: (error as Error).message }
      continue
    }
    yield toItem(value, lineNumber)
  }
}

/** A JSON array, element by element. Past a syntax error nothing can be read, so that error ends the file. */
async function* jsonArray(input: ReadStream): AsyncGenerator<SourceItem> {
  let position = 0
  try {
    for await (const { value } of input.pipe(StreamArray.withParser()) as AsyncIterable<{ value: unknown }>) {
      position++
      yield toItem(value, position)
    }
  } catch (error) {
    yield {
      kind: 'malformed',
      position: position + 1,
      message: `${(error as Error).message} (nothing after it is read)`
    }
  } finally {
    input.destroy()
  }
}

/** Streams the events of a file: memory holds only what the consumer has not taken yet. */
export function openEventSource(file: string): EventSource {
  const unit = formatOf(file) ?? 'line'
  const input = createReadStream(file, unit === 'line' ? { encoding: 'utf8' } : {})
  return {
    unit,
    items: unit === 'line' ? jsonLines(input) : jsonArray(input),
    bytesRead: () => input.bytesRead
  }
}
