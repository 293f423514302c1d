import { fork } from 'child_process'

/** A request from the bench to one of its child processes, and the answer it gets. */
interface Call {
  id: number
  command: string
  args: unknown
}
type Answer = { id: number; result: unknown } | { id: number; error: string }
const READY = { ready: true }

export type Handlers = Record<string, (args: never) => unknown>

export interface Child {
  call<T>(command: string, args?: unknown): Promise<T>
  stop(): Promise<void>
}

/**
 * Starts a TypeScript module in its own Node process and waits until it reports ready (with `serve`), so that what
 * the child does never competes inside the process the bench measures.
 */
export function startChild(entry: string, args: string[], nodeOptions: string[] = []): Promise<Child> {
  const child = fork(entry, args, { execArgv: ['-r', 'ts-node/register/transpile-only', ...nodeOptions] })
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let nextId = 0
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) =>
      reject(new Error(`${entry} ${args.join(' ')} exited with code ${code} before it was ready`))
    )
  })
  child.on('message', (message: Answer) => {
    const pending = waiting.get(message.id)
    waiting.delete(message.id)
    if ('error' in message) {
      pending?.reject(new Error(`${entry} ${args.join(' ')}: ${message.error}`))
    } else {
      pending?.resolve(message.result)
    }
  })
  child.once('exit', (code) => {
    for (const pending of waiting.values()) {
      pending.reject(new Error(`${entry} ${args.join(' ')} exited with code ${code}`))
    }
    waiting.clear()
  })

  const handle: Child = {
    call: <T>(command: string, callArgs?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
        child.send({ id, command, args: callArgs } satisfies Call)
      }),
    stop: async () => {
      if (child.connected) {
        child.disconnect()
      }
      await exited
    }
  }
  return ready.then(() => handle)
}

/** Answers the parent's calls in a child started with `startChild`; the child exits once the parent lets go. */
export function serve(handlers: Handlers, onStop: () => void = () => undefined): void {
  const send = (answer: Answer) => process.send?.(answer)
  process.on('message', async ({ id, command, args }: Call) => {
    try {
      const handler = handlers[command]
      if (!handler) {
        throw new Error(`unknown command ${command}`)
      }
      send({ id, result: await handler(args as never) })
    } catch (error) {
      send({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
    }
  })
  process.once('disconnect', onStop)
  process.send?.(READY)
}
