import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultSubscriptionsFile } from '../subscriptions-file'

describe('defaultSubscriptionsFile', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'subscriptions-file-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it("is a file of this start's own under .livelike/ in the working directory, never one that exists", async () => {
    const now = new Date('2026-12-06T02:33:31.250Z')
    const first = defaultSubscriptionsFile(dir, now, 4242)
    expect(first).toBe(join(dir, '.livelike', 'subscriptions-20261206-023331-4242.json'))
    await mkdir(join(dir, '.livelike'))
    await writeFile(first, '[]')
    expect(defaultSubscriptionsFile(dir, now, 4242)).toBe(
      join(dir, '.livelike', 'subscriptions-20261206-023331-4242-2.json')
    )
  })

  it('differs for two servers started in the same second, before either has saved', () => {
    const now = new Date('2026-12-06T02:33:31.250Z')
    expect(defaultSubscriptionsFile(dir, now, 4242)).not.toBe(defaultSubscriptionsFile(dir, now, 4243))
  })
})
