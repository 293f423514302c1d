import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseOptions } from '../options'

describe('parseOptions', () => {
  it('defaults to ports 3000 and 3100, the sandbox, any write key and the presets', async () => {
    await expect(parseOptions([], {})).resolves.toEqual({
      port: 3000,
      sandboxPort: 3100,
      live: undefined,
      writeKey: undefined,
      subscriptions: undefined,
      subscriptionsFile: undefined,
      logFormat: undefined,
      liveLikeSource: true,
      allowLoops: undefined
    })
  })

  it("turns the sandbox's LiveLike source off, and lets loops run for 3 hops or the hops given", async () => {
    await expect(parseOptions(['--no-livelike-source'], {})).resolves.toMatchObject({ liveLikeSource: false })
    await expect(parseOptions(['--allow-loops'], {})).resolves.toMatchObject({ allowLoops: 3 })
    await expect(parseOptions(['--allow-loops', '5'], {})).resolves.toMatchObject({ allowLoops: 5 })
    await expect(parseOptions(['--allow-loops', '0'], {})).rejects.toMatchObject({ name: 'UsageError' })
  })

  it('loads --subscriptions and names the same file, as an absolute path, for the console to save to', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'options-'))
    try {
      const file = join(dir, 'saved.json')
      const subscription = {
        name: 'Audiences',
        subscribe: 'type = "identify"',
        partnerAction: 'syncToUserGroup',
        mapping: {}
      }
      await writeFile(file, JSON.stringify([subscription]))
      await expect(parseOptions(['--subscriptions', relative(process.cwd(), file)], {})).resolves.toMatchObject({
        subscriptions: [subscription],
        subscriptionsFile: file
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  describe('options npm kept for itself (npm start without --)', () => {
    let dir: string
    let file: string
    const subscription = {
      name: 'Orders',
      subscribe: 'event = "Order Completed"',
      partnerAction: 'sendEvent',
      mapping: {}
    }

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'npm-options-'))
      file = join(dir, 'orders.json')
      await writeFile(file, JSON.stringify([subscription]))
    })

    afterAll(() => rm(dir, { recursive: true, force: true }))

    it('reads npm start --subscriptions <file>: npm sets its own setting to true and passes the file bare', async () => {
      await expect(parseOptions([file], { npm_config_subscriptions: 'true' })).resolves.toMatchObject({
        subscriptions: [subscription],
        subscriptionsFile: file
      })
    })

    it('reads --subscriptions=<file>, --live, --allow-loops and --no-livelike-source from the settings npm kept', async () => {
      const env = {
        npm_config_subscriptions: file,
        npm_config_port: '0',
        npm_config_allow_loops: 'true',
        npm_config_livelike_source: ''
      }
      await expect(parseOptions([], env)).resolves.toMatchObject({
        subscriptions: [subscription],
        port: 0,
        allowLoops: 3,
        liveLikeSource: false
      })
      await expect(parseOptions([], { npm_config_live: 'true' })).rejects.toThrow(/--live needs LIVELIKE_CLIENT_ID/)
    })

    it('says to put -- first when bare values cannot be paired with the options npm kept', async () => {
      const message =
        'npm kept --subscriptions, --port for itself and passed on only the values: put -- before the options, as in npm start -- --subscriptions <subscriptions> --port <port>'
      await expect(
        parseOptions([file, '3000'], { npm_config_subscriptions: 'true', npm_config_port: 'true' })
      ).rejects.toMatchObject({ name: 'UsageError', message })
      await expect(
        parseOptions(['--write-key', 'wk_1', file], { npm_config_subscriptions: 'true' })
      ).rejects.toMatchObject({ name: 'UsageError', message: expect.stringContaining('npm start -- --subscriptions') })
    })
  })

  it('reads PORT and SANDBOX_PORT, and flags win over them', async () => {
    await expect(parseOptions([], { PORT: '4000', SANDBOX_PORT: '4100' })).resolves.toMatchObject({
      port: 4000,
      sandboxPort: 4100
    })
    await expect(parseOptions(['--port', '0'], { PORT: '4000' })).resolves.toMatchObject({ port: 0 })
  })

  it('takes the write key to require', async () => {
    await expect(parseOptions(['--write-key', 'wk_1'], {})).resolves.toMatchObject({ writeKey: 'wk_1' })
  })

  it('reads the log format from --log-format or LOG_FORMAT, the flag first', async () => {
    await expect(parseOptions(['--log-format', 'json'], {})).resolves.toMatchObject({ logFormat: 'json' })
    await expect(parseOptions([], { LOG_FORMAT: 'pretty' })).resolves.toMatchObject({ logFormat: 'pretty' })
    await expect(parseOptions(['--log-format', 'pretty'], { LOG_FORMAT: 'json' })).resolves.toMatchObject({
      logFormat: 'pretty'
    })
  })

  it.each([
    [['--live'], { LIVELIKE_CLIENT_ID: 'c', LIVELIKE_PRODUCER_TOKEN: 't' }],
    [[], { LIVELIKE_LIVE: '1', LIVELIKE_CLIENT_ID: 'c', LIVELIKE_PRODUCER_TOKEN: 't' }]
  ])('uses the real API with credentials from the environment (%p)', async (argv, env) => {
    await expect(parseOptions(argv, env)).resolves.toMatchObject({ live: { clientId: 'c', producerToken: 't' } })
  })

  it.each([
    [['--live'], { LIVELIKE_CLIENT_ID: 'c' }, /^--live needs LIVELIKE_CLIENT_ID and LIVELIKE_PRODUCER_TOKEN/],
    [[], { LIVELIKE_LIVE: '1' }, /^--live needs LIVELIKE_CLIENT_ID and LIVELIKE_PRODUCER_TOKEN/],
    [['--port', 'abc'], {}, /--port <port>' argument 'abc' is invalid\. a port is a whole number/],
    [[], { PORT: '70000' }, /^PORT=70000 is not a port/],
    [
      ['--log-format', 'xml'],
      {},
      /--log-format <format>' argument 'xml' is invalid\. a log format is pretty or json\./
    ],
    [[], { LOG_FORMAT: 'xml' }, /^LOG_FORMAT=xml is not a log format: use pretty or json\.$/],
    [['--nope'], {}, /unknown option '--nope'/],
    [
      ['--subscriptions', 'no-such-file.json'],
      {},
      /^no-such-file\.json: cannot read the subscriptions file \(ENOENT\)$/
    ]
  ])('refuses %p %p with a one-line UsageError', async (argv, env, message) => {
    const parsing = parseOptions(argv, env)
    await expect(parsing).rejects.toMatchObject({ name: 'UsageError' })
    await expect(parseOptions(argv, env)).rejects.toThrow(message)
  })
})
