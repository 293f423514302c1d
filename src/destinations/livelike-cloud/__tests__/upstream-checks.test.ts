import type { InputField, Preset } from '@segment/actions-core'
import { parseFql } from '@segment/destination-subscriptions'
import type { ErrorCondition } from '@segment/destination-subscriptions'
import definition from '../index'
import { PRODUCTION_API_BASE_URL } from '../constants'
import { LIVELIKE_API_VERSION } from '../versioning-info'

// The checks segmentio/action-destinations applies to every destination before a pull request can merge.

const actions = Object.entries(definition.actions)
const settings = Object.entries(definition.authentication?.fields ?? {})
const presets = definition.presets ?? []

/** Every field with its path, nested object properties included. */
function allFields(fields: Record<string, InputField>, prefix = ''): [string, InputField][] {
  return Object.entries(fields).flatMap(([key, field]) => [
    [`${prefix}${key}`, field] as [string, InputField],
    ...allFields((field.properties ?? {}) as Record<string, InputField>, `${prefix}${key}.`)
  ])
}

const fqlError = (query: string) => (parseFql(query) as ErrorCondition).error

describe('upstream checks', () => {
  it.each(actions)('action %s has a title and a description', (_key, action) => {
    expect(action.title.trim()).not.toBe('')
    expect(action.description.trim()).not.toBe('')
  })

  it.each(actions.flatMap(([key, action]) => allFields(action.fields).map(([path, field]) => [key, path, field])))(
    'field %s.%s has a label and a description',
    (_action, _path, field) => {
      const { label, description } = field as InputField
      expect(label.trim()).not.toBe('')
      expect(description.trim()).not.toBe('')
    }
  )

  it.each(settings)('setting %s has a label and a description', (_key, setting) => {
    expect(setting.label.trim()).not.toBe('')
    expect(setting.description.trim()).not.toBe('')
  })

  it.each(presets.map((preset) => [preset.name, preset] as const))(
    'preset %s names an action that exists and maps only fields of that action',
    (_name: string | undefined, preset: Preset) => {
      const action = definition.actions[preset.partnerAction]
      expect(action).toBeDefined()
      const unknown = Object.keys(preset.mapping ?? {}).filter((key) => !(key in action.fields))
      expect(unknown).toEqual([])
    }
  )

  it.each(
    presets.filter((preset) => preset.type === 'automatic').map((preset) => [preset.name, preset.subscribe] as const)
  )('preset %s subscribes with valid FQL', (_name: string | undefined, subscribe: string) => {
    expect(fqlError(subscribe)).toBeUndefined()
  })

  it.each(
    actions
      .filter(([, action]) => action.defaultSubscription !== undefined)
      .map(([key, action]) => [key, action.defaultSubscription as string])
  )('default subscription of %s is valid FQL', (_key: string, subscription: string) => {
    expect(fqlError(subscription)).toBeUndefined()
  })

  it('the FQL check rejects an unterminated query', () => {
    expect(fqlError('type = "track')).toBeInstanceOf(Error)
  })

  it.each(settings.filter(([key]) => /key|token|secret|password/i.test(key)))(
    'setting %s, a secret by its name, is a password field',
    (_key, setting) => {
      expect(setting.type).toBe('password')
    }
  )

  it('has at least one secret setting, so the password check above runs', () => {
    expect(settings.some(([key]) => /token/i.test(key))).toBe(true)
  })

  it('calls the LiveLike API version versioning-info.ts declares', () => {
    expect(LIVELIKE_API_VERSION).toBe('v1')
    expect(new URL(PRODUCTION_API_BASE_URL).pathname).toBe(`/api/${LIVELIKE_API_VERSION}`)
  })
})
