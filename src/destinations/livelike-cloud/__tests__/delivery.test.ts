import { createRequestClient, PayloadValidationError } from '@segment/actions-core'
import { sendBatch } from '../delivery'
import type { DeliveryPlan } from '../delivery'
import { liveLikeApi, segmentEventsPath, settings } from './helpers'
import { segmentEventsUrl } from '../urls'

const request = createRequestClient({ headers: { authorization: `Bearer ${settings.producerToken}` } })

const planThatThrows = (error: Error): DeliveryPlan<string, { name: string }> => ({
  url: (current) => segmentEventsUrl(current.clientId),
  toItem: (name) => {
    if (name === 'bad') {
      throw error
    }
    return { name }
  },
  body: (events) => ({ events })
})

describe('delivery', () => {
  it('reports an item its plan refuses and sends the others', async () => {
    const scope = liveLikeApi()
      .post(segmentEventsPath(), { events: [{ name: 'good' }] })
      .reply(202, 'accepted', { 'Content-Type': 'text/plain' })

    const results = await sendBatch(
      request,
      settings,
      ['good', 'bad'],
      planThatThrows(new PayloadValidationError('no'))
    )

    expect(scope.isDone()).toBe(true)
    expect(results.getAllResponses().map((response) => response.value())).toEqual([
      { status: 202, sent: { name: 'good' }, body: 'accepted' },
      { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', errormessage: 'no' }
    ])
  })

  it('lets a programming error through instead of reporting it as bad data', async () => {
    const defect = new TypeError('plan is broken')

    await expect(sendBatch(request, settings, ['good', 'bad'], planThatThrows(defect))).rejects.toBe(defect)
  })
})
