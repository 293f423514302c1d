import { readFileSync, writeFileSync } from 'fs'
import path from 'path'
import destination from '../src/destinations/livelike-cloud'
import { renderMetadata } from './lib/metadata'

const METADATA_FILE = path.join(__dirname, '..', 'src', 'destinations', 'livelike-cloud', 'metadata.json')

function committed(): string {
  try {
    return readFileSync(METADATA_FILE, 'utf8')
  } catch {
    return ''
  }
}

/** Writes metadata.json; with --check, writes nothing and fails when the committed file is stale. */
function main(checkOnly: boolean): void {
  const metadata = renderMetadata(destination)
  const relative = path.relative(process.cwd(), METADATA_FILE)
  if (!checkOnly) {
    writeFileSync(METADATA_FILE, metadata)
    console.log(`wrote ${relative}`)
    return
  }
  if (committed() !== metadata) {
    console.error(`stale: ${relative} (run npm run metadata)`)
    process.exitCode = 1
  }
}

main(process.argv.includes('--check'))
