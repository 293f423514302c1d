import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** The folder, in the working directory, where the console saves subscriptions when no file was given at start. */
export const SAVED_SUBSCRIPTIONS_DIR = '.livelike'

function stampOf(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
}

/**
 * Where the console saves the subscriptions of a server started without `--subscriptions`: a file of this start's
 * own under `.livelike/` in the working directory, named by the start's time and process ID (for example
 * `.livelike/subscriptions-20261206-023331-4242.json`), so that a save never overwrites the file of an earlier run
 * nor that of a server started beside it. Nothing is written until the console saves.
 */
export function defaultSubscriptionsFile(cwd = process.cwd(), now = new Date(), pid = process.pid): string {
  const base = join(resolve(cwd), SAVED_SUBSCRIPTIONS_DIR, `subscriptions-${stampOf(now)}-${pid}`)
  let file = `${base}.json`
  for (let copy = 2; existsSync(file); copy++) {
    file = `${base}-${copy}.json`
  }
  return file
}
