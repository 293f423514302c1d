import { withMessageId } from './message-ids'
import type { MalformedItem, SourceEvent, SourceItem } from './read-events'

export interface ChunkHooks {
  onEvent(): void
  onMalformed(item: MalformedItem): void
}

/**
 * Groups the events of a stream into arrays of `size`, each event with a messageId; malformed items go to the hook
 * and into no chunk.
 */
export async function* chunksOf(
  items: AsyncIterable<SourceItem>,
  size: number,
  hooks: ChunkHooks
): AsyncGenerator<SourceEvent[]> {
  let chunk: SourceEvent[] = []
  for await (const item of items) {
    if (item.kind === 'malformed') {
      hooks.onMalformed({ position: item.position, message: item.message })
      continue
    }
    hooks.onEvent()
    chunk.push({ event: withMessageId(item.event), position: item.position })
    if (chunk.length === size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length > 0) {
    yield chunk
  }
}

/**
 * Runs `work` on the items of an async iterator with at most `concurrency` at once. Async generators queue
 * concurrent `next()` calls, so each item goes to exactly one worker, and nothing is read ahead of the workers.
 */
export async function forEachConcurrently<T>(
  source: AsyncIterator<T>,
  concurrency: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let failed = false
  const worker = async () => {
    while (!failed) {
      const next = await source.next()
      if (next.done) {
        return
      }
      try {
        await work(next.value)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}
