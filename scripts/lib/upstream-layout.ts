import { builtinModules } from 'module'
import path from 'path'
import { DESTINATION_FOLDER, UPSTREAM_DESTINATIONS_DIR, UPSTREAM_TEST_DATA } from './upstream-checkout'

/**
 * What differs between our destination folder and the same folder in segmentio/action-destinations, as pure
 * functions over paths (relative to the destination folder, with forward slashes) and file contents.
 */

const posix = path.posix

/** Our copy of upstream's snapshot-test data generator, which upstream imports by a relative path. */
const TEST_DATA_PACKAGE = '@segment/action-destinations/dist/lib/test-data'

/** Packages upstream's destination tests can import (its jest maps Segment's own packages to their sources). */
const UPSTREAM_PACKAGES = [
  '@segment/actions-core',
  '@segment/destination-subscriptions',
  '@segment/ajv-human-errors',
  'nock'
]

const NOT_UPSTREAM: [RegExp, string][] = [
  [
    /^@segment\/action-destinations\/dist\/destinations\//,
    'compares ours with the published destination, which this export replaces upstream'
  ]
]

// `join(__dirname, '..', 'x')` or `resolve(__dirname, '../x')`: a file read relative to the test's own folder.
const READ_BESIDE = /\b(?:join|resolve)\(\s*__dirname((?:\s*,\s*'[^'\n]*')+)\s*\)/g

const IMPORT =
  /(\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|\bjest\.(?:mock|requireActual)\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\2/gm

export const isTest = (file: string) => file.endsWith('.test.ts')
const isCode = (file: string) => file.endsWith('.ts')
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier)

/**
 * Where a file of ours goes upstream. Upstream's jest runs every TypeScript file under `__tests__` as a test suite
 * except those under `__tests__/__helpers__`, so our test helpers move there.
 */
export function upstreamPath(file: string): string {
  const parts = file.split('/')
  const testsAt = parts.lastIndexOf('__tests__')
  if (testsAt < 0 || !isCode(file) || isTest(file) || ['__helpers__', '__snapshots__'].includes(parts[testsAt + 1])) {
    return file
  }
  return [...parts.slice(0, testsAt + 1), '__helpers__', ...parts.slice(testsAt + 1)].join('/')
}

export function importsOf(content: string): string[] {
  return [...content.matchAll(IMPORT)].map((match) => match[3])
}

/** The file a relative import of `from` names, among `files`; undefined when it names none of them. */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier))
  const candidates = [base, `${base}.ts`, base === '.' ? 'index.ts' : `${base}/index.ts`]
  return candidates.find((candidate) => !candidate.startsWith('..') && files.has(candidate))
}

/** A path the file reads relative to its own folder that lies outside the destination folder, if any. */
function readsOutside(file: string, content: string): string | undefined {
  for (const match of content.matchAll(READ_BESIDE)) {
    const segments = [...match[1].matchAll(/'([^']*)'/g)].map((segment) => segment[1])
    const target = posix.normalize(posix.join(posix.dirname(file), ...segments))
    if (target.startsWith('..')) {
      return target
    }
  }
  return undefined
}

/** Why a file cannot run upstream, or undefined when it can. */
export function whyNotUpstream(file: string, content: string, files: ReadonlySet<string>): string | undefined {
  const outside = readsOutside(file, content)
  if (outside) {
    return `reads ${outside.replace(/^(\.\.\/)+/, '')} from outside the destination folder, which upstream does not have`
  }
  for (const specifier of importsOf(content)) {
    if (specifier.startsWith('.')) {
      if (!resolveImport(file, specifier, files)) {
        return `imports ${specifier}, which is outside the destination folder`
      }
      continue
    }
    const reason = NOT_UPSTREAM.find(([pattern]) => pattern.test(specifier))?.[1]
    if (reason) {
      return reason
    }
    const known =
      specifier === TEST_DATA_PACKAGE ||
      isBuiltin(specifier) ||
      UPSTREAM_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`))
    if (!known) {
      return `imports ${specifier}, which is not a dependency of upstream's destination-actions package`
    }
  }
  return undefined
}

function relativeSpecifier(fromDir: string, target: string): string {
  const relative = posix.relative(fromDir, target)
  return relative.startsWith('.') ? relative : `./${relative}`
}

/**
 * A file's content as it must read upstream: relative imports follow files that moved, and the test-data import
 * becomes upstream's relative path. `moved` maps each of our paths to its upstream path. Returns the content and a
 * note for each import it changed.
 */
export function rewriteForUpstream(
  file: string,
  content: string,
  moved: ReadonlyMap<string, string>
): { content: string; notes: string[] } {
  const notes: string[] = []
  const ourFiles = new Set(moved.keys())
  const newDir = posix.dirname(moved.get(file) ?? file)
  const rewritten = content.replace(IMPORT, (whole, lead: string, quote: string, specifier: string) => {
    let replacement = specifier
    if (specifier === TEST_DATA_PACKAGE) {
      const destinationDir = posix.join(UPSTREAM_DESTINATIONS_DIR, DESTINATION_FOLDER, newDir)
      replacement = relativeSpecifier(destinationDir, UPSTREAM_TEST_DATA)
    } else if (specifier.startsWith('.')) {
      const target = resolveImport(file, specifier, ourFiles)
      if (target && (moved.get(target) !== target || moved.get(file) !== file)) {
        const upstreamTarget = moved.get(target) as string
        const named =
          target.endsWith('/index.ts') && !specifier.endsWith('index') ? posix.dirname(upstreamTarget) : upstreamTarget
        replacement = relativeSpecifier(newDir, named.replace(/\.ts$/, ''))
      }
    }
    if (replacement === specifier) {
      return whole
    }
    notes.push(`import ${specifier} -> ${replacement}`)
    return `${lead}${quote}${replacement}${quote}`
  })
  return { content: rewritten, notes }
}
