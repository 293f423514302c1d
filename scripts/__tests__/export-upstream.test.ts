import { createHash } from 'crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { spawnSync } from 'child_process'
import { applyExport, planExport } from '../lib/export-plan'
import type { ExportPlan } from '../lib/export-plan'
import { ExportRefused, listFiles } from '../lib/upstream-checkout'
import { ROOT, runScript } from './run-script'
import { writeInto, writeUpstreamMarkers } from './upstream-tree'

jest.setTimeout(300_000)

const FOLDER = 'packages/destination-actions/src/destinations/livelike-cloud'
const PLACEHOLDER = '// placeholder for a file of the upstream tree'

/** The LiveLike folder upstream holds today, file by file (contents here are placeholders). */
const UPSTREAM_FILES = [
  '__tests__/index.test.ts',
  'constants.ts',
  'generated-types.ts',
  'index.ts',
  'metadata.json',
  'syncToUserGroup/__tests__/index.test.ts',
  'syncToUserGroup/generated-types.ts',
  'syncToUserGroup/index.ts',
  'syncToUserGroup/types.ts',
  'syncToUserGroup/utils.ts',
  'trackEvent/__tests__/__snapshots__/snapshot.test.ts.snap',
  'trackEvent/__tests__/index.test.ts',
  'trackEvent/__tests__/snapshot.test.ts',
  'trackEvent/generated-types.ts',
  'trackEvent/index.ts'
]

const temporaryDirs: string[] = []

function temporaryDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'livelike-export-'))
  temporaryDirs.push(dir)
  return dir
}

/** A tree shaped like a checkout of segmentio/action-destinations, with its LiveLike folder as upstream has it. */
function upstreamShapedTree(): string {
  const root = temporaryDir()
  writeUpstreamMarkers(root)
  writeInto(root, 'packages/destination-actions/src/destinations/other/index.ts', `${PLACEHOLDER}\n`)
  // Upstream's own generator lives here; the type check resolves it to the copy this project installs.
  writeInto(
    root,
    'packages/destination-actions/src/lib/test-data.ts',
    "export { generateTestData } from '@segment/action-destinations/dist/lib/test-data'\n"
  )
  for (const file of UPSTREAM_FILES) {
    writeInto(root, `${FOLDER}/${file}`, `${PLACEHOLDER}\n`)
  }
  return root
}

/** Every file of a tree with a hash of its content. */
function fingerprint(root: string, except?: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(root)
      .filter((file) => except === undefined || !file.startsWith(`${except}/`))
      .map((file) => [
        file,
        createHash('sha256')
          .update(readFileSync(path.join(root, file)))
          .digest('hex')
      ])
  )
}

function typeCheck(root: string): { status: number | null; output: string } {
  const modules = path.join(ROOT, 'node_modules')
  writeInto(
    root,
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'commonjs',
        moduleResolution: 'node',
        esModuleInterop: true,
        resolveJsonModule: true,
        skipLibCheck: true,
        types: ['node', 'jest'],
        typeRoots: [path.join(modules, '@types')],
        baseUrl: '.',
        paths: { '*': [`${modules}/*`] }
      },
      include: [`${FOLDER}/**/*.ts`]
    })
  )
  const run = spawnSync(process.execPath, [path.join(modules, 'typescript', 'bin', 'tsc'), '-p', root], {
    encoding: 'utf8'
  })
  return { status: run.status, output: run.stdout + run.stderr }
}

afterAll(() => {
  for (const dir of temporaryDirs) {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('npm run export:upstream', () => {
  const root = upstreamShapedTree()
  const before = fingerprint(root)
  let dryRun: ReturnType<typeof runScript>
  let exported: ReturnType<typeof runScript>

  beforeAll(() => {
    dryRun = runScript('scripts/export-upstream.ts', ['--dry-run', root])
    exported = runScript('scripts/export-upstream.ts', [root])
  })

  it('lists the changes in a dry run without writing anything', () => {
    expect(dryRun).toMatchObject({ status: 0, stderr: '' })
    expect(dryRun.stdout).toContain('Dry run, nothing written')
    expect(dryRun.stdout).toMatch(/would remove syncToUserGroup\/utils\.ts/)
    expect(dryRun.stdout).toMatch(/would update index\.ts/)
  })

  it('reports the same changes it then makes', () => {
    expect(exported).toMatchObject({ status: 0, stderr: '' })
    const listed = (run: typeof exported) =>
      run.stdout.split('\n').flatMap((line) => line.match(/^ {2}(?:would )?(\w+)\s+(\S+)/)?.slice(1) ?? [])
    expect(listed(exported)).toEqual(
      listed(dryRun).map((word) => ({ add: 'added', update: 'updated', remove: 'removed' })[word] ?? word)
    )
  })

  it('leaves no file of the old folder behind', () => {
    const left = listFiles(path.join(root, FOLDER)).filter((file) =>
      readFileSync(path.join(root, FOLDER, file), 'utf8').includes(PLACEHOLDER)
    )
    expect(left).toEqual([])
    expect(exported.stdout).toContain('removed syncToUserGroup/utils.ts')
    expect(existsSync(path.join(root, FOLDER, 'syncToUserGroup/utils.ts'))).toBe(false)
  })

  it('holds our code, tests, snapshots, generated types and metadata, with helpers where upstream keeps them', () => {
    const files = listFiles(path.join(root, FOLDER))
    expect(files).toEqual(
      expect.arrayContaining([
        'index.ts',
        'metadata.json',
        'versioning-info.ts',
        'sendEvent/generated-types.ts',
        'trackEvent/generated-types.ts',
        'syncToUserGroup/__tests__/__snapshots__/snapshot.test.ts.snap',
        '__tests__/__helpers__/helpers.ts',
        '__tests__/upstream-checks.test.ts'
      ])
    )
    expect(files).not.toContain('__tests__/helpers.ts')
    expect(readFileSync(path.join(root, FOLDER, 'metadata.json'), 'utf8')).toBe(
      readFileSync(path.join(ROOT, 'src/destinations/livelike-cloud/metadata.json'), 'utf8')
    )
  })

  it('imports generateTestData the way upstream does and never the published package', () => {
    const folder = path.join(root, FOLDER)
    const sources = listFiles(folder)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(path.join(folder, file), 'utf8'))
    expect(sources.filter((source) => source.includes('@segment/action-destinations'))).toEqual([])
    expect(readFileSync(path.join(folder, 'sendEvent/__tests__/snapshot.test.ts'), 'utf8')).toContain(
      "from '../../../../lib/test-data'"
    )
  })

  it('keeps the tests that compare with the published destination here, and says so', () => {
    expect(exported.stdout).toMatch(/Kept here, not exported:\n {2}__tests__\/compatibility\.test\.ts: /)
    expect(listFiles(path.join(root, FOLDER))).not.toContain('__tests__/compatibility.test.ts')
  })

  it('changes nothing outside the LiveLike folder', () => {
    const outside = (print: Record<string, string>) =>
      Object.fromEntries(Object.entries(print).filter(([file]) => !file.startsWith(`${FOLDER}/`)))
    expect(fingerprint(root, FOLDER)).toEqual(outside(before))
  })

  it('tells the reviewer that nothing needs registering and what to run', () => {
    expect(exported.stdout).toContain('register nothing: 63e42b47479274407b671071 already points at ./livelike-cloud')
    expect(exported.stdout).toContain('yarn types')
  })

  it('type-checks against actions-core once exported', () => {
    const { status, output } = typeCheck(root)
    expect(output).toBe('')
    expect(status).toBe(0)
  })

  it('writes nothing on a second run', () => {
    const again = runScript('scripts/export-upstream.ts', [root])
    expect(again.stdout).toMatch(/^0 written, 0 removed, \d+ already up to date\.$/m)
  })
})

describe('planning an export', () => {
  it('keeps here a test that reads a file outside the destination folder, and exports the rest', () => {
    const source = temporaryDir()
    writeInto(source, 'index.ts', 'export default {}\n')
    writeInto(source, '__tests__/readme.test.ts', "const text = readFileSync(join(__dirname, '../../../README.md'))\n")
    writeInto(source, '__tests__/beside.test.ts', "const text = readFileSync(join(__dirname, 'fixture.json'))\n")
    const plan = planExport(source, temporaryDir(), { name: 'x', mode: 'cloud', actions: {} })
    expect(plan.leftOut).toEqual([
      {
        path: '__tests__/readme.test.ts',
        reason: 'reads README.md from outside the destination folder, which upstream does not have'
      }
    ])
    expect([...plan.files.keys()].sort()).toEqual(['__tests__/beside.test.ts', 'index.ts'])
  })
})

describe('npm run export:upstream refuses', () => {
  it('a folder that is not a checkout of segmentio/action-destinations, in one line, with exit code 2', () => {
    const dir = temporaryDir()
    writeInto(dir, 'packages/destination-actions/package.json', JSON.stringify({ name: 'something-else' }))
    const run = runScript('scripts/export-upstream.ts', [dir])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^export:upstream: .* is not a checkout of segmentio\/action-destinations: .*\n$/)
    expect(listFiles(dir)).toEqual(['packages/destination-actions/package.json'])
  })

  it('a call without a checkout, with its usage', () => {
    const run = runScript('scripts/export-upstream.ts', ['--dry-run'])
    expect(run).toMatchObject({ status: 2, stdout: '' })
    expect(run.stderr).toContain('usage: npm run export:upstream -- [--dry-run] <checkout')
  })

  it('a destination folder that leads elsewhere through a symbolic link', () => {
    const root = upstreamShapedTree()
    const elsewhere = temporaryDir()
    rmSync(path.join(root, FOLDER, 'trackEvent'), { recursive: true })
    symlinkSync(elsewhere, path.join(root, FOLDER, 'trackEvent'))
    const run = runScript('scripts/export-upstream.ts', [root])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('symbolic link')
    expect(listFiles(elsewhere)).toEqual([])
  })

  it('a plan that would write outside the destination folder, before writing anything', () => {
    const target = temporaryDir()
    const plan: ExportPlan = {
      files: new Map([
        ['index.ts', 'export {}\n'],
        ['../escaped.ts', 'export {}\n']
      ]),
      written: [
        { path: 'index.ts', change: 'add', notes: [] },
        { path: '../escaped.ts', change: 'add', notes: [] }
      ],
      unchanged: [],
      removed: [],
      leftOut: []
    }
    expect(() => applyExport(plan, target)).toThrow(ExportRefused)
    expect(existsSync(path.join(path.dirname(target), 'escaped.ts'))).toBe(false)
    expect(listFiles(target)).toEqual([])
  })

  it('code that imports a package upstream does not have', () => {
    const source = temporaryDir()
    writeInto(source, 'index.ts', "import fc from 'fast-check'\nexport default fc\n")
    expect(() => planExport(source, temporaryDir(), { name: 'x', mode: 'cloud', actions: {} })).toThrow(
      'index.ts cannot go upstream: it imports fast-check'
    )
  })

  it('an exported file that imports a test kept here', () => {
    const source = temporaryDir()
    writeInto(
      source,
      '__tests__/parity.test.ts',
      "import published from '@segment/action-destinations/dist/destinations/x'\n"
    )
    writeInto(source, '__tests__/other.test.ts', "import './parity.test'\n")
    expect(() => planExport(source, temporaryDir(), { name: 'x', mode: 'cloud', actions: {} })).toThrow(
      '__tests__/other.test.ts imports ./parity.test, which stays here'
    )
  })
})
