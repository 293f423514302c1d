import { resolve } from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import { loadSubscriptions } from '../runtime'
import { LOG_FORMATS } from './logging'
import type { LogFormat } from './logging'
import type { ServerOptions } from './server'
import { withOptionsNpmKept } from './npm-options'

/** A start-up problem the user must fix: printed as one line, exit code 2. */
export class UsageError extends Error {
  name = 'UsageError'
}

type Env = Record<string, string | undefined>

function port(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535.')
  }
  return number
}

function portFromEnv(env: Env, name: string, fallback: number): number {
  const value = env[name]
  if (value === undefined || value === '') {
    return fallback
  }
  try {
    return port(value)
  } catch {
    throw new UsageError(`${name}=${value} is not a port: use a whole number from 0 to 65535.`)
  }
}

function logFormat(value: string): LogFormat {
  if (!LOG_FORMATS.includes(value as LogFormat)) {
    throw new InvalidArgumentError(`a log format is ${LOG_FORMATS.join(' or ')}.`)
  }
  return value as LogFormat
}

function logFormatFromEnv(env: Env): LogFormat | undefined {
  const value = env.LOG_FORMAT
  if (value === undefined || value === '') {
    return undefined
  }
  try {
    return logFormat(value)
  } catch {
    throw new UsageError(`LOG_FORMAT=${value} is not a log format: use ${LOG_FORMATS.join(' or ')}.`)
  }
}

const MAX_LOOP_HOPS = 100
/** Hops of one chain --allow-loops lets through when it names no number. */
const DEFAULT_LOOP_HOPS = 3

function hops(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1 || number > MAX_LOOP_HOPS) {
    throw new InvalidArgumentError(`hops are a whole number from 1 to ${MAX_LOOP_HOPS}.`)
  }
  return number
}

function liveCredentials(env: Env) {
  const clientId = env.LIVELIKE_CLIENT_ID?.trim()
  const producerToken = env.LIVELIKE_PRODUCER_TOKEN?.trim()
  if (!clientId || !producerToken) {
    throw new UsageError(
      '--live needs LIVELIKE_CLIENT_ID and LIVELIKE_PRODUCER_TOKEN in the environment (from the LiveLike Producer Suite, Integrations > Segment).'
    )
  }
  return { clientId, producerToken }
}

/** Reads `npm start -- [options]` and the environment into server options. */
export async function parseOptions(argv: string[], env: Env = process.env): Promise<ServerOptions> {
  const program = new Command()
    .name('npm start --')
    .description('LiveLike Cloud Mode (Actions) on this machine, with an embedded LiveLike sandbox.')
    .option('--port <port>', 'port of the dev server (env PORT, default 3000)', port)
    .option('--sandbox-port <port>', 'port of the LiveLike sandbox (env SANDBOX_PORT, default 3100)', port)
    .option(
      '--live',
      'deliver to the real LiveLike API (env LIVELIKE_LIVE=1; needs LIVELIKE_CLIENT_ID and LIVELIKE_PRODUCER_TOKEN)'
    )
    .option('--write-key <key>', 'the only write key the Tracking API accepts (default: any non-empty key)')
    .option('--subscriptions <file>', 'JSON file of saved mappings [{"name", "subscribe", "partnerAction", "mapping"}]')
    .option('--log-format <format>', 'pretty or json (env LOG_FORMAT; default pretty on a terminal)', logFormat)
    .option(
      '--no-livelike-source',
      "the sandbox does not send LiveLike's source events (Reward Item Rewarded, ...) here"
    )
    .option(
      '--allow-loops [hops]',
      "deliver LiveLike's source events a subscription sends back to LiveLike, as production would, ending each chain after this many hops",
      hops
    )
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
  try {
    program.parse(withOptionsNpmKept(argv, env), { from: 'user' })
  } catch (error) {
    const { code, message } = error as { code?: string; message: string }
    if (code === 'commander.helpDisplayed' || code === 'commander.version') {
      throw error
    }
    throw new UsageError(message.replace(/^error: /, ''))
  }
  const flags = program.opts<{
    port?: number
    sandboxPort?: number
    live?: boolean
    writeKey?: string
    subscriptions?: string
    logFormat?: LogFormat
    livelikeSource: boolean
    allowLoops?: number | true
  }>()
  const live = flags.live === true || env.LIVELIKE_LIVE === '1'
  let subscriptions
  if (flags.subscriptions) {
    try {
      subscriptions = await loadSubscriptions(flags.subscriptions)
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  return {
    port: flags.port ?? portFromEnv(env, 'PORT', 3000),
    sandboxPort: flags.sandboxPort ?? portFromEnv(env, 'SANDBOX_PORT', 3100),
    live: live ? liveCredentials(env) : undefined,
    writeKey: flags.writeKey,
    subscriptions,
    subscriptionsFile: flags.subscriptions ? resolve(flags.subscriptions) : undefined,
    logFormat: flags.logFormat ?? logFormatFromEnv(env),
    liveLikeSource: flags.livelikeSource,
    allowLoops: flags.allowLoops === true ? DEFAULT_LOOP_HOPS : flags.allowLoops
  }
}
