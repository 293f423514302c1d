import { spawnSync } from 'child_process'

/** Runs git in a folder and returns its standard output; throws with git's own message when it fails. */
export function git(cwd: string, args: string[]): string {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' })
  if (run.status !== 0) {
    throw new Error(`git ${args.join(' ')} failed: ${(run.stderr || run.stdout).trim()}`)
  }
  return run.stdout
}

/** Paths `git status` reports as changed, added or untracked. */
export function changedPaths(cwd: string): string[] {
  return git(cwd, ['status', '--porcelain', '--untracked-files=all'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
}
