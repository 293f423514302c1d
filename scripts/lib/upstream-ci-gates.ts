import { existsSync } from 'fs'
import path from 'path'
import { eslintCommand, eslintProblems } from './eslint-gate'
import type { Gate } from './gates'
import { ExportRefused } from './upstream-checkout'
import type { UpstreamCheckout } from './upstream-checkout'
import { EXPORTED_FOLDER } from './upstream-toolchain'

const PACKAGE_DIR = 'packages/destination-actions'
// What upstream's CI gives its lint step; the package-wide type check needs as much.
const LARGE_HEAP = { NODE_OPTIONS: '--max-old-space-size=4096' }

/** The jest that upstream's destination-actions package runs (its own 27, not the root's newer one). */
function packageJest(root: string): string | undefined {
  try {
    return require.resolve('jest/bin/jest', { paths: [path.join(root, PACKAGE_DIR)] })
  } catch {
    return undefined
  }
}

/** Refuses a checkout whose dependencies are not installed or whose packages are not built. */
export function assertInstalled(checkout: UpstreamCheckout, argument: string): void {
  const missing = [
    ...['tsc', 'prettier', 'eslint'].map((name) => `node_modules/.bin/${name}`),
    'bin/run',
    'packages/core/dist'
  ].filter((file) => !existsSync(path.join(checkout.root, file)))
  if (!packageJest(checkout.root)) {
    missing.push(`jest in ${PACKAGE_DIR}`)
  }
  if (missing.length > 0) {
    throw new ExportRefused(
      `${argument} is not an installed, built checkout (missing ${missing.join(', ')}): run yarn install and NODE_ENV=production yarn build there first`
    )
  }
}

/**
 * The seven checks upstream's CI runs on a pull request, scoped to our folder where upstream's own command takes a
 * path, with the checkout's binaries and the `node` on PATH (upstream wants Node 22).
 */
export function upstreamCiGates(checkout: UpstreamCheckout): Gate[] {
  const { root } = checkout
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
  return [
    {
      name: 'jest',
      detail: `yarn test ${path.posix.relative(PACKAGE_DIR, EXPORTED_FOLDER)} in ${PACKAGE_DIR}`,
      cwd: path.join(root, PACKAGE_DIR),
      command: ['node', packageJest(root) as string, '--ci', path.posix.relative(PACKAGE_DIR, EXPORTED_FOLDER)],
      failingFiles: /^FAIL (\S+)/,
      failsOn: /Jest did not exit one second after the test run has completed/
    },
    {
      name: 'tsc',
      detail: `tsc --noEmit -p ${PACKAGE_DIR}/tsconfig.json, tests included, errors in our folder`,
      cwd: root,
      // The package's tsconfig is composite with rootDir src, which its own test folder breaks (TS6059) before any
      // type is checked; these three flags let tsc check everything, tests included.
      command: [
        bin('tsc'),
        '--noEmit',
        '-p',
        `${PACKAGE_DIR}/tsconfig.json`,
        '--composite',
        'false',
        '--incremental',
        'false',
        '--rootDir',
        'packages'
      ],
      env: LARGE_HEAP,
      failingFiles: new RegExp(`^(${EXPORTED_FOLDER}/\\S+\\.ts)\\(\\d+,\\d+\\): error`),
      // Other destinations' test files carry type errors of their own upstream; a configuration error checks nothing.
      passes: ({ output, files }) => files.length === 0 && !/^error TS\d+/m.test(output)
    },
    {
      name: 'prettier',
      detail: `prettier --check ${EXPORTED_FOLDER}`,
      cwd: root,
      command: [bin('prettier'), '--check', EXPORTED_FOLDER],
      failingFiles: /^\[(?:warn|error)\] (\S+?)(?::|$)/
    },
    {
      name: 'eslint',
      detail: `eslint ${EXPORTED_FOLDER}/**/*.ts, the root .eslintrc.js, any warning fails`,
      cwd: root,
      command: eslintCommand([bin('eslint')], EXPORTED_FOLDER),
      env: LARGE_HEAP,
      ...eslintProblems
    },
    {
      name: 'validate',
      detail: './bin/run validate',
      cwd: root,
      command: [path.join(root, 'bin', 'run'), 'validate'],
      failingFiles: /(\S*livelike-cloud\S*)/
    },
    {
      name: 'types',
      detail: 'sh scripts/assert-types-updated.sh',
      cwd: root,
      command: ['sh', 'scripts/assert-types-updated.sh'],
      failingFiles: /^\s*\S+\s+(\S+generated-types\.ts)$/,
      // The script has no `set -e`: when `yarn types` cannot run (no yarn on PATH, or yarn refusing the Node version)
      // it exits 0 without having generated anything.
      failsOn: /yarn: not found|^error /m
    },
    {
      name: 'metadata',
      detail: 'sh scripts/assert-metadata-payload.sh',
      cwd: root,
      command: ['sh', 'scripts/assert-metadata-payload.sh'],
      failingFiles: /^(\S+metadata\.json)$/
    }
  ]
}

/** validate and the metadata generator read the built package: the export must be compiled first, as CI builds. */
export function rebuildStep(checkout: UpstreamCheckout): Gate {
  return {
    name: 'build',
    detail: `tsc -b tsconfig.build.json in ${PACKAGE_DIR}, as its yarn build, NODE_ENV=production`,
    cwd: path.join(checkout.root, PACKAGE_DIR),
    command: [path.join(checkout.root, 'node_modules', '.bin', 'tsc'), '-b', 'tsconfig.build.json'],
    env: { NODE_ENV: 'production' },
    failingFiles: /^(\S+\.ts)\(\d+,\d+\): error/
  }
}

/** The gates that read `git status`, and so need the export committed, as it is in a pull request. */
export const GATES_READING_GIT = new Set(['types', 'metadata'])
