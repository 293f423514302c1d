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
  if (!checkOnly) {
    for (const [file, content] of files) {
      writeFileSync(file, content)
      console.log(`wrote ${path.relative(process.cwd(), file)}`)
    }
    return
  }
  const stale = [...files].filter(([file, content]) => readOrEmpty(file) !== content)
  for (const [file] of stale) {
    console.error(`stale: ${path.relative(process.cwd(), file)} (run npm run types)`)
  }
  if (stale.length > 0) {
    process.exitCode = 1
  }
}

main(process.argv.includes('--check')).catch((error) => {
  console.error(error)
  process.exitCode = 1
})
