import { unlinkSync } from 'fs'
import path from 'path'
import destination from '../src/destinations/livelike-cloud'
import { applyExport, planExport } from './lib/export-plan'
import { gateLines, gateSummary, runGate } from './lib/gates'
import type { Gate, GateResult } from './lib/gates'
import { changedPaths, git } from './lib/git'
import { assertInstalled, GATES_READING_GIT, rebuildStep, upstreamCiGates } from './lib/upstream-ci-gates'
import { openUpstreamCheckout } from './lib/upstream-checkout'
import type { UpstreamCheckout } from './lib/upstream-checkout'
import { EXPORTED_FOLDER, SOURCE_DIR } from './lib/upstream-toolchain'

const USAGE = 'usage: npm run check:upstream -- <installed, built checkout of segmentio/action-destinations>'
const TEMPORARY_COMMIT = 'check:upstream: the exported livelike-cloud folder, for the gates that read git status'

const outside = (file: string) => !file.startsWith(`${EXPORTED_FOLDER}/`)

/** A run stopped between its temporary commit and taking it back leaves that commit as HEAD: take it back now. */
function takeBackInterruptedRun(root: string): void {
  if (git(root, ['log', '-1', '--format=%s']).trim() === TEMPORARY_COMMIT) {
    git(root, ['reset', '--quiet', '--mixed', 'HEAD~1'])
    console.log('took back the temporary commit an interrupted run left as HEAD')
  }
}

function openCleanCheckout(argument: string): UpstreamCheckout {
  const checkout = openUpstreamCheckout(argument)
  assertInstalled(checkout, argument)
  takeBackInterruptedRun(checkout.root)
  const dirty = changedPaths(checkout.root).filter(outside)
  if (dirty.length > 0) {
    throw new Error(`${argument} has changes outside ${EXPORTED_FOLDER} (${dirty[0]}): commit or stash them first`)
  }
  return checkout
}

/** Runs gates with the export committed on top of HEAD, then puts HEAD back, leaving the export in the work tree. */
function runOnTemporaryCommit(root: string, gates: Gate[]): GateResult[] {
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
    return gates.map(runGate)
  } finally {
    git(root, ['reset', '--quiet', '--mixed', head])
  }
}

/** Undoes what upstream's own scripts changed outside our folder (the checkout was clean before the run). */
function restoreOutside(root: string): string[] {
  const changed = changedPaths(root).filter(outside)
  const tracked = new Set(
    git(root, ['ls-files', '--', ...changed])
      .split('\n')
      .filter(Boolean)
  )
  if (tracked.size > 0) {
    git(root, ['checkout', '--', ...tracked])
  }
  for (const file of changed.filter((candidate) => !tracked.has(candidate))) {
    unlinkSync(path.join(root, file))
  }
  return changed
}

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
  let checkout: UpstreamCheckout
  try {
    checkout = openCleanCheckout(args[0])
  } catch (error) {
    console.error(`check:upstream: ${(error as Error).message}`)
    return 2
  }
  const { root, destinationDir } = checkout
  const plan = planExport(SOURCE_DIR, destinationDir, destination)
  applyExport(plan, destinationDir)
  console.log(`exported into ${EXPORTED_FOLDER}: ${plan.written.length} written, ${plan.removed.length} removed`)

  const gates = upstreamCiGates(checkout)
  const beforeBuild = gates.filter((gate) => !GATES_READING_GIT.has(gate.name) && gate.name !== 'validate').map(runGate)
  const build = runGate(rebuildStep(checkout))
  const afterBuild = [
    ...gates.filter((gate) => gate.name === 'validate').map(runGate),
    ...runOnTemporaryCommit(
      root,
      gates.filter((gate) => GATES_READING_GIT.has(gate.name))
    )
  ]
  const restored = restoreOutside(root)

  const results = [...beforeBuild, ...afterBuild]
  console.log(
    [
      ...gateLines([...beforeBuild, build, ...afterBuild]),
      restored.length > 0
        ? `restored what upstream's own scripts changed outside ${EXPORTED_FOLDER}: ${restored.join(', ')}`
        : `nothing changed outside ${EXPORTED_FOLDER}`,
      `to undo the export: git -C ${args[0]} checkout -- ${EXPORTED_FOLDER} && git -C ${args[0]} clean -fd -- ${EXPORTED_FOLDER}`,
      gateSummary(results, 'upstream gates')
    ].join('\n')
  )
  return results.every((result) => result.passed) && build.passed ? 0 : 1
}

process.exitCode = main(process.argv.slice(2))
