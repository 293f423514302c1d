import { ReasonCounter } from '../reasons'

describe('failures counted by reason', () => {
  it('keeps the lowest ten positions of each message in order, whatever order they come in', () => {
    const counter = new ReasonCounter()
    for (const position of [40, 12, 7, 99, 3, 55, 21, 8, 70, 64, 1, 30]) {
      counter.add('No identity.', position)
    }
    counter.add('Bad timestamp.', 5)

    expect(counter.summary()).toEqual({
      count: 13,
      reasons: [
        { message: 'No identity.', count: 12, positions: [1, 3, 7, 8, 12, 21, 30, 40, 55, 64] },
        { message: 'Bad timestamp.', count: 1, positions: [5] }
      ]
    })
  })

  it('counts messages past the twentieth distinct one together', () => {
    const counter = new ReasonCounter()
    for (let i = 0; i < 25; i++) {
      counter.add(`Reason ${i}.`, i)
    }

    const { count, reasons } = counter.summary()
    expect(count).toBe(25)
    expect(reasons).toHaveLength(21)
    expect(reasons[0]).toEqual({
      message: 'Other reasons (only the first 20 distinct messages are kept).',
      count: 5,
      positions: [20, 21, 22, 23, 24]
    })
  })
})
