import { mkdir, rename, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Subscription } from '../../runtime'

/**
 * Writes the subscriptions in the `--subscriptions` format, by renaming a complete file into place: a reader (or a
 * server started meanwhile) sees the old list or the new one, never half of one.
 */
export async function writeSubscriptionsFile(file: string, subscriptions: Subscription[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`)
  await writeFile(temporary, `${JSON.stringify(subscriptions, null, 2)}\n`)
  await rename(temporary, file)
}
