import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TRACK_CALLS_NOT_FROM_LIVELIKE } from '../../destinations/livelike-cloud/livelike-source-events'
import { loadSubscriptions, presetSubscriptions } from '..'

describe('presetSubscriptions', () => {
  it("are the destination presets for track (but LiveLike's own source events), page and screen calls on sendEvent", () => {
    expect(
      presetSubscriptions().map(({ name, subscribe, partnerAction }) => ({ name, subscribe, partnerAction }))
    ).toEqual([
      { name: 'Track Calls', subscribe: TRACK_CALLS_NOT_FROM_LIVELIKE, partnerAction: 'sendEvent' },
      { name: 'Page Calls', subscribe: 'type = "page"', partnerAction: 'sendEvent' },
      { name: 'Screen Calls', subscribe: 'type = "screen"', partnerAction: 'sendEvent' }
    ])
  })
})

describe('loadSubscriptions', () => {
  let dir: string
  const fileWith = async (content: string) => {
    const file = join(dir, `subscriptions-${Math.random().toString(36).slice(2)}.json`)
    await writeFile(file, content)
    return file
  }
  const valid = { name: 'Audiences', subscribe: 'type = "identify"', partnerAction: 'syncToUserGroup', mapping: {} }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'subscriptions-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads saved mappings', async () => {
    const file = await fileWith(JSON.stringify([{ ...valid, mapping: { audience_id: { '@path': '$.traits.id' } } }]))
    await expect(loadSubscriptions(file)).resolves.toEqual([
      { ...valid, mapping: { audience_id: { '@path': '$.traits.id' } } }
    ])
  })

  it('keeps "enabled": false, and only that value of it', async () => {
    const file = await fileWith(
      JSON.stringify([
        { ...valid, enabled: false },
        { ...valid, name: 'On', enabled: true }
      ])
    )
    await expect(loadSubscriptions(file)).resolves.toEqual([
      { ...valid, enabled: false },
      { ...valid, name: 'On' }
    ])
  })

  it('names the file when it cannot be read', async () => {
    const file = join(dir, 'missing.json')
    await expect(loadSubscriptions(file)).rejects.toThrow(`${file}: cannot read the subscriptions file (ENOENT)`)
  })

  it.each([
    ['not JSON', '[{', 'not valid JSON'],
    ['not an array', '{}', 'expected a non-empty JSON array'],
    ['an empty array', '[]', 'expected a non-empty JSON array'],
    ['an item that is not an object', '[1]', 'subscription 1 is not an object'],
    ['an item without a name', JSON.stringify([{ ...valid, name: '' }]), 'subscription 1 needs a "name"'],
    [
      'FQL that does not parse',
      JSON.stringify([{ ...valid, subscribe: 'nonsense(((' }]),
      'subscription 1 ("Audiences") "subscribe" is not valid FQL'
    ],
    [
      'an unknown partnerAction',
      JSON.stringify([valid, { ...valid, partnerAction: 'sendEvents' }]),
      'subscription 2 ("Audiences") "partnerAction" must be one of sendEvent, trackEvent, syncToUserGroup, invokeRewardAction, not "sendEvents"'
    ],
    ['no mapping', JSON.stringify([{ ...valid, mapping: undefined }]), 'subscription 1 ("Audiences") needs "mapping"'],
    [
      '"enabled" that is not true or false',
      JSON.stringify([{ ...valid, enabled: 'no' }]),
      '"enabled" is true or false'
    ],
    [
      'two subscriptions of one name',
      JSON.stringify([valid, valid]),
      'subscription 2 ("Audiences") has the name of an earlier one'
    ]
  ])('refuses %s, naming the file and the problem', async (_, content, problem) => {
    const file = await fileWith(content)
    await expect(loadSubscriptions(file)).rejects.toThrow(`${file}: `)
    await expect(loadSubscriptions(file)).rejects.toThrow(problem)
  })
})
