import { Fingerprints } from '../fingerprints'

describe('Fingerprints', () => {
  it('counts each ID added more than once, once, however often it came', () => {
    const seen = new Fingerprints(2)
    for (const id of ['a', 'b', 'a', 'c', 'a', 'b', 'd']) {
      seen.add(id)
    }
    expect(seen.repeated()).toBe(2)
  })

  it('grows past the size it expected and still finds a repeat among many IDs', () => {
    const seen = new Fingerprints(10)
    for (let n = 0; n < 5000; n++) {
      seen.add(`replay-${n}`)
    }
    expect(seen.repeated()).toBe(0)
    seen.add('replay-4321')
    expect(seen.repeated()).toBe(1)
  })

  it('finds nothing in nothing', () => {
    expect(new Fingerprints(0).repeated()).toBe(0)
  })
})
