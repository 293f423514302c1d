import destination from '../src/destinations/livelike-cloud'
import { applyExport, planExport } from './lib/export-plan'
import { gateReport, runGate } from './lib/gates'
import type { GateResult } from './lib/gates'
import { changedPaths, git } from './lib/git'
import { assertInstalled, GATES_READING_GIT, upstreamCiGates } from './lib/upstream-ci-gates'
import { ExportRefused, openUpstreamCheckout } from './lib/upstream-checkout'
import { EXPORTED_FOLDER, SOURCE_DIR } from './lib/upstream-toolchain'

const USAGE = 'usage: npm run check:upstream -- <installed, built checkout of segmentio/action-destinations>'
const TEMPORARY_COMMIT = 'check:upstream: the exported livelike-cloud folder, for the gates that read git status'

const outside = (file: string) => !file.startsWith(`${EXPORTED_FOLDER}/`)

/**
 * Exports the destination into a checkout of segmentio/action-destinations and runs upstream's seven CI gates there.
 * The two gates that compare regenerated files with git run on a temporary commit of the export, taken back right
 * after: HEAD and everything outside our folder end as they were.
 */
function main(args: string[]): number {
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error(USAGE)
    return 2
  }
  let checkout
  try {
    checkout = openUpstreamCheckout(args[0])
    assertInstalled(checkout, args[0])
    const dirty = changedPaths(checkout.root).filter(outside)
    if (dirty.length > 0) {
      throw new ExportRefused(
        `${args[0]} has changes outside ${EXPORTED_FOLDER} (${dirty[0]}): commit or stash them first`
      )
    }
  } catch (error) {
    if (error instanceof Error) {
      console.error(`check:upstream: ${error.message}`)
      return 2
    }
    throw error
  }
  const { root, destinationDir } = checkout
  const plan = planExport(SOURCE_DIR, destinationDir, destination)
  applyExport(plan, destinationDir)
  console.log(`exported into ${EXPORTED_FOLDER}: ${plan.written.length} written, ${plan.removed.length} removed`)

  const gates = upstreamCiGates(checkout)
  const results: GateResult[] = gates.filter((gate) => !GATES_READING_GIT.has(gate.name)).map(runGate)
  const head = git(root, ['rev-parse', 'HEAD']).trim()
  git(root, ['add', '--all', '--', EXPORTED_FOLDER])
  git(root, [
    '-c',
    'user.name=check-upstream',
    '-c',
    'user.email=check-upstream@localhost',
    'commit',
    '--quiet',
    '--no-verify',
    '--allow-empty',
    '-m',
    TEMPORARY_COMMIT
  ])
  try {
    results.push(...gates.filter((gate) => GATES_READING_GIT.has(gate.name)).map(runGate))
  } finally {
    git(root, ['reset', '--quiet', '--mixed', head])
  }

  const lines = gateReport(results, 'upstream gates')
  const changedOutside = changedPaths(root).filter(outside)
  console.log(
    [
      ...lines.slice(0, -1),
      changedOutside.length > 0
        ? `the gates changed files outside ${EXPORTED_FOLDER}: ${changedOutside.join(', ')}`
        : `nothing changed outside ${EXPORTED_FOLDER}`,
      `to undo the export: git -C ${args[0]} checkout -- ${EXPORTED_FOLDER} && git -C ${args[0]} clean -fd -- ${EXPORTED_FOLDER}`,
      lines[lines.length - 1]
    ].join('\n')
  )
  return results.every((result) => result.passed) && changedOutside.length === 0 ? 0 : 1
}

process.exitCode = main(process.argv.slice(2))
