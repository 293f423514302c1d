import { chmodSync, mkdirSync, writeFileSync } from 'fs'
import path from 'path'

/** Writes a file into a test tree, making its folders; `executable` makes it runnable. */
export function writeInto(root: string, file: string, content: string, executable = false): void {
  const full = path.join(root, file)
  mkdirSync(path.dirname(full), { recursive: true })
  writeFileSync(full, content)
  if (executable) {
    chmodSync(full, 0o755)
  }
}

/** The files by which our scripts recognise a checkout of segmentio/action-destinations with LiveLike registered. */
export function writeUpstreamMarkers(root: string): void {
  writeInto(root, 'package.json', JSON.stringify({ name: 'action-destinations', private: true }))
  writeInto(root, 'packages/core/package.json', JSON.stringify({ name: '@segment/actions-core' }))
  writeInto(root, 'packages/destination-actions/package.json', JSON.stringify({ name: '@segment/action-destinations' }))
  writeInto(
    root,
    'packages/destination-actions/src/destinations/index.ts',
    "register('63e42b47479274407b671071', './livelike-cloud')\n"
  )
}
