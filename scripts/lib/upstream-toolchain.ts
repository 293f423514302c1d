import { cpSync, mkdirSync, mkdtempSync } from 'fs'
import path from 'path'
import destination from '../../src/destinations/livelike-cloud'
import { eslintCommand, eslintProblems } from './eslint-gate'
import { applyExport, planExport } from './export-plan'
import type { Gate } from './gates'
import { DESTINATION_FOLDER, UPSTREAM_DESTINATIONS_DIR } from './upstream-checkout'

export const ROOT = path.join(__dirname, '..', '..')
export const SOURCE_DIR = path.join(ROOT, 'src', 'destinations', DESTINATION_FOLDER)
export const TOOLCHAIN_DIR = path.join(ROOT, 'upstream-toolchain')
const RUNS_DIR = path.join(TOOLCHAIN_DIR, 'runs')
export const EXPORTED_FOLDER = `${UPSTREAM_DESTINATIONS_DIR}/${DESTINATION_FOLDER}`
const PACKAGE_DIR = 'packages/destination-actions'

/**
 * A fresh upstream-shaped tree holding our exported destination, under the toolchain package so that Node resolves
 * upstream's versions (nock, chance, jest's types) before ours. Each run gets its own folder: two runs at once never
 * meet.
 */
export function exportIntoTemporaryTree(): string {
  mkdirSync(RUNS_DIR, { recursive: true })
  const tree = mkdtempSync(path.join(RUNS_DIR, 'run-'))
  cpSync(path.join(TOOLCHAIN_DIR, 'template'), tree, { recursive: true })
  const target = path.join(tree, EXPORTED_FOLDER)
  applyExport(planExport(SOURCE_DIR, target, destination), target)
  return tree
}

const bin = (...parts: string[]) => path.join(TOOLCHAIN_DIR, 'node_modules', ...parts)

/** The four gates that run here with upstream's versions: its jest, its type check, its prettier and its eslint. */
export function toolchainGates(tree: string, jestResults: string, testPath = EXPORTED_FOLDER): Gate[] {
  const packageDir = path.join(tree, PACKAGE_DIR)
  return [
    {
      name: 'jest',
      detail: 'jest 27.5.1, ts-jest 27.1.5, nock 13.1.4, chance 1.1.8, upstream jest config',
      cwd: packageDir,
      command: [
        process.execPath,
        bin('jest', 'bin', 'jest.js'),
        '--ci',
        '--json',
        `--outputFile=${jestResults}`,
        path.posix.relative(PACKAGE_DIR, testPath)
      ],
      failingFiles: /^FAIL (\S+)/,
      // Upstream's CI waits on a jest that does not exit: a timer or socket left open is a failure.
      failsOn: /Jest did not exit one second after the test run has completed/
    },
    {
      name: 'tsc',
      detail: 'typescript 5.5.4, @types/jest 27.0.2, upstream compiler options, tests included',
      cwd: packageDir,
      command: [process.execPath, bin('typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'],
      failingFiles: /^(\S+\.ts)\(\d+,\d+\): error/
    },
    {
      name: 'prettier',
      detail: 'prettier 2.4.1 --check, upstream config',
      cwd: tree,
      command: [process.execPath, bin('prettier', 'bin-prettier.js'), '--check', EXPORTED_FOLDER],
      failingFiles: /^\[(?:warn|error)\] (\S+?)(?::|$)/
    },
    {
      name: 'eslint',
      detail: 'eslint 7.32.0, @typescript-eslint 5.62.0, upstream .eslintrc.js, any warning fails',
      cwd: tree,
      command: eslintCommand([process.execPath, bin('eslint', 'bin', 'eslint.js')], EXPORTED_FOLDER),
      ...eslintProblems
    }
  ]
}
