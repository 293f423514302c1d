import { banner } from './banner'
import { parseOptions, UsageError } from './options'
import { startServer } from './server'

async function main(): Promise<void> {
  const options = await parseOptions(process.argv.slice(2))
  const running = await startServer(options)
  process.stdout.write(`${banner(running, options.writeKey)}\n`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) {
      return
    }
    stopping = true
    running.app.log.info(`${signal}: delivering what was accepted, then stopping`)
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        running.app.log.error({ err: error }, 'stopping failed')
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  const { code, message } = error as { code?: string; message?: string }
  if (code === 'commander.helpDisplayed') {
    process.exit(0)
  }
  if (error instanceof UsageError || code === 'EADDRINUSE') {
    process.stderr.write(`npm start: ${message}\n`)
    process.exit(2)
  }
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
