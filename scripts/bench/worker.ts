/**
 * One measured path in its own process, driven by the bench over IPC: `round` sends for a given time with a given
 * number of sends in flight; `peak` reports the process's peak RSS. `isolation` instead isolates bad events.
 */
import { performance } from 'perf_hooks'
import { findPath } from './catalog'
import { serve } from './ipc'
import { isolationRunner } from './isolation'
import { buildSender } from './senders'
import type { Sender } from './senders'

export interface RoundResult {
  events: number
  failed: number
  seconds: number
  /** CPU time the worker used (user and system), which other processes on the machine disturb far less. */
  cpuSeconds: number
}

export const ISOLATION_WORKER = 'isolation'

export interface RoundRequest {
  seconds: number
  /** Empty `destination.responses` after every call instead of once the round is over. */
  forgetEachCall: boolean
}

async function round(
  sender: Sender,
  inFlight: number,
  { seconds, forgetEachCall }: RoundRequest
): Promise<RoundResult> {
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const deadline = started + seconds * 1000
  let sends = 0
  let failed = 0
  const lane = async () => {
    while (performance.now() < deadline) {
      failed += await sender.send(sends++)
      if (forgetEachCall) {
        sender.forget()
      }
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
  const elapsed = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  sender.forget()
  return { events: sends * sender.eventsPerSend, failed, seconds: elapsed, cpuSeconds: (cpu.user + cpu.system) / 1e6 }
}

function main(): void {
  const [id, baseUrl] = process.argv.slice(2)
  process.env.LIVELIKE_API_BASE_URL = baseUrl
  // Exits at once when the bench lets go, whatever sockets are still open, so that --cpu-prof writes its profile.
  const exit = () => process.exit(0)
  if (id === ISOLATION_WORKER) {
    serve({ isolate: isolationRunner() }, exit)
    return
  }
  const spec = findPath(id)
  const sender = buildSender(spec, baseUrl)
  serve(
    {
      round: (request: RoundRequest) => round(sender, spec.inFlight, request),
      peak: () => process.resourceUsage().maxRSS * 1024
    },
    exit
  )
}

if (require.main === module) {
  main()
}
