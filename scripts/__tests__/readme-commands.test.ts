import { spawn } from 'child_process'
import type { ChildProcess } from 'child_process'
import { createHash } from 'crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { request } from 'undici'
import { DEFAULT_PATHS } from '../bench/catalog'
import { fakeUpstreamCheckout } from './fake-upstream-checkout'
import { ROOT } from './run-script'
import { writeInto, writeUpstreamMarkers } from './upstream-tree'

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
const SCRIPTS = Object.keys(PACKAGE.scripts)
const DESTINATION = 'src/destinations/livelike-cloud'
const UPSTREAM_FOLDER = 'packages/destination-actions/src/destinations/livelike-cloud'

/** Each row of the README's command table, as written there: `npm start`, `npm run replay -- <file>`, ... */
function documentedCommands(): string[] {
  const table = README.slice(README.indexOf('| Command'))
  return table
    .slice(0, table.indexOf('\n\n'))
    .split('\n')
    .slice(2)
    .map((row) => /`(npm [^`]+)`/.exec(row)?.[1] ?? row)
}

/** The npm script a command runs: `npm start` and `npm test` are npm's short forms of `npm run start` and `test`. */
const scriptOf = (command: string) => /^npm (?:run )?([\w:-]+)/.exec(command)?.[1] ?? command

describe("the README's command table", () => {
  it('names every npm script, and only those', () => {
    expect(documentedCommands().map(scriptOf).sort()).toEqual([...SCRIPTS].sort())
  })

  it('uses no npm script the README does not know', () => {
    const mentioned = [...README.matchAll(/`npm (?:run (?:-s )?)?([\w:-]+)/g)].map((match) => match[1])
    const npmCommands = ['ci', 'install']
    expect(mentioned.filter((name) => !SCRIPTS.includes(name) && !npmCommands.includes(name))).toEqual([])
  })
})

/** The commands this file does not run, and what does run them on a fresh clone (`npm ci && npm test`). */
const RUN_ELSEWHERE: Record<string, string> = {
  test: 'npm test is the run this file is part of',
  typecheck: 'npm test runs it',
  lint: 'npm test runs it',
  'test:upstream': 'npm test runs it',
  postinstall: 'npm ci runs it, before npm test can run'
}

const temporaryDirs: string[] = []
const children: ChildProcess[] = []

function temporaryDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'livelike-readme-'))
  temporaryDirs.push(dir)
  return dir
}

afterAll(() => {
  // A command a failed test left running is stopped with everything it started (each runs in its own group).
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-(child.pid as number), 'SIGKILL')
    }
  }
  for (const dir of temporaryDirs) {
    rmSync(dir, { recursive: true, force: true })
  }
})

/** The command's words with its placeholders (`<file>`) filled in, and `extra` arguments after `--`. */
function commandLine(command: string, fill: Record<string, string> = {}, extra: string[] = []): string[] {
  const words = command.split(' ').map((word) => fill[word] ?? word)
  const unfilled = words.filter((word) => /^<.+>$/.test(word))
  if (unfilled.length > 0) {
    throw new Error(`${command}: this test gives no value for ${unfilled.join(', ')}`)
  }
  return extra.length === 0 ? words : [...words, ...(words.includes('--') ? [] : ['--']), ...extra]
}

interface Output {
  stdout: string
  stderr: string
}

/** Starts a command as a terminal would, in a process group of its own (npm, its shell, and what they start). */
function start(words: string[], { cwd = ROOT, env = {} }: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const [program, ...args] = words
  const child = spawn(program, args, { cwd, env: { ...process.env, ...env }, detached: true })
  children.push(child)
  const output: Output = { stdout: '', stderr: '' }
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal }))
  )
  return { child, output, exit }
}

type Started = ReturnType<typeof start>

async function succeeded(started: Started): Promise<string> {
  const { code, signal } = await started.exit
  if (code !== 0) {
    const { stdout, stderr } = started.output
    throw new Error(`exited with ${code ?? signal}\n--- stderr\n${stderr}\n--- stdout\n${stdout}`)
  }
  return started.output.stdout
}

/** What a command printed after npm's own header (`> package@version script` and the script's line). */
function printed(stdout: string): string {
  return stdout.replace(/^\n> [^\n]*\n> [^\n]*\n\n/, '')
}

/** Runs a command to its end and resolves to its standard output; fails with all its output if it fails. */
function run(words: string[], options?: Parameters<typeof start>[1]): Promise<string> {
  return succeeded(start(words, options))
}

/** Resolves to the first match of `pattern` in the command's standard output; rejects if it ends first. */
function banner(started: Started, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const match = pattern.exec(started.output.stdout)
      if (match) {
        started.child.stdout?.off('data', look)
        resolve(match)
      }
    }
    started.child.stdout?.on('data', look)
    started.exit.then(({ code, signal }) =>
      reject(
        new Error(`ended (${code ?? signal}) before its banner:\n${started.output.stderr}${started.output.stdout}`)
      )
    )
  })
}

/** Starts a long-running command on ports 0, waits for its banner and checks that it answers; resolves to its URL. */
async function serving(command: string, pattern: RegExp, route: string): Promise<{ started: Started; url: string }> {
  const started = start(commandLine(command), { env: { PORT: '0', SANDBOX_PORT: '0' } })
  const [, url] = await banner(started, pattern)
  const answer = await request(`${url}${route}`)
  await answer.body.dump()
  expect(answer.statusCode).toBe(200)
  return { started, url }
}

async function refused(url: string): Promise<true | undefined> {
  try {
    await (await request(url)).body.dump()
    return undefined
  } catch (error) {
    return (error as { code?: string }).code === 'ECONNREFUSED' || undefined
  }
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/** The files of the project `npm run types`, `metadata` and `format` read, copied, with our node_modules linked. */
function projectCopy(parts: string[]): string {
  const copy = temporaryDir()
  for (const part of parts) {
    cpSync(path.join(ROOT, part), path.join(copy, part), {
      recursive: true,
      filter: (source) => path.basename(source) !== '__tests__'
    })
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir')
  return copy
}

const CONFIGS = ['package.json', 'tsconfig.json', '.prettierrc.json', '.prettierignore', 'eslint.config.js']

function generatedTypes(root: string, dir = DESTINATION): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      return entry.name === '__tests__' ? [] : generatedTypes(root, relative)
    }
    return entry.name === 'generated-types.ts' ? [relative] : []
  })
}

const TRACK_CALL = {
  type: 'track',
  event: 'Video Watched',
  userId: 'user-1',
  messageId: 'readme-1',
  timestamp: '2024-03-01T08:00:00.000Z',
  properties: { livelike_profile_id: '3f1c9a2e-7b5d-4e8a-9c61-2d4f8b0a7e13' }
}
const PAGE_CALL = {
  type: 'page',
  name: 'Home',
  userId: 'user-2',
  messageId: 'readme-2',
  timestamp: '2024-03-01T08:00:01.000Z',
  properties: {}
}

/**
 * How each command of the README runs here, in its cheapest real form: as the README writes it (through npm, in a
 * child process), with its placeholders filled in; on ephemeral ports; anything it writes goes to a temporary folder
 * or a copy, except `build`, whose `dist/` is the build output `start`, `sandbox` and `replay` write anyway.
 */
const RUNS: Record<string, (command: string) => Promise<void>> = {
  start: async (command) => {
    const { started, url } = await serving(command, /Console +(http:\/\/127\.0\.0\.1:\d+)\//, '/_console/api/overview')
    // The script execs node, so the server gets Ctrl-C from the terminal and again from npm; it delivers what it
    // accepted, then closes, and npm's exit code is the server's own.
    process.kill(-(started.child.pid as number), 'SIGINT')
    expect(await started.exit).toEqual({ code: 0, signal: null })
    expect(await refused(url)).toBe(true)
  },

  sandbox: async (command) => {
    const pattern = /LiveLike sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/
    const { started, url } = await serving(command, pattern, '/_sandbox/stats')
    // The script execs node, so the sandbox gets Ctrl-C from the terminal and again from npm, and npm's exit code
    // is the sandbox's own: 0 once it has closed.
    process.kill(-(started.child.pid as number), 'SIGINT')
    expect(await started.exit).toEqual({ code: 0, signal: null })
    expect(await refused(url)).toBe(true)
  },

  build: async (command) => {
    await run(commandLine(command))
    expect(existsSync(path.join(ROOT, 'dist/server/main.js'))).toBe(true)
  },

  replay: async (command) => {
    const file = path.join(temporaryDir(), 'events.jsonl')
    writeFileSync(file, [TRACK_CALL, PAGE_CALL].map((event) => JSON.stringify(event)).join('\n') + '\n')
    const stdout = await run(commandLine(command, { '<file>': file }))
    expect(stdout).toContain('into the embedded sandbox')
    expect(stdout).toMatch(/delivered 2, rejected 0/)
  },

  samples: async (command) => {
    const file = path.join(temporaryDir(), 'events.jsonl')
    await run(commandLine(command, {}, ['--count', '30', '--out', file]))
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(30)
  },

  bench: async (command) => {
    const stdout = await run(
      commandLine(command, {}, ['--rounds', '1', '--seconds', '0.1', '--warm-up', '0.1', '--json'])
    )
    const report = JSON.parse(printed(stdout)) as {
      paths: { id: string; failedEvents: number; eventsPerSecond: { median: number } }[]
      checks: { name: string; target?: { met: boolean } }[]
    }
    expect(report.paths.map((figures) => figures.id)).toEqual(DEFAULT_PATHS.map((spec) => spec.id))
    expect(report.paths.filter((figures) => figures.failedEvents > 0 || !(figures.eventsPerSecond.median > 0))).toEqual(
      []
    )
    const isolation = report.checks.find((check) => check.name.startsWith('requests to isolate'))
    expect(isolation?.target?.met).toBe(true)
  },

  'bench:console': async (command) => {
    const stdout = await run(commandLine(command, {}, ['--rounds', '1', '--events', '200', '--json']))
    const report = JSON.parse(printed(stdout)) as {
      rounds: { case: string }[]
      withOverWithout: { eventsPerSecond: number }
    }
    expect(report.rounds.map((round) => round.case).sort()).toEqual(['with a page open', 'without a page'])
    expect(report.withOverWithout.eventsPerSecond).toBeGreaterThan(0)
  },

  types: async (command) => {
    // In a copy whose generated files are stale: the command must write back exactly what is committed.
    const copy = projectCopy([...CONFIGS, 'src', 'scripts'])
    const files = generatedTypes(ROOT)
    for (const file of files) {
      writeFileSync(path.join(copy, file), '// stale\n')
    }
    await run(commandLine(command), { cwd: copy })
    for (const file of files) {
      expect([file, readFileSync(path.join(copy, file), 'utf8')]).toEqual([
        file,
        readFileSync(path.join(ROOT, file), 'utf8')
      ])
    }
  },

  metadata: async (command) => {
    const copy = projectCopy([...CONFIGS, 'src', 'scripts'])
    const file = `${DESTINATION}/metadata.json`
    writeFileSync(path.join(copy, file), '{}\n')
    await run(commandLine(command), { cwd: copy })
    expect(readFileSync(path.join(copy, file), 'utf8')).toBe(readFileSync(path.join(ROOT, file), 'utf8'))
  },

  format: async (command) => {
    // The project's own files pass `npm run lint` in npm test, so format would change nothing there: it runs on a
    // copy of the project's configuration with one file that both Prettier and an ESLint fix must change.
    const copy = projectCopy(CONFIGS)
    writeInto(copy, 'src/settings.ts', 'export interface Settings {\n  clientId: string\n}\n')
    writeInto(
      copy,
      'src/ids.ts',
      "import { Settings } from './settings';\nexport const ids = (settings: Settings) => [settings.clientId,];\n"
    )
    await run(commandLine(command), { cwd: copy })
    expect(readFileSync(path.join(copy, 'src/ids.ts'), 'utf8')).toBe(
      "import type { Settings } from './settings'\nexport const ids = (settings: Settings) => [settings.clientId]\n"
    )
  },

  'export:upstream': async (command) => {
    const checkout = temporaryDir()
    writeUpstreamMarkers(checkout)
    await run(commandLine(command, { '<checkout>': checkout }))
    for (const file of ['index.ts', 'metadata.json', 'sendEvent/index.ts']) {
      expect([file, existsSync(path.join(checkout, UPSTREAM_FOLDER, file))]).toEqual([file, true])
    }
  },

  'check:upstream': async (command) => {
    const checkout = fakeUpstreamCheckout(temporaryDir())
    const stdout = await run(commandLine(command, { '<checkout>': checkout }), { env: { CHECKOUT: checkout } })
    const gates = stdout.split('\n').filter((line) => /^(pass|FAIL) {2}\w+ \(/.test(line))
    expect(gates.length).toBeGreaterThanOrEqual(7)
    expect(gates.filter((line) => !line.startsWith('pass'))).toEqual([])
  },

  screenshot: async (command) => {
    const committed = sha256(path.join(ROOT, 'docs/console.png'))
    const file = path.join(temporaryDir(), 'console.png')
    await run(commandLine(command, {}, ['--out', file]))
    expect(readFileSync(file).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(sha256(path.join(ROOT, 'docs/console.png'))).toBe(committed)
  }
}

/** Commands that take longer than jest's two minutes on a loaded machine; never a measure of speed. */
const LONG_RUNS = ['bench', 'bench:console', 'check:upstream', 'screenshot']

describe('every command of the README runs', () => {
  it.each(documentedCommands())('%s has a run in this file, or is run by npm ci or npm test', (command) => {
    const script = scriptOf(command)
    if (!RUNS[script] && !RUN_ELSEWHERE[script]) {
      throw new Error(
        `The README documents "${command}" but scripts/__tests__/readme-commands.test.ts never runs it: add its cheapest real run to RUNS.`
      )
    }
  })

  it('leaves out only what npm test runs itself', () => {
    const steps = PACKAGE.scripts.test
    for (const script of ['typecheck', 'lint', 'test:upstream']) {
      expect([script, new RegExp(`npm run (-s )?${script}( |$)`).test(steps)]).toEqual([script, true])
    }
  })

  for (const command of documentedCommands().filter((command) => RUNS[scriptOf(command)])) {
    const timeout = LONG_RUNS.includes(scriptOf(command)) ? 600_000 : undefined
    it(`${command}`, () => RUNS[scriptOf(command)](command), timeout)
  }
})
