import { performance } from 'perf_hooks'
import { SingleBar } from 'cli-progress'

export interface ProgressCounts {
  bytesRead: number
  read: number
  delivered: number
  rejected: number
  retried: number
  /** Events whose fate is known. */
  settled: number
}

export interface Progress {
  stop(): void
}

export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean
}

const BAR_REFRESH_MS = 250

function ratePerSecond(settled: number, startedAt: number): number {
  const seconds = (performance.now() - startedAt) / 1000
  return seconds > 0 ? Math.round(settled / seconds) : 0
}

function bar(stream: ProgressStream, fileBytes: number, counts: () => ProgressCounts): Progress {
  const startedAt = performance.now()
  const progress = new SingleBar({
    stream,
    format:
      'replay [{bar}] {percentage}% | {read} read | {delivered} delivered | {rejected} rejected | {retried} retried | {rate} events/s',
    hideCursor: true,
    fps: 1000 / BAR_REFRESH_MS
  })
  const payload = () => {
    const now = counts()
    return { ...now, rate: ratePerSecond(now.settled, startedAt) }
  }
  progress.start(Math.max(fileBytes, 1), 0, payload())
  const timer = setInterval(() => progress.update(counts().bytesRead, payload()), BAR_REFRESH_MS)
  return {
    stop() {
      clearInterval(timer)
      progress.update(fileBytes, payload())
      progress.stop()
    }
  }
}

function plainLines(
  stream: ProgressStream,
  fileBytes: number,
  counts: () => ProgressCounts,
  intervalMs: number
): Progress {
  const startedAt = performance.now()
  const writeLine = () => {
    const now = counts()
    const percent = fileBytes > 0 ? Math.min(100, Math.floor((100 * now.bytesRead) / fileBytes)) : 100
    stream.write(
      `replay: ${percent}% of the file, ${now.read} read, ${now.delivered} delivered, ${now.rejected} rejected, ` +
        `${now.retried} retried, ${ratePerSecond(now.settled, startedAt)} events/s\n`
    )
  }
  const timer = setInterval(writeLine, intervalMs)
  return {
    stop() {
      clearInterval(timer)
      writeLine()
    }
  }
}

/** A progress bar on a terminal; elsewhere (CI, a pipe, a log file) a plain line every `intervalMs` and at the end. */
export function startProgress(
  stream: ProgressStream,
  fileBytes: number,
  counts: () => ProgressCounts,
  intervalMs: number
): Progress {
  return stream.isTTY ? bar(stream, fileBytes, counts) : plainLines(stream, fileBytes, counts, intervalMs)
}
