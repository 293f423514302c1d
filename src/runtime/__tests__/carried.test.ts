import { exchangesCarrying } from '../carried'
import { redact } from '../redaction'
import type { Exchange } from '../types'

const SECRET = 'producer-token-for-tests'

const exchange = (body: unknown, status = 202): Exchange => ({
  request: {
    method: 'POST',
    url: 'https://livelike.example/api/v1/',
    headers: { authorization: '[redacted]' },
    body: redact(typeof body === 'string' ? body : JSON.stringify(body), SECRET)
  },
  response: { status, statusText: 'Accepted', headers: {}, body: '{}' }
})

describe('exchangesCarrying', () => {
  it('gives each item the requests that carried it, in an events object or a bare array', () => {
    const a = { event_name: 'A', message_id: 'm-a' }
    const b = { event_name: 'B', message_id: 'm-b' }
    const member = { user_id: 'u-1', audience_id: 'aud', action: true }
    const both = exchange({ events: [a, b] }, 400)
    const onlyB = exchange({ events: [b] })
    const members = exchange([member])

    expect(exchangesCarrying([both, onlyB, members], [a, b, member, undefined], SECRET)).toEqual([
      [both],
      [both, onlyB],
      [members],
      []
    ])
  })

  it('finds an item the token was redacted out of, and none in a body that is not JSON', () => {
    const leaky = { event_name: 'A', properties: { note: `token ${SECRET}` } }
    const sent = exchange({ events: [leaky] })
    expect(sent.request.body).not.toContain(SECRET)

    expect(exchangesCarrying([sent, exchange('not json')], [leaky], SECRET)).toEqual([[sent]])
  })

  it('does not take an item for one it only resembles', () => {
    const sent = exchange({ events: [{ event_name: 'A', message_id: 'm-a' }] })
    expect(exchangesCarrying([sent], [{ event_name: 'A' }], SECRET)).toEqual([[]])
  })
})
