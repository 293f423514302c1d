import { mkdirSync } from 'fs'
import { parseReplayOptions } from '../options'
import { runReplay } from '../run-replay'
import { UsageError } from '../usage-error'
import { PassThrough } from 'stream'
import { scratchFolder } from './helpers'

jest.setTimeout(120_000)

const scratch = scratchFolder()
const events = scratch.write('events.jsonl', '{}\n')
const folder = scratch.path('folder.jsonl')
mkdirSync(folder)
afterAll(() => scratch.remove())

function usageErrorOf(args: string[], env: NodeJS.ProcessEnv = {}): UsageError {
  try {
    parseReplayOptions(args, env, () => undefined)
  } catch (error) {
    return error as UsageError
  }
  throw new Error(`expected a usage error for ${args.join(' ')}`)
}

async function runErrorOf(args: string[]): Promise<UsageError> {
  const options = parseReplayOptions(args, {}, () => undefined)
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), env: {} }
  return runReplay(options!, io).then(
    () => {
      throw new Error(`expected a usage error for ${args.join(' ')}`)
    },
    (error: UsageError) => error
  )
}

describe('command-line mistakes', () => {
  it.each([
    ['no file', ['--batch-size', '10'], "missing required argument 'file'"],
    ['an unknown option', [events, '--speed', '3'], "unknown option '--speed'"],
    [
      'a batch size of 0',
      [events, '--batch-size', '0'],
      "option '--batch-size <n>' argument '0' is invalid. expected a whole number from 1 to 1000."
    ],
    ['a batch size over 1,000', [events, '--batch-size', '1001'], 'expected a whole number from 1 to 1000.'],
    [
      'a concurrency that is not a number',
      [events, '--concurrency', 'many'],
      "option '--concurrency <n>' argument 'many' is invalid."
    ],
    ['negative retries', [events, '--retries', '-1'], "option '--retries <n>' argument '-1' is invalid."],
    [
      'a chaos rate over 1',
      [events, '--chaos', '1.5'],
      'expected a share of calls from 0 up to (not including) 1, such as 0.15.'
    ],
    [
      'a sandbox address without http://',
      [events, '--sandbox', 'localhost:3100'],
      'expected the HTTP URL of a running sandbox, such as http://127.0.0.1:3100.'
    ],
    [
      '--live with --sandbox',
      [events, '--live', '--sandbox', 'http://127.0.0.1:3100'],
      '--live and --sandbox both name where to send: give one of them.'
    ],
    [
      '--live with --chaos',
      [events, '--live', '--chaos', '0.1'],
      '--chaos needs a sandbox to inject faults: drop --chaos or --live.'
    ]
  ])('refuses %s with one line that names the option and the fix', (_, args, message) => {
    const error = usageErrorOf(args, { LIVELIKE_CLIENT_ID: 'client', LIVELIKE_PRODUCER_TOKEN: 'token' })
    expect(error).toBeInstanceOf(UsageError)
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('\n')
  })

  it('refuses --live without LiveLike credentials in the environment, naming the missing variables', () => {
    expect(usageErrorOf([events, '--live'], { LIVELIKE_CLIENT_ID: 'client' }).message).toBe(
      '--live needs LIVELIKE_PRODUCER_TOKEN in the environment: export the credentials from the LiveLike Producer Suite (Integrations > Segment).'
    )
    expect(usageErrorOf([events, '--live'], {}).message).toContain('LIVELIKE_CLIENT_ID and LIVELIKE_PRODUCER_TOKEN')
  })

  it('prints the usage for --help instead of running', () => {
    let help = ''
    expect(parseReplayOptions(['--help'], {}, (text) => (help += text))).toBeUndefined()
    expect(help).toContain('Usage: replay [options] <file>')
    expect(help).toContain('--chaos <rate>')
  })
})

describe('inputs that cannot be used', () => {
  it.each([
    [
      'a missing file',
      [scratch.path('missing.jsonl')],
      `${scratch.path('missing.jsonl')}: cannot read the events file (no such file).`
    ],
    [
      'a file that is neither .jsonl nor .json',
      [scratch.path('events.csv')],
      'expected a .jsonl file (one JSON event a line) or a .json file (a JSON array).'
    ],
    ['a folder', [folder], `${folder} is not a file: give the path of a .jsonl or .json file of Segment events.`],
    [
      'a report in a folder that does not exist',
      [events, '--report', scratch.path('no/such/folder/report.json')],
      'does not exist or is not writable.'
    ],
    [
      'a missing subscriptions file',
      [events, '--subscriptions', scratch.path('none.json')],
      'cannot read the subscriptions file (ENOENT)'
    ],
    [
      'a sandbox that does not answer',
      [events, '--sandbox', 'http://127.0.0.1:9'],
      'cannot reach the sandbox at http://127.0.0.1:9'
    ]
  ])('refuses %s before sending anything', async (_, args, message) => {
    const error = await runErrorOf(args)
    expect(error).toBeInstanceOf(UsageError)
    expect(error.message).toContain(message)
  })
})
