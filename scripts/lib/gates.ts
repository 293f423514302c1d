import { spawnSync } from 'child_process'

/** One check upstream's CI runs, as a command and the folder it runs in. */
export interface Gate {
  name: string
  /** What the gate runs, for the report: the versions or the upstream command it stands for. */
  detail: string
  cwd: string
  /** Executable and arguments; never run through a shell. */
  command: string[]
  env?: NodeJS.ProcessEnv
  /** Output lines that name a failing file, as the tool prints them. */
  failingFiles: RegExp
  /** Output that fails the gate even when the command exits 0. */
  failsOn?: RegExp
  /**
   * Whether the gate passed, for a tool whose exit status also counts files that are not ours (upstream's type
   * check reports every destination's test files); by default, exit status 0.
   */
  passes?: (run: { status: number | null; output: string; files: string[] }) => boolean
}

export interface GateResult {
  gate: Gate
  passed: boolean
  seconds: number
  output: string
  /** The files the output names as failing, in the order first named. */
  files: string[]
}

// Generous: a gate that hangs (jest kept open by a timer, say) fails instead of holding the run for ever.
const GATE_TIMEOUT_MS = 20 * 60_000

export function runGate(gate: Gate): GateResult {
  const started = process.hrtime.bigint()
  const [executable, ...args] = gate.command
  const run = spawnSync(executable, args, {
    cwd: gate.cwd,
    env: { ...process.env, ...gate.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: GATE_TIMEOUT_MS,
    killSignal: 'SIGKILL'
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const hung = run.error !== undefined || run.signal !== null
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}${
    hung ? `\n${gate.name} did not finish: ${run.error?.message ?? `ended by ${run.signal}`}\n` : ''
  }`
  const files = [...new Set([...output.matchAll(new RegExp(gate.failingFiles.source, 'gm'))].map((match) => match[1]))]
  const flagged = gate.failsOn?.test(output) ?? false
  const succeeded = gate.passes ? gate.passes({ status: run.status, output, files }) : run.status === 0
  return { gate, passed: succeeded && !hung && !flagged, seconds, output, files }
}

const FAILURE_LINES_SHOWN = 40

/** The last line of a report: how many gates passed. */
export function gateSummary(results: GateResult[], label: string): string {
  return `${label}: ${results.filter((result) => result.passed).length}/${results.length} pass`
}

/** One line per gate and a last line counting those that passed. */
export function gateReport(results: GateResult[], label: string): string[] {
  return [...gateLines(results), gateSummary(results, label)]
}

/** One line per gate; a failed gate adds the files it names and the end of its output. */
export function gateLines(results: GateResult[]): string[] {
  const lines: string[] = []
  for (const { gate, passed, seconds, output, files } of results) {
    lines.push(`${passed ? 'pass' : 'FAIL'}  ${gate.name} (${gate.detail}), ${seconds.toFixed(1)} s`)
    if (!passed) {
      if (files.length > 0) {
        lines.push(`      failing: ${files.join(', ')}`)
      }
      const tail = output.trimEnd().split('\n').slice(-FAILURE_LINES_SHOWN)
      lines.push(...tail.map((line) => `      | ${line}`))
    }
  }
  return lines
}
