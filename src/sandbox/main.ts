import { sandboxApplication, sandboxSource, DEMO_PRODUCER_TOKEN } from './options'
import { startSandbox } from './start'

const DEFAULT_PORT = 3100

function portFromEnvironment(): number {
  const text = process.env.SANDBOX_PORT ?? String(DEFAULT_PORT)
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new Error(
      `SANDBOX_PORT is "${text}": set it to a port number from 0 to 65535, or leave it unset for ${DEFAULT_PORT}.`
    )
  }
  return port
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: portFromEnvironment(), logger: process.env.SANDBOX_LOG === '1' })
  const { clientId } = sandboxApplication({})
  const source = sandboxSource({})
  // A Producer Token of one's own stays out of the terminal; only the public demo token is shown.
  const tokenLine = !process.env.SANDBOX_PRODUCER_TOKEN ? DEMO_PRODUCER_TOKEN : '(the value of SANDBOX_PRODUCER_TOKEN)'
  process.stdout.write(
    [
      `LiveLike sandbox listening on ${sandbox.url}`,
      `  API base URL     ${sandbox.apiBaseUrl}   (LIVELIKE_API_BASE_URL)`,
      `  Client ID        ${clientId}`,
      `  Producer Token   ${tokenLine}`,
      source
        ? `  LiveLike source  reports rewards to ${source.host ?? 'Segment'} under SANDBOX_SOURCE_WRITE_KEY`
        : '  LiveLike source  off   (set SANDBOX_SOURCE_WRITE_KEY and SANDBOX_SOURCE_HOST to report rewards to Segment)',
      `  Inspect          ${sandbox.url}/_sandbox/events  /_sandbox/stats  /_sandbox/rewards  /_sandbox/source  /_sandbox/user-groups`,
      ''
    ].join('\n')
  )
  // Under npm, Ctrl-C arrives twice (from the terminal, and forwarded by npm): the first stops, the rest are ignored.
  let stopping = false
  const stop = () => {
    if (stopping) {
      return
    }
    stopping = true
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: Error) => {
  process.stderr.write(`The sandbox did not start: ${error.message}\n`)
  process.exit(1)
})
