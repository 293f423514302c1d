import fc from 'fast-check'
import { AUTHORIZED, call, useSandbox } from './helpers'
import type { Page } from './helpers'

jest.setTimeout(300_000)

const sandbox = useSandbox({ clock: () => new Date('2024-03-07T12:00:00Z') })
const api = (method: string, path: string, body?: unknown) =>
  call(sandbox(), method, `/api/v1${path}`, body, AUTHORIZED)

async function everything() {
  const lists = ['reward-items', 'reward-actions', 'reward-tables', 'programs', 'invoked-actions']
  const pages = await Promise.all(lists.map((list) => api('GET', `/${list}/?client_id=demo&page_size=1000`)))
  return [...pages.map((page) => page.body), (await call(sandbox(), 'GET', '/_sandbox/rewards')).body]
}

describe('the reward routes with generated bodies', () => {
  it('answer every body with 201 or a JSON detail, and change nothing when they refuse it', async () => {
    const [program] = ((await api('GET', '/programs/?client_id=demo')).body as Page).results
    const [item] = ((await api('GET', '/reward-items/?client_id=demo')).body as Page).results
    const [table] = ((await api('GET', '/reward-tables/?client_id=demo')).body as Page).results
    const text = fc.oneof(
      fc.constantFrom(
        'demo',
        'segment-event',
        'quiz-correct',
        'day',
        'minute',
        'UTC',
        'Europe/Paris',
        '2024-03-07',
        ''
      ),
      fc.constant(program.id),
      fc.constant(item.id),
      fc.string({ maxLength: 12 })
    )
    const value = fc.oneof(text, fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null), fc.jsonValue())
    const limit = fc.dictionary(
      fc.constantFrom('is_enabled', 'unit', 'frequency', 'action_limit_count', 'duration', 'timezone'),
      value
    )
    const entry = fc.dictionary(
      fc.constantFrom('action', 'reward_item_id', 'reward_item_amount', 'rate_limit', 'reward_limit'),
      fc.oneof(value, limit)
    )
    const fields = [
      'client_id',
      'name',
      'key',
      'title',
      'scheduled_at',
      'program_id',
      'reward_action_key',
      'profile_id',
      'custom_profile_id',
      'code',
      'attributes',
      'description'
    ]
    const body = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.constantFrom(...fields), value),
      fc.record({ client_id: fc.constant('demo'), name: text, entries: fc.array(entry, { maxLength: 3 }) }),
      fc.record({
        program_id: fc.constant(program.id),
        updates: fc.array(
          fc.dictionary(
            fc.constantFrom('profile_id', 'custom_profile_id', 'code', 'reward_actions'),
            fc.oneof(value, fc.array(fc.dictionary(fc.constantFrom('reward_action_key', 'attributes'), value)))
          ),
          { maxLength: 3 }
        )
      }),
      entry
    )
    const paths = [
      '/reward-items/',
      '/reward-actions/',
      '/reward-tables/',
      `/reward-tables/${table.id}/entries/`,
      '/programs/',
      '/invoked-actions/',
      '/batch-invoked-actions/'
    ]
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), body, async (path, generated) => {
        const before = await everything()
        const answer = await api('POST', path, generated)
        if (answer.status === 201) {
          return
        }
        expect([400, 404, 409]).toContain(answer.status)
        expect(typeof (answer.body as { detail: unknown }).detail).toBe('string')
        expect(await everything()).toEqual(before)
      }),
      { numRuns: 300 }
    )
  })
})
