import { readFileSync, writeFileSync } from 'fs'
import path from 'path'
import destination from '../src/destinations/livelike-cloud'
import { renderTypes } from './lib/render-types'

const DESTINATION_DIR = path.join(__dirname, '..', 'src', 'destinations', 'livelike-cloud')

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

/** Writes every generated-types.ts; with --check, writes nothing and fails when a committed file is stale. */
async function main(checkOnly: boolean): Promise<void> {
  const files = await renderTypes(destination, DESTINATION_DIR)
  const stale = [...files].filter(([file, content]) => readOrEmpty(file) !== content)
  for (const [file, content] of stale) {
    const name = path.relative(process.cwd(), file)
    if (checkOnly) {
      console.error(`stale: ${name} (run npm run types)`)
    } else {
      writeFileSync(file, content)
      console.log(`wrote ${name}`)
    }
  }
  if (checkOnly && stale.length > 0) {
    process.exitCode = 1
  }
}

main(process.argv.includes('--check')).catch((error) => {
  console.error(error)
  process.exitCode = 1
})
