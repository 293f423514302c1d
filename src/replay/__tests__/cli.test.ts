import { execFile } from 'child_process'
import { resolve } from 'path'
import { lastLine, scratchFolder, trackEvent } from './helpers'

jest.setTimeout(300_000)

const ROOT = resolve(__dirname, '../../..')
const scratch = scratchFolder()
afterAll(() => scratch.remove())

interface Exit {
  status: number | null
  stdout: string
  stderr: string
}

/** The real entry, as `npm run replay -- <args>` runs it, in a child process. */
function replayCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Exit> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/replay/main.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, ...env } },
      (_error, stdout, stderr) => done({ status: child.exitCode, stdout, stderr })
    )
  })
}

describe('the replay command', () => {
  it('replays a file, prints progress lines to stderr and the report to stdout, and exits 0', async () => {
    const file = scratch.write(
      'two.jsonl',
      [trackEvent('cli-1'), trackEvent('cli-2')].map((e) => JSON.stringify(e)).join('\n')
    )
    const { status, stdout, stderr } = await replayCli([file, '--chaos', '0.15'])

    expect(status).toBe(0)
    expect(stdout).toContain(`Replay of ${file} into the embedded sandbox`)
    expect(lastLine(stdout)).toMatch(/^delivered 2, rejected 0, retried \d+, deduplicated \d+, duplicates 0$/)
    expect(stderr).toMatch(/^replay: 100% of the file, 2 read, 2 delivered, 0 rejected, \d+ retried, \d+ events\/s\n$/)
  })

  it.each([
    ['an unknown option', ['samples/events.jsonl', '--fast'], {}, "replay: unknown option '--fast'\n"],
    [
      '--live without credentials',
      ['samples/events.jsonl', '--live'],
      { LIVELIKE_CLIENT_ID: 'client' },
      'replay: --live needs LIVELIKE_PRODUCER_TOKEN in the environment: export the credentials from the LiveLike Producer Suite (Integrations > Segment).\n'
    ],
    ['a missing file', ['missing.jsonl'], {}, 'replay: missing.jsonl: cannot read the events file (no such file).\n']
  ])('exits 2 with one line on stderr for %s', async (_, args, env, message) => {
    const { status, stdout, stderr } = await replayCli(args, env)

    expect(status).toBe(2)
    expect(stderr).toBe(message)
    expect(stdout).toBe('')
  })
})
