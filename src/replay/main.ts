import { parseReplayOptions } from './options'
import { runReplay } from './run-replay'
import { UsageError } from './usage-error'

/** `npm run replay -- <file> [options]`: exit 0 when every valid event was delivered once, 1 otherwise, 2 for bad input. */
async function main(): Promise<number> {
  const options = parseReplayOptions(process.argv.slice(2), process.env, (text) => process.stdout.write(text))
  if (!options) {
    return 0
  }
  const report = await runReplay(options, { stdout: process.stdout, stderr: process.stderr, env: process.env })
  return report.exitCode
}

main().then(
  (status) => {
    process.exitCode = status
  },
  (error: Error) => {
    process.stderr.write(`replay: ${error.message}\n`)
    process.exitCode = error instanceof UsageError ? 2 : 1
  }
)
