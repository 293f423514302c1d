import { mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { PassThrough } from 'stream'
import { parseReplayOptions } from '../options'
import { runReplay } from '../run-replay'
import type { ReplayReport } from '../report'

export interface ReplayRun {
  report: ReplayReport
  stdout: string
  stderr: string
}

function collect(stream: PassThrough): () => string {
  const parts: Buffer[] = []
  stream.on('data', (part: Buffer) => parts.push(part))
  return () => Buffer.concat(parts).toString('utf8')
}

/** Runs `npm run replay -- <args>` in this process, with stdout and stderr captured. */
export async function replay(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ReplayRun> {
  const options = parseReplayOptions(args, env, () => undefined)
  if (!options) {
    throw new Error('expected options, got --help')
  }
  const [stdout, stderr] = [new PassThrough(), new PassThrough()]
  const [readOut, readErr] = [collect(stdout), collect(stderr)]
  const report = await runReplay(options, { stdout, stderr, env, progressIntervalMs: 60_000 })
  return { report, stdout: readOut(), stderr: readErr() }
}

export function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? ''
}

/** A folder for one test file's inputs and outputs, removed by `remove`. */
export function scratchFolder(): {
  path: (name: string) => string
  write: (name: string, text: string) => string
  remove: () => void
} {
  const folder = mkdtempSync(join(tmpdir(), 'replay-test-'))
  return {
    path: (name) => join(folder, name),
    write: (name, text) => {
      writeFileSync(join(folder, name), text)
      return join(folder, name)
    },
    remove: () => rmSync(folder, { recursive: true, force: true })
  }
}

/** A track call LiveLike accepts, with the given messageId. */
export function trackEvent(messageId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'track',
    event: 'Video Watched',
    userId: 'user-1',
    messageId,
    timestamp: '2024-03-07T12:00:00.000Z',
    properties: { livelike_profile_id: 'profile-1', video_id: 'intro' },
    ...extra
  }
}
