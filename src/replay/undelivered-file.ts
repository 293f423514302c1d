import { once } from 'events'
import { createWriteStream } from 'fs'
import type { WriteStream } from 'fs'
import type { SegmentEvent } from '@segment/actions-core'

/** Events a later run should try again, one JSON event a line; the file is created with its first event. */
export class UndeliveredFile {
  private output?: WriteStream
  private closed?: Promise<string | undefined>

  constructor(readonly path: string) {}

  async write(events: SegmentEvent[]): Promise<void> {
    if (events.length === 0) {
      return
    }
    this.output ??= createWriteStream(this.path)
    const text = events.map((event) => JSON.stringify(event) + '\n').join('')
    if (!this.output.write(text)) {
      await once(this.output, 'drain')
    }
  }

  /** Resolves with the path when something was written; closing again gives the same answer. */
  close(): Promise<string | undefined> {
    this.closed ??= this.finish()
    return this.closed
  }

  private async finish(): Promise<string | undefined> {
    if (!this.output) {
      return undefined
    }
    this.output.end()
    await once(this.output, 'finish')
    return this.path
  }
}
