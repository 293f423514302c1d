import { spawnSync } from 'child_process'
import path from 'path'

export const ROOT = path.join(__dirname, '..', '..')

export interface ScriptRun {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs one of our scripts in its own Node process, as `npm run` would, from the project root. */
export function runScript(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): ScriptRun {
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env }
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}
