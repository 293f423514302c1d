import { existsSync, lstatSync, readFileSync, readdirSync } from 'fs'
import path from 'path'

/** Where our destination lives in segmentio/action-destinations, from the checkout's root. */
export const UPSTREAM_DESTINATIONS_DIR = 'packages/destination-actions/src/destinations'
export const UPSTREAM_TEST_DATA = 'packages/destination-actions/src/lib/test-data'
export const DESTINATION_FOLDER = 'livelike-cloud'
/** The id Segment registered for the LiveLike destination; an export must not register a new one. */
export const REGISTERED_DESTINATION_ID = '63e42b47479274407b671071'

/** An export refused before anything is written: the message is one line that says what to fix. */
export class ExportRefused extends Error {
  name = 'ExportRefused'
}

// The package names that mark a checkout of segmentio/action-destinations.
const MARKERS: [string, string][] = [
  ['package.json', 'action-destinations'],
  ['packages/destination-actions/package.json', '@segment/action-destinations'],
  ['packages/core/package.json', '@segment/actions-core']
]

function packageName(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name
  } catch {
    return undefined
  }
}

/** Refuses any symlink on the way from the checkout root to the destination folder, and inside the folder. */
function assertNoSymlinks(root: string, destinationDir: string): void {
  const relative = path.relative(root, destinationDir).split(path.sep)
  const ancestors = relative.map((_part, index) => path.join(root, ...relative.slice(0, index + 1)))
  const inside = existsSync(destinationDir) ? walk(destinationDir) : []
  for (const candidate of [...ancestors, ...inside]) {
    if (existsSync(candidate) && lstatSync(candidate).isSymbolicLink()) {
      throw new ExportRefused(`refusing to export through the symbolic link ${path.relative(root, candidate)}`)
    }
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() && !entry.isSymbolicLink() ? [full, ...walk(full)] : [full]
  })
}

export interface UpstreamCheckout {
  root: string
  destinationDir: string
  /** Whether upstream's registry already maps the LiveLike id to our folder. */
  registered: boolean
}

/** Checks that `root` is a checkout of segmentio/action-destinations and locates our destination folder in it. */
export function openUpstreamCheckout(rootArgument: string): UpstreamCheckout {
  const root = path.resolve(rootArgument)
  for (const [file, name] of MARKERS) {
    if (packageName(path.join(root, file)) !== name) {
      throw new ExportRefused(
        `${rootArgument} is not a checkout of segmentio/action-destinations: ${file} does not name the package ${name}`
      )
    }
  }
  const destinationsDir = path.join(root, UPSTREAM_DESTINATIONS_DIR)
  const registry = path.join(destinationsDir, 'index.ts')
  if (!existsSync(registry)) {
    throw new ExportRefused(
      `${rootArgument} is not a checkout of segmentio/action-destinations: no ${UPSTREAM_DESTINATIONS_DIR}/index.ts`
    )
  }
  const destinationDir = path.join(destinationsDir, DESTINATION_FOLDER)
  assertNoSymlinks(root, destinationDir)
  const registration = new RegExp(
    `register\\(\\s*'${REGISTERED_DESTINATION_ID}'\\s*,\\s*'\\./${DESTINATION_FOLDER}'\\s*\\)`
  )
  return { root, destinationDir, registered: registration.test(readFileSync(registry, 'utf8')) }
}

/** Every file under a folder, as paths relative to it with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return []
  }
  return walk(dir)
    .filter((file) => !lstatSync(file).isDirectory())
    .map((file) => path.relative(dir, file).split(path.sep).join('/'))
    .sort()
}
