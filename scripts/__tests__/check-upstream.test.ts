import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { changedPaths, git } from '../lib/git'
import { ROOT, runScript } from './run-script'
import { fakeTool, fakeUpstreamCheckout, STRAY } from './fake-upstream-checkout'
import { writeInto } from './upstream-tree'

jest.setTimeout(300_000)

const FOLDER = 'packages/destination-actions/src/destinations/livelike-cloud'
const GATES = ['jest', 'tsc', 'prettier', 'eslint', 'validate', 'types', 'metadata']
const ESLINT_FORMATTER = path.join(ROOT, 'scripts', 'lib', 'eslint-file-line-formatter.js')

const dirs: string[] = []

afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true })
  }
})

function fakeCheckout({ installed = true } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'livelike-check-upstream-'))
  dirs.push(root)
  return fakeUpstreamCheckout(root, { installed })
}

function check(root: string, failing: string[] = []) {
  writeFileSync(path.join(root, 'fail-gates'), failing.join('\n') + '\n')
  return runScript('scripts/check-upstream.ts', [root], { CHECKOUT: root })
}

const gateLines = (stdout: string) => stdout.split('\n').filter((line) => /^(pass|FAIL) {2}\w+ \(/.test(line))

describe('npm run check:upstream', () => {
  it('exports, runs the seven gates in upstream order with its binaries (building before validate), and passes when all pass', () => {
    const root = fakeCheckout()
    const head = git(root, ['rev-parse', 'HEAD'])
    const run = check(root)

    expect(run.stderr).toBe('')
    expect(run.stdout).not.toContain('FAIL')
    expect(run.status).toBe(0)
    expect(gateLines(run.stdout).map((line) => line.split(/\s+/).slice(0, 2))).toEqual(
      [...GATES.slice(0, 4), 'build', ...GATES.slice(4)].map((gate) => ['pass', gate])
    )
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('upstream gates: 7/7 pass')
    const calls = readFileSync(path.join(root, 'calls.log'), 'utf8').trimEnd().split('\n')
    expect(calls.map((call) => call.replace(root, '<checkout>').trimEnd())).toEqual([
      `jest <checkout>/packages/destination-actions --ci src/destinations/livelike-cloud`,
      'tsc <checkout> --noEmit -p packages/destination-actions/tsconfig.json --composite false --incremental false --rootDir packages',
      `prettier <checkout> --check ${FOLDER}`,
      `eslint <checkout> --max-warnings 0 --format ${ESLINT_FORMATTER} ${FOLDER}/**/*.ts`,
      'tsc <checkout>/packages/destination-actions -b tsconfig.build.json',
      'validate <checkout> validate',
      'types <checkout>',
      'metadata <checkout>'
    ])
    expect(existsSync(path.join(root, FOLDER, 'sendEvent/index.ts'))).toBe(true)
    expect(git(root, ['rev-parse', 'HEAD'])).toBe(head)
    const changed = changedPaths(root)
    expect(changed).toContain(`${FOLDER}/sendEvent/index.ts`)
    expect(changed.filter((file) => !file.startsWith(`${FOLDER}/`))).toEqual([])
    expect(run.stdout).toContain(`restored what upstream's own scripts changed outside ${FOLDER}: ${STRAY}`)
    expect(existsSync(path.join(root, STRAY))).toBe(false)
    expect(run.stdout).toContain(`git -C ${root} checkout -- ${FOLDER}`)
  })

  it('fails, names the gate and shows its output when one gate fails', () => {
    const root = fakeCheckout()
    const run = check(root, ['eslint'])

    expect(run.status).toBe(1)
    expect(gateLines(run.stdout).filter((line) => line.startsWith('FAIL'))).toEqual([
      expect.stringMatching(/^FAIL {2}eslint \(eslint /)
    ])
    expect(run.stdout).toContain(`| eslint found a problem in ${FOLDER}/index.ts`)
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('upstream gates: 6/7 pass')
  })

  it('fails the eslint gate on a warning even when eslint exits 0, naming the file, the line and the rule', () => {
    const root = fakeCheckout()
    const warning = `${FOLDER}/sendEvent/__tests__/index.test.ts:110:56  warning  @typescript-eslint/no-unsafe-argument  Unsafe argument of type \`any\`.`
    writeInto(root, 'node_modules/.bin/eslint', fakeTool('eslint', { andThen: `echo '${warning}'` }), true)
    const run = check(root)

    expect(run.status).toBe(1)
    expect(gateLines(run.stdout).filter((line) => line.startsWith('FAIL'))).toEqual([
      expect.stringMatching(/^FAIL {2}eslint \(eslint .*, any warning fails\)/)
    ])
    expect(run.stdout).toContain(`      failing: ${FOLDER}/sendEvent/__tests__/index.test.ts:110\n`)
    expect(run.stdout).toContain(`| ${warning}`)
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('upstream gates: 6/7 pass')
  })

  it("fails the types gate when yarn cannot run, though upstream's script then exits 0", () => {
    const root = fakeCheckout()
    const noYarn = 'scripts/assert-types-updated.sh: 5: yarn: not found'
    writeInto(root, 'scripts/assert-types-updated.sh', fakeTool('types', { andThen: `echo '${noYarn}'` }), true)
    git(root, ['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '--quiet', '-am', 'types without yarn'])
    const run = check(root)

    expect(run.status).toBe(1)
    expect(gateLines(run.stdout).filter((line) => line.startsWith('FAIL'))).toEqual([
      expect.stringMatching(/^FAIL {2}types \(/)
    ])
    expect(run.stdout).toContain(`| ${noYarn}`)
  })

  it('refuses, in one line, a folder that is not a checkout of segmentio/action-destinations', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'livelike-not-upstream-'))
    dirs.push(root)
    const run = runScript('scripts/check-upstream.ts', [root])
    expect(run).toMatchObject({ status: 2, stdout: '' })
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^check:upstream: .* is not a checkout of segmentio\/action-destinations/)
    ])
  })

  it('refuses, in one line, a checkout that is not installed and built, and writes nothing', () => {
    const root = fakeCheckout({ installed: false })
    const run = runScript('scripts/check-upstream.ts', [root])
    expect(run).toMatchObject({ status: 2, stdout: '' })
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /is not an installed, built checkout \(missing node_modules\/\.bin\/tsc, .*jest in packages\/destination-actions\): run yarn install/
      )
    ])
    expect(git(root, ['status', '--porcelain'])).toBe('')
  })

  it('refuses a checkout with changes outside our folder', () => {
    const root = fakeCheckout()
    writeInto(root, 'packages/destination-actions/src/destinations/other/index.ts', '// work in progress\n')
    const run = check(root)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(
      /has changes outside .* \(packages\/destination-actions\/src\/destinations\/other\/index\.ts\): commit or stash them first/
    )
  })

  it('takes no option but the checkout', () => {
    expect(runScript('scripts/check-upstream.ts', [])).toMatchObject({ status: 2, stdout: '' })
  })
})
