import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { UsageError } from './usage-error'

export interface ReplayOptions {
  file: string
  batchSize?: number
  concurrency: number
  /** Undefined when not given: a running sandbox keeps its own faults then. */
  chaos?: number
  retries: number
  seed: number
  report?: string
  subscriptions?: string
  undelivered?: string
  sandbox?: string
  live: boolean
  /** A Tracking API host the embedded sandbox reports rewards to, as LiveLike's Segment source; none by default. */
  livelikeSource?: string
}

export const DEFAULT_CONCURRENCY = 8
/** The Batch Size the destination's presets map by default. */
export const DEFAULT_BATCH_SIZE = 100
// The runner's own default (3) loses about one chunk in a thousand under --chaos 0.15: 0.15^4 per request.
export const DEFAULT_RETRIES = 8
export const MAX_BATCH_SIZE = 1000

function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value)
    if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`)
    }
    return number
  }
}

function rate(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number >= 1) {
    throw new InvalidArgumentError('expected a share of calls from 0 up to (not including) 1, such as 0.15.')
  }
  return number
}

function httpUrl(value: string): string {
  try {
    const url = new URL(value)
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return value.replace(/\/+$/, '')
    }
  } catch {
    // Reported below, as for any other value that is not an HTTP URL.
  }
  throw new InvalidArgumentError('expected the HTTP URL of a running sandbox, such as http://127.0.0.1:3100.')
}

function trackingApiUrl(value: string): string {
  try {
    return httpUrl(value)
  } catch {
    throw new InvalidArgumentError('expected the HTTP URL of a Tracking API, such as http://127.0.0.1:3000.')
  }
}

export function replayCommand(): Command {
  return new Command('replay')
    .description('Replays a file of Segment events (.jsonl or a .json array) through the LiveLike destination.')
    .argument('<file>', 'Segment events: one JSON event a line (.jsonl) or a JSON array (.json)')
    .addOption(
      new Option(
        '--batch-size <n>',
        "events per request to LiveLike (default: each subscription's own, 100)"
      ).argParser(integerIn(1, MAX_BATCH_SIZE))
    )
    .addOption(
      new Option('--concurrency <n>', 'chunks of events in flight at once')
        .argParser(integerIn(1, 64))
        .default(DEFAULT_CONCURRENCY)
    )
    .addOption(
      new Option('--chaos <rate>', 'share of sandbox calls answered 503, 429 or with a lost response').argParser(rate)
    )
    .addOption(
      new Option('--retries <n>', 'extra attempts for an event that failed with a retryable error')
        .argParser(integerIn(0, 20))
        .default(DEFAULT_RETRIES)
    )
    .addOption(
      new Option('--seed <n>', "seed of the embedded sandbox's fault dice").argParser(integerIn(0, 2 ** 31)).default(1)
    )
    .option('--report <file>', 'also write the report as JSON to this file')
    .option('--subscriptions <file>', "subscriptions as JSON (default: the destination's presets)")
    .option('--undelivered <file>', 'where events left undelivered go (default: <file name>.undelivered.jsonl)')
    .addOption(new Option('--sandbox <url>', 'send to a running sandbox instead of an embedded one').argParser(httpUrl))
    .option('--live', 'send to the live LiveLike API (LIVELIKE_CLIENT_ID and LIVELIKE_PRODUCER_TOKEN)', false)
    .addOption(
      new Option(
        '--livelike-source <host>',
        "the embedded sandbox reports rewards to this Tracking API as LiveLike's source (SANDBOX_SOURCE_WRITE_KEY)"
      ).argParser(trackingApiUrl)
    )
    .showHelpAfterError(false)
}

/**
 * Reads the command line. Every mistake becomes a UsageError with one line that names the option and the fix;
 * `--help` prints the usage and resolves with undefined.
 */
export function parseReplayOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
  write: (text: string) => void
): ReplayOptions | undefined {
  const command = replayCommand()
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: () => undefined })
  try {
    command.parse(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') {
      return undefined
    }
    if (error instanceof CommanderError) {
      throw new UsageError(error.message.replace(/^error: /, '').split('\n')[0])
    }
    throw error
  }
  const options = command.opts<Omit<ReplayOptions, 'file'>>()
  const parsed: ReplayOptions = { ...options, file: command.args[0] }
  checkTarget(parsed, env)
  return parsed
}

function checkTarget(options: ReplayOptions, env: NodeJS.ProcessEnv): void {
  if (options.live && options.sandbox) {
    throw new UsageError('--live and --sandbox both name where to send: give one of them.')
  }
  if (options.livelikeSource && (options.live || options.sandbox)) {
    throw new UsageError(
      '--livelike-source needs the embedded sandbox: drop --livelike-source, or --live and --sandbox.'
    )
  }
  if (options.live && options.chaos !== undefined) {
    throw new UsageError('--chaos needs a sandbox to inject faults: drop --chaos or --live.')
  }
  if (options.live) {
    const missing = ['LIVELIKE_CLIENT_ID', 'LIVELIKE_PRODUCER_TOKEN'].filter((name) => !env[name]?.trim())
    if (missing.length > 0) {
      throw new UsageError(
        `--live needs ${missing.join(' and ')} in the environment: export the credentials from the LiveLike Producer Suite (Integrations > Segment).`
      )
    }
  }
}
