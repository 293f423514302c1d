import { writeFileSync } from 'fs'
import path from 'path'
import destination from '../src/destinations/livelike-cloud'
import { renderTypes } from './lib/render-types'

const DESTINATION_DIR = path.join(__dirname, '..', 'src', 'destinations', 'livelike-cloud')

async function main(): Promise<void> {
  const files = await renderTypes(destination, DESTINATION_DIR)
  for (const [file, content] of files) {
    writeFileSync(file, content)
    console.log(`wrote ${path.relative(process.cwd(), file)}`)
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
