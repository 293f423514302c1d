import { DEMO_CLIENT_ID, DEMO_PRODUCER_TOKEN, LIVELIKE_SOURCE_WRITE_KEY, startSandbox } from '../sandbox'
import { chaosFaults } from './chaos'
import type { ReplayOptions } from './options'
import { SandboxClient } from './sandbox-client'
import { UsageError } from './usage-error'

/** Where the replay sends: the settings the destination runs with and, for a sandbox, a client to check it. */
export interface Target {
  /** "the embedded sandbox", "the sandbox at URL" or "the live LiveLike API". */
  name: string
  settings: { clientId: string; producerToken: string }
  sandbox?: SandboxClient
  close(): Promise<void>
}

const API_BASE_URL = 'LIVELIKE_API_BASE_URL'

// The sandbox's own rule: an empty variable counts as unset.
function sandboxSettings(env: NodeJS.ProcessEnv) {
  return {
    clientId: env.SANDBOX_CLIENT_ID || DEMO_CLIENT_ID,
    producerToken: env.SANDBOX_PRODUCER_TOKEN || DEMO_PRODUCER_TOKEN
  }
}

/** Points the destination at `apiBaseUrl` (it reads the variable on every call) until the target closes. */
function redirectApi(apiBaseUrl: string): () => void {
  const previous = process.env[API_BASE_URL]
  process.env[API_BASE_URL] = apiBaseUrl
  return () => {
    if (previous === undefined) {
      delete process.env[API_BASE_URL]
    } else {
      process.env[API_BASE_URL] = previous
    }
  }
}

async function embeddedSandbox(options: ReplayOptions, env: NodeJS.ProcessEnv): Promise<Target> {
  const settings = sandboxSettings(env)
  const sandbox = await startSandbox({
    ...settings,
    faults: chaosFaults(options.chaos ?? 0),
    seed: options.seed,
    // LiveLike's source stays off unless asked, whatever the environment says: a replay backfills.
    source: options.livelikeSource
      ? { writeKey: env.SANDBOX_SOURCE_WRITE_KEY || LIVELIKE_SOURCE_WRITE_KEY, host: options.livelikeSource }
      : false
  })
  const restore = redirectApi(sandbox.apiBaseUrl)
  return {
    name: 'the embedded sandbox',
    settings,
    sandbox: new SandboxClient(sandbox.url),
    close: async () => {
      restore()
      await sandbox.close()
    }
  }
}

async function runningSandbox(url: string, options: ReplayOptions, env: NodeJS.ProcessEnv): Promise<Target> {
  const sandbox = new SandboxClient(url)
  try {
    await (options.chaos === undefined ? sandbox.stats() : sandbox.setFaults(chaosFaults(options.chaos)))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const restore = redirectApi(`${url}/api/v1`)
  return { name: `the sandbox at ${url}`, settings: sandboxSettings(env), sandbox, close: async () => restore() }
}

function liveApi(env: NodeJS.ProcessEnv): Target {
  return {
    name: 'the live LiveLike API',
    settings: { clientId: env.LIVELIKE_CLIENT_ID ?? '', producerToken: env.LIVELIKE_PRODUCER_TOKEN ?? '' },
    close: async () => undefined
  }
}

export function openTarget(options: ReplayOptions, env: NodeJS.ProcessEnv): Promise<Target> {
  if (options.live) {
    return Promise.resolve(liveApi(env))
  }
  return options.sandbox ? runningSandbox(options.sandbox, options, env) : embeddedSandbox(options, env)
}
