import { readFileSync } from 'fs'
import { join } from 'path'
import nock from 'nock'
import { createTestEvent, createTestIntegration, defaultValues, RetryableError } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import destination from '../index'
import sendEvent from '../sendEvent'
import { REQUEST_TIMEOUT_MS } from '../constants'
import type { Settings } from '../generated-types'
import { liveLikeApi, segmentEventsPath, settings } from './helpers'

const DESTINATION_PAGE = readFileSync(join(__dirname, '../../../../docs/destination.md'), 'utf8')

interface Row {
  answer: string
  single: string
  batch: string
  retried: string
  message: string
}

function errorTableRows(): Row[] {
  const section = DESTINATION_PAGE.slice(DESTINATION_PAGE.indexOf('## Errors\n'))
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('|')))
  return table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim())
    )
    .map(([answer, single, batch, retried, message]) => ({ answer, single, batch, retried, message }))
}

/** What makes each row happen: the event or settings to send, and how LiveLike answers. */
interface Scenario {
  statuses?: number[]
  event?: Partial<SegmentEvent>
  settings?: Partial<Settings>
  transport?: 'timeout' | 'reset'
}

const SCENARIOS: Record<string, Scenario> = {
  '2xx, any body': { statuses: [200, 202, 204] },
  '(no call) event without identity': { event: { userId: undefined, properties: {} } },
  '(no call) timestamp that is not a date': { event: { timestamp: 'last tuesday' } },
  '(no call) blank event name': { event: { event: '   ' } },
  '(no call) required field missing': { event: { event: undefined } },
  '(no call) Custom ID over 255 characters': { event: { properties: { custom_id: 'x'.repeat(256) } } },
  '(no call) Event Type not `track`, `page` or `screen`': { event: { type: 'identify' } },
  '(no call) Producer Token empty or with spaces or line breaks': { settings: { producerToken: 'two words' } },
  '(no call) Client ID `.`, `..` or not encodable': { settings: { clientId: '..' } },
  'timeout (10 s)': { transport: 'timeout' },
  'connection reset, DNS or other network error': { transport: 'reset' }
}

// Segment's pipeline retries these statuses, and errors with none.
const isRetriedBySegment = (status: number) => [408, 423, 429].includes(status) || (status >= 500 && status !== 501)

const statusesOf = (answer: string) => (answer.match(/\b\d{3}\b/g) ?? []).map(Number)
const backticked = (cell: string) => /`([A-Za-z_]+)`/.exec(cell)?.[1]

function scenarioFor(row: Row): Scenario {
  const statuses = statusesOf(row.answer)
  return SCENARIOS[row.answer] ?? (statuses.length > 0 ? { statuses } : {})
}

/** The cases a row stands for, with a label: one per LiveLike status, or one for a row with no HTTP answer. */
function casesOf(row: Row): [string, number | undefined][] {
  const { statuses, transport } = scenarioFor(row)
  return statuses ? statuses.map((status) => [String(status), status]) : [[transport ?? 'no call', undefined]]
}

function arrange(scenario: Scenario, status: number | undefined): void {
  const interceptor = liveLikeApi().post(segmentEventsPath())
  if (scenario.transport === 'timeout') {
    // LiveLike never answers: the real timeout ends the call, so that no other row can time out on a busy machine.
    interceptor.reply(() => new Promise<never>(() => undefined)).persist()
  } else if (scenario.transport === 'reset') {
    interceptor.replyWithError('socket hang up').persist()
  } else if (status !== undefined) {
    interceptor.reply(status, { detail: 'LiveLike says no' }, { 'Retry-After': '7' }).persist()
  }
}

const eventFor = (scenario: Scenario) =>
  createTestEvent({
    type: 'track',
    event: 'Quiz Answered',
    userId: 'user-42',
    properties: { livelike_profile_id: 'profile-9' },
    ...scenario.event
  })

async function sendSingle(scenario: Scenario) {
  return createTestIntegration(destination)
    .testAction('sendEvent', {
      event: eventFor(scenario),
      settings: { ...settings, ...scenario.settings },
      useDefaultMappings: true
    })
    .then(
      (responses) => ({ ok: true as const, status: responses[0]?.status }),
      (error: Error & { status?: number }) => ({ ok: false as const, error })
    )
}

async function sendBatchOfTwo(scenario: Scenario) {
  return createTestIntegration(destination)
    .executeBatch('sendEvent', {
      events: [eventFor(scenario), eventFor(scenario)],
      mapping: defaultValues(sendEvent.fields),
      settings: { ...settings, ...scenario.settings }
    })
    .then(
      (results) => ({ ok: true as const, results }),
      (error: Error) => ({ ok: false as const, error })
    )
}

const rows = errorTableRows()

describe('the error table of docs/destination.md', () => {
  afterEach(() => nock.cleanAll())

  it('lists every case the tests drive, and the tests drive every row', () => {
    const answers = rows.map((row) => row.answer)

    expect(answers.length).toBeGreaterThanOrEqual(15)
    expect(Object.keys(SCENARIOS).filter((answer) => !answers.includes(answer))).toEqual([])
    expect(rows.filter((row) => statusesOf(row.answer).length === 0 && !SCENARIOS[row.answer])).toEqual([])
  })

  it('gives the timeout the code uses', () => {
    expect(rows.some((row) => row.answer === `timeout (${REQUEST_TIMEOUT_MS / 1000} s)`)).toBe(true)
  })

  describe.each(rows.map((row) => [row.answer, row] as const))('row "%s"', (_answer, row) => {
    const scenario = scenarioFor(row)

    it.each(casesOf(row))('holds for one event (%s)', async (_label, status) => {
      arrange(scenario, status)

      const outcome = await sendSingle(scenario)

      if (row.single === 'success') {
        expect(outcome).toEqual({ ok: true, status })
        return
      }
      expect(outcome.ok).toBe(false)
      const { error } = outcome as { error: Error & { status?: number } }
      expect(error.constructor.name).toBe(backticked(row.single))
      const singleStatus = /same status/.test(row.single) ? status : Number(/\b\d{3}\b/.exec(row.single)?.[0])
      if (!Number.isNaN(singleStatus)) {
        expect(error.status).toBe(singleStatus)
      }
      expect(error instanceof RetryableError).toBe(row.retried === 'yes')
      expect(error.message.toLowerCase()).toContain(row.message.toLowerCase())
    })

    it.each(casesOf(row))('holds for each event of a batch (%s)', async (_label, status) => {
      arrange(scenario, status)

      const outcome = await sendBatchOfTwo(scenario)

      if (row.batch === 'the whole batch fails with it') {
        expect(outcome.ok).toBe(false)
        expect((outcome as { error: Error }).error.constructor.name).toBe(backticked(row.single))
        return
      }
      expect(outcome.ok).toBe(true)
      const { results } = outcome as { results: { status: number; errortype?: string; errormessage?: string }[] }
      const batchStatus = /same status|the status/.test(row.batch) ? status : Number(/^\d{3}/.exec(row.batch)?.[0])
      for (const result of results) {
        expect(result.status).toBe(batchStatus)
        if (backticked(row.batch)) {
          expect(result.errortype).toBe(backticked(row.batch))
        }
        if (row.retried !== '-') {
          expect(isRetriedBySegment(result.status)).toBe(row.retried === 'yes')
          expect(result.errormessage?.toLowerCase()).toContain(row.message.toLowerCase())
        }
      }
    })
  })

  it('adds the wait LiveLike asked for to every retried status that carries Retry-After', async () => {
    const retried = rows.filter((row) => row.retried === 'yes').flatMap((row) => statusesOf(row.answer))
    for (const status of retried) {
      arrange({}, status)
      const outcome = await sendSingle({})
      expect((outcome as { error: Error }).error.message).toContain('LiveLike asked to wait 7 s.')
      nock.cleanAll()
    }
    expect(retried.length).toBeGreaterThan(5)
  })
})
