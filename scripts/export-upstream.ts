import path from 'path'
import destination from '../src/destinations/livelike-cloud'
import { applyExport, planExport } from './lib/export-plan'
import { exportReport } from './lib/export-report'
import { ExportRefused, openUpstreamCheckout } from './lib/upstream-checkout'

const SOURCE_DIR = path.join(__dirname, '..', 'src', 'destinations', 'livelike-cloud')
const USAGE = 'usage: npm run export:upstream -- [--dry-run] <checkout of segmentio/action-destinations>'

function main(args: string[]): number {
  const dryRun = args.includes('--dry-run')
  const positional = args.filter((arg) => arg !== '--dry-run')
  if (positional.length !== 1 || positional[0].startsWith('-')) {
    console.error(USAGE)
    return 2
  }
  try {
    const checkout = openUpstreamCheckout(positional[0])
    const plan = planExport(SOURCE_DIR, checkout.destinationDir, destination)
    if (!dryRun) {
      applyExport(plan, checkout.destinationDir)
    }
    console.log(exportReport(plan, checkout, dryRun).join('\n'))
    return 0
  } catch (error) {
    if (error instanceof ExportRefused) {
      console.error(`export:upstream: ${error.message}`)
      return 2
    }
    throw error
  }
}

process.exitCode = main(process.argv.slice(2))
