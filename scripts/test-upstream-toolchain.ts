import { existsSync, readFileSync, rmSync } from 'fs'
import path from 'path'
import { gateReport, runGate } from './lib/gates'
import { readPullRequestText, staleFigures } from './lib/pull-request-figures'
import { exportIntoTemporaryTree, TOOLCHAIN_DIR, toolchainGates } from './lib/upstream-toolchain'

/**
 * The exported destination under upstream's own jest, type check, prettier and eslint (their exact versions), so that a
 * change that would turn the pull request's CI red, or show a lint warning on it, fails here first. `--keep` leaves the
 * tree for a look.
 */
function main(args: string[]): number {
  if (!['jest', 'eslint'].every((tool) => existsSync(path.join(TOOLCHAIN_DIR, 'node_modules', tool)))) {
    console.error('test:upstream: the upstream toolchain is not installed: run npm ci (its postinstall installs it)')
    return 2
  }
  const tree = exportIntoTemporaryTree()
  try {
    const jestResults = path.join(tree, 'jest-results.json')
    const results = toolchainGates(tree, jestResults).map(runGate)
    const lines = gateReport(results, 'upstream toolchain gates')
    let failed = results.some((result) => !result.passed)
    if (existsSync(jestResults)) {
      const summary = JSON.parse(readFileSync(jestResults, 'utf8')) as {
        numTotalTestSuites: number
        numTotalTests: number
      }
      const actual = { files: summary.numTotalTestSuites, tests: summary.numTotalTests }
      const stale = staleFigures(readPullRequestText(), actual)
      lines.push(
        stale
          ? `FAIL  ${stale}`
          : `pass  docs/pull-request.md states ${actual.files} test files and ${actual.tests} tests`
      )
      failed ||= stale !== undefined
    }
    console.log(lines.join('\n'))
    return failed ? 1 : 0
  } finally {
    if (args.includes('--keep')) {
      console.log(`kept ${path.relative(process.cwd(), tree)}`)
    } else {
      rmSync(tree, { recursive: true, force: true })
    }
  }
}

process.exitCode = main(process.argv.slice(2))
