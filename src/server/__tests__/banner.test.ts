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
