import { TrackingApiStandIn } from '../../sandbox/__tests__/tracking-api-stand-in'
import { replay, scratchFolder, trackEvent } from './helpers'

jest.setTimeout(120_000)

const scratch = scratchFolder()
afterAll(() => scratch.remove())

describe("the embedded sandbox's LiveLike source in a replay", () => {
  const trackingApi = new TrackingApiStandIn()
  beforeAll(() => trackingApi.start())
  afterAll(() => trackingApi.stop())

  const file = () =>
    scratch.write('three.jsonl', ['a', 'b', 'c'].map((id) => JSON.stringify(trackEvent(id))).join('\n'))

  it('stays off by default, even with SANDBOX_SOURCE_WRITE_KEY and SANDBOX_SOURCE_HOST set', async () => {
    const env = { SANDBOX_SOURCE_WRITE_KEY: 'from-env', SANDBOX_SOURCE_HOST: trackingApi.url }
    const saved = { ...process.env }
    Object.assign(process.env, env)
    try {
      const { report } = await replay([file()], env)
      expect(report).toMatchObject({ delivered: 3 })
    } finally {
      process.env = saved
    }
    expect(trackingApi.received).toEqual([])
  })

  it('reports each reward to the Tracking API --livelike-source names, and delivers them all before it ends', async () => {
    const { report } = await replay([file(), '--livelike-source', trackingApi.url])
    expect(report).toMatchObject({ delivered: 3 })
    expect(trackingApi.events('Reward Item Rewarded')).toHaveLength(3)
    expect(trackingApi.received.every(({ writeKey }) => writeKey === 'livelike-source')).toBe(true)
  })

  it('refuses --livelike-source beside --sandbox or --live', async () => {
    await expect(
      replay([file(), '--livelike-source', trackingApi.url, '--sandbox', 'http://127.0.0.1:1'])
    ).rejects.toThrow('--livelike-source needs the embedded sandbox')
  })
})
