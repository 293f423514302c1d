import { constants } from 'fs'
import { access, stat } from 'fs/promises'
import { basename, dirname, extname } from 'path'
import { loadSubscriptions, presetSubscriptions } from '../runtime'
import type { Subscription } from '../runtime'
import type { ReplayOptions } from './options'
import { formatOf } from './read-events'
import { UsageError } from './usage-error'

/** Checks the events file before anything starts; resolves with its size in bytes. */
export async function checkEventsFile(file: string): Promise<number> {
  if (!formatOf(file)) {
    throw new UsageError(`${file}: expected a .jsonl file (one JSON event a line) or a .json file (a JSON array).`)
  }
  try {
    const info = await stat(file)
    if (!info.isFile()) {
      throw new UsageError(`${file} is not a file: give the path of a .jsonl or .json file of Segment events.`)
    }
    await access(file, constants.R_OK)
    return info.size
  } catch (error) {
    if (error instanceof UsageError) {
      throw error
    }
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code
    throw new UsageError(`${file}: cannot read the events file (${reason}).`)
  }
}

/** A file the replay writes (the report, the undelivered events) must go to a folder that exists. */
export async function checkWritable(file: string, option: string): Promise<void> {
  const folder = dirname(file)
  try {
    await access(folder, constants.W_OK)
  } catch {
    throw new UsageError(`${option} ${file}: the folder ${folder} does not exist or is not writable.`)
  }
}

export function undeliveredPath(options: ReplayOptions): string {
  return options.undelivered ?? `${basename(options.file, extname(options.file))}.undelivered.jsonl`
}

/** The subscriptions to run (a file's, else the presets), with `--batch-size` applied to each. */
export async function chooseSubscriptions(options: ReplayOptions): Promise<Subscription[]> {
  let subscriptions: Subscription[]
  try {
    subscriptions = options.subscriptions ? await loadSubscriptions(options.subscriptions) : presetSubscriptions()
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { batchSize } = options
  return batchSize === undefined
    ? subscriptions
    : subscriptions.map((subscription) => ({
        ...subscription,
        mapping: { ...subscription.mapping, batch_size: batchSize }
      }))
}
