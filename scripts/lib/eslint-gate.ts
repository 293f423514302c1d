import path from 'path'

const FORMATTER = path.join(__dirname, 'eslint-file-line-formatter.js')

/** A problem as our formatter prints it: `file:line:column  severity  rule  message`; group 1 is `file:line`. */
const PROBLEM = /^(\S+\.ts:\d+):\d+ {2}(?:warning|error) {2}/m

/**
 * Upstream's ESLint over our exported folder, as its `yarn lint` globs a package, failing on any problem: upstream's
 * configuration only warns on some rules (no-unsafe-argument among them), and a warning shows on the pull request.
 */
export function eslintCommand(eslint: string[], folder: string): string[] {
  return [...eslint, '--max-warnings', '0', '--format', FORMATTER, `${folder}/**/*.ts`]
}

export const eslintProblems = { failingFiles: PROBLEM, failsOn: PROBLEM }
