import type { DestinationDefinition } from '@segment/actions-core'
import { destinationMetadata, renderMetadata } from '../lib/metadata'
import { runScript } from './run-script'

const noop = async () => undefined

const sample = {
  name: 'Sample',
  slug: 'actions-sample',
  mode: 'cloud',
  authentication: {
    scheme: 'custom',
    fields: {
      apiKey: { label: 'API Key', description: 'The key.', type: 'password', required: true },
      region: { label: 'Region', description: 'Where.', type: 'string', choices: ['eu', 'us'], default: 'us' }
    }
  },
  presets: [{ name: 'Track', subscribe: 'type = "track"', partnerAction: 'send', mapping: {}, type: 'automatic' }],
  actions: {
    send: {
      title: 'Send',
      description: 'Sends.',
      defaultSubscription: 'type = "track"',
      fields: {
        user: {
          label: 'User',
          description: 'Who.',
          type: 'object',
          unsafe_hidden: true,
          properties: { id: { label: 'ID', description: 'The ID.', type: 'string', required: true } }
        },
        kind: {
          label: 'Kind',
          description: 'What kind.',
          type: 'string',
          choices: [{ label: 'Purchase', value: 'purchase' }],
          dynamic: noop
        }
      },
      hooks: {
        onMappingSave: { label: 'Create', description: 'Creates.', inputFields: {}, performHook: noop },
        notAHook: { label: 'Ignored', description: 'Not a hook type.', performHook: noop }
      },
      dynamicFields: { kind: noop, user: { __keys__: noop, id: noop } },
      perform: noop,
      performBatch: noop
    },
    legacy: { title: 'Legacy', description: 'Old.', hidden: true, fields: {}, perform: noop }
  }
} as unknown as DestinationDefinition<unknown>

describe('metadata.json', () => {
  it('is up to date with the definition (run `npm run metadata` when this fails)', () => {
    expect(runScript('scripts/generate-metadata.ts', ['--check'])).toMatchObject({ status: 0, stderr: '' })
  })

  it('describes settings with choices as label and value pairs and null placeholders', () => {
    expect(destinationMetadata(sample).authentication).toEqual({
      scheme: 'custom',
      fields: {
        apiKey: {
          label: 'API Key',
          description: 'The key.',
          type: 'password',
          required: true,
          multiple: false,
          choices: null,
          default: null,
          depends_on: null
        },
        region: expect.objectContaining({
          required: false,
          choices: [
            { label: 'eu', value: 'eu' },
            { label: 'us', value: 'us' }
          ],
          default: 'us'
        })
      }
    })
  })

  it('describes actions without their functions: batch support, hidden state, hook types and declared dynamic keys', () => {
    const { send, legacy } = destinationMetadata(sample).actions
    expect(send).toMatchObject({
      platform: 'cloud',
      defaultSubscription: 'type = "track"',
      hidden: false,
      hasPerformBatch: true,
      syncMode: null,
      hooks: { onMappingSave: { label: 'Create', description: 'Creates.', inputFields: {}, outputFields: {} } },
      dynamicFields: { user: ['__keys__'] }
    })
    expect(Object.keys(send.hooks ?? {})).toEqual(['onMappingSave'])
    expect(send.fields.kind).toMatchObject({ dynamic: true, choices: [{ label: 'Purchase', value: 'purchase' }] })
    expect(send.fields.user).toMatchObject({
      hidden: true,
      properties: { id: expect.objectContaining({ required: true }) }
    })
    expect(legacy).toMatchObject({ hidden: true, hasPerformBatch: false, defaultSubscription: null, hooks: null })
  })

  it('writes every field key in the order upstream commits them, as two-space JSON with a final newline', () => {
    const text = renderMetadata(sample)
    expect(text.endsWith('}\n')).toBe(true)
    expect(Object.keys(JSON.parse(text))).toEqual([
      'slug',
      'name',
      'mode',
      'authentication',
      'audienceConfig',
      'actions',
      'presets'
    ])
    expect(Object.keys(JSON.parse(text).actions.send.fields.kind)).toEqual([
      'label',
      'description',
      'type',
      'required',
      'multiple',
      'allowNull',
      'dynamic',
      'default',
      'choices',
      'placeholder',
      'properties',
      'category',
      'depends_on',
      'readOnly',
      'hidden',
      'minimum',
      'maximum',
      'defaultObjectUI',
      'disabledInputMethods',
      'displayMode',
      'format',
      'additionalProperties'
    ])
    expect(text).toContain('\n  "presets": [\n    {\n      "name": "Track",')
  })
})
