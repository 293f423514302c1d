import { buildConsolePage } from '../../../scripts/build-console'
import { banner } from '../banner'
import type { RunningServer } from '../server'
import { call, startTestServer } from './helpers'

let server: RunningServer

beforeAll(async () => {
  await buildConsolePage()
  server = await startTestServer()
})

afterAll(async () => {
  await server?.close()
})

describe('the start-up banner', () => {
  it('leads with the console, at a URL that serves its page', async () => {
    const lines = banner(server).split('\n')
    const consoleLine = lines.find((line) => line.trimStart().startsWith('Console'))
    expect(consoleLine).toContain(`${server.url}/ `)
    expect(lines.indexOf(consoleLine as string)).toBeLessThan(lines.findIndex((line) => line.includes('Dev server')))

    const page = await call<string>(`${server.url}/`)
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('<script')
  })
})

describe('the Mappings file line', () => {
  it('names the file the console saves to: the --subscriptions file, or one of its own under .livelike/', async () => {
    const line = (running: RunningServer) =>
      banner(running)
        .split('\n')
        .find((text) => text.trimStart().startsWith('Mappings file'))
    expect(line(server)).toMatch(
      /Mappings file {5}\S+[\\/]\.livelike[\\/]subscriptions-\d{8}-\d{6}-\d+(-\d+)?\.json \(/
    )
    expect(line(server)).toContain(server.subscriptionsFile)

    const given = await startTestServer({ subscriptionsFile: '/srv/mappings/saved.json' })
    try {
      expect(line(given)).toContain('Mappings file     /srv/mappings/saved.json (')
    } finally {
      await given.close()
    }
  })
})
