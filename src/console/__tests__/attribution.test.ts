import { call, testServerForFile } from '../../server/__tests__/helpers'
import type { EventDetail } from '../shared/types'
import { batchWithOneRefused } from './batch-with-one-refused'

const session = testServerForFile()

async function detailOf(messageId: string): Promise<EventDetail> {
  const answer = await call<EventDetail>(`${session.server.url}/_console/api/events/${messageId}?wait=30`)
  expect(answer.status).toBe(200)
  return answer.body
}

describe('the console JSON routes on a batch with an event refused before any request', () => {
  it.each([
    ['first', 0],
    ['in the middle', 2],
    ['last', 5]
  ])(
    'lists no request and no answer for the refused event when it is %s, and the request for the others',
    async (_, refused) => {
      const messageIds = await batchWithOneRefused(session.server.url, `attribution-${refused}`, refused)
      const details = await Promise.all(messageIds.map(detailOf))

      const refusedDetail = details[refused]
      expect(refusedDetail).toMatchObject({ stage: 'failed', reason: 'validation', settled: true })
      expect(refusedDetail.exchanges).toEqual([])
      const [fate] = refusedDetail.fates
      expect(fate.message).toMatch(/no LiveLike identity/)
      expect(fate.attempts).toEqual([expect.objectContaining({ number: 1, ok: false, status: 400, exchanges: [] })])

      const sent = details.filter((_, index) => index !== refused)
      for (const detail of sent) {
        expect(detail).toMatchObject({ stage: 'delivered' })
        expect(detail.fates[0].attempts).toEqual([expect.objectContaining({ status: 202, exchanges: [0] })])
        expect(detail.exchanges).toHaveLength(1)
        expect(detail.exchanges[0].response.status).toBe(202)
      }
      const body = JSON.parse(sent[0].exchanges[0].request.body) as { events: { message_id: string }[] }
      expect(body.events.map((item) => item.message_id)).toEqual(sent.map((detail) => detail.messageId))
      sent.forEach((detail) => expect(detail.exchanges[0].request.body).toBe(sent[0].exchanges[0].request.body))
    }
  )
})
