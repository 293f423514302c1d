import type { DestinationDefinition } from '@segment/actions-core'
import { hookTypeStrings } from '@segment/actions-core/destination-kit'

/**
 * The metadata.json that segmentio/action-destinations keeps beside every destination: the definition as data,
 * functions left out. Upstream's CI regenerates the file and fails on any difference, so key order, null
 * placeholders and formatting follow upstream's generator exactly.
 */

type Choice = { label: string; value: unknown }
type Required = boolean | object

/** The parts of a setting or field definition the metadata reads. */
interface FieldSource {
  label?: string
  description?: string
  type: string
  required?: Required
  multiple?: boolean
  allowNull?: boolean
  dynamic?: unknown
  default?: unknown
  choices?: unknown
  placeholder?: string
  properties?: Record<string, FieldSource>
  category?: string
  depends_on?: unknown
  readOnly?: boolean
  unsafe_hidden?: boolean
  minimum?: number
  maximum?: number
  defaultObjectUI?: string
  disabledInputMethods?: string[]
  displayMode?: string
  format?: string
  additionalProperties?: boolean
}

interface HookSource {
  label?: string
  description?: string
  inputFields?: Record<string, FieldSource>
  outputTypes?: Record<string, FieldSource>
}

interface ActionSource {
  title?: string
  description?: string
  platform?: string
  defaultSubscription?: string
  hidden?: boolean
  performBatch?: unknown
  syncMode?: { default: string; label?: string; description?: string; choices?: { label: string; value: string }[] }
  hooks?: Record<string, HookSource>
  dynamicFields?: Record<string, unknown>
  fields?: Record<string, FieldSource>
}

interface PresetSource {
  name: string
  type?: string
  partnerAction?: string
  subscribe?: string
  mapping?: Record<string, unknown>
  eventSlug?: string
}

interface AudienceSource {
  audienceConfig?: {
    mode: { type: string; full_audience_sync?: boolean }
    createAudience?: unknown
    getAudience?: unknown
  }
  audienceFields?: Record<string, FieldSource>
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value)

function required(field: FieldSource): Required {
  return typeof field.required === 'object' && field.required !== null ? field.required : field.required === true
}

function choices(field: FieldSource): Choice[] | null {
  if (!Array.isArray(field.choices) || field.choices.length === 0) {
    return null
  }
  return field.choices.map((choice: unknown) =>
    typeof choice === 'object' && choice !== null && 'label' in choice && 'value' in choice
      ? (choice as Choice)
      : { label: String(choice), value: choice }
  )
}

function mapValues<T, U>(record: Record<string, T> | undefined, toValue: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, toValue(value)]))
}

function settingMetadata(field: FieldSource) {
  return {
    label: field.label,
    description: field.description,
    type: field.type,
    required: required(field),
    multiple: field.multiple ?? false,
    choices: choices(field),
    default: orNull(field.default),
    depends_on: orNull(field.depends_on)
  }
}

function fieldMetadata(field: FieldSource): object {
  const nested = field.type === 'object' && field.properties && typeof field.properties === 'object'
  return {
    label: field.label,
    description: field.description,
    type: field.type,
    required: required(field),
    multiple: field.multiple ?? false,
    allowNull: field.allowNull ?? false,
    dynamic: typeof field.dynamic === 'function' ? true : (field.dynamic ?? false),
    default: orNull(field.default),
    choices: choices(field),
    placeholder: orNull(field.placeholder),
    properties: nested ? mapValues(field.properties, fieldMetadata) : null,
    category: orNull(field.category),
    depends_on: orNull(field.depends_on),
    readOnly: orNull(field.readOnly),
    hidden: orNull(field.unsafe_hidden),
    minimum: orNull(field.minimum),
    maximum: orNull(field.maximum),
    defaultObjectUI: orNull(field.defaultObjectUI),
    disabledInputMethods: orNull(field.disabledInputMethods),
    displayMode: orNull(field.displayMode),
    format: orNull(field.format),
    additionalProperties: field.additionalProperties ?? false
  }
}

function hooksMetadata(hooks: Record<string, HookSource> | undefined) {
  const known = Object.entries(hooks ?? {}).filter(([key]) => (hookTypeStrings as readonly string[]).includes(key))
  if (known.length === 0) {
    return null
  }
  return Object.fromEntries(
    known.map(([key, hook]) => [
      key,
      {
        label: hook.label ?? key,
        description: hook.description ?? '',
        inputFields: mapValues(hook.inputFields, fieldMetadata),
        outputFields: mapValues(hook.outputTypes, fieldMetadata)
      }
    ])
  )
}

// Only declared key and value lists are data; a function that fetches them at run time is left out.
function dynamicFieldsMetadata(dynamicFields: Record<string, unknown> | undefined) {
  const declared = Object.entries(dynamicFields ?? {})
    .filter(([, dynamic]) => typeof dynamic === 'object' && dynamic !== null)
    .map(([key, dynamic]) => [
      key,
      Object.keys(dynamic as object).filter((k) => k === '__keys__' || k === '__values__')
    ])
    .filter(([, kinds]) => kinds.length > 0)
  return declared.length > 0 ? Object.fromEntries(declared) : null
}

function actionMetadata(key: string, action: ActionSource) {
  const { syncMode } = action
  return {
    title: action.title ?? key,
    description: action.description ?? '',
    platform: action.platform === 'web' ? 'web' : 'cloud',
    defaultSubscription: orNull(action.defaultSubscription),
    hidden: action.hidden ?? false,
    hasPerformBatch: typeof action.performBatch === 'function',
    syncMode: syncMode
      ? {
          default: syncMode.default,
          label: syncMode.label ?? 'Sync Mode',
          description: syncMode.description ?? '',
          choices: (syncMode.choices ?? []).map(({ value, label }) => ({ value, label }))
        }
      : null,
    hooks: hooksMetadata(action.hooks),
    dynamicFields: dynamicFieldsMetadata(action.dynamicFields),
    fields: mapValues(action.fields, fieldMetadata)
  }
}

function audienceConfigMetadata({ audienceConfig, audienceFields }: AudienceSource) {
  if (!audienceConfig) {
    return null
  }
  const { mode } = audienceConfig
  return {
    mode:
      mode.type === 'synced'
        ? { type: 'synced', full_audience_sync: mode.full_audience_sync ?? false }
        : { type: 'realtime' },
    audienceFields: mapValues(audienceFields, settingMetadata),
    supportsAudienceFunctions:
      typeof audienceConfig.createAudience === 'function' && typeof audienceConfig.getAudience === 'function'
  }
}

function presetMetadata(preset: PresetSource) {
  return {
    name: preset.name,
    type: preset.type,
    partnerAction: preset.partnerAction,
    subscribe: preset.subscribe,
    mapping: preset.mapping ?? {},
    eventSlug: orNull(preset.eventSlug)
  }
}

export function destinationMetadata<Settings>(definition: DestinationDefinition<Settings>) {
  const { authentication } = definition
  return {
    slug: definition.slug,
    name: definition.name,
    mode: definition.mode,
    description: definition.description,
    authentication: authentication
      ? {
          scheme: authentication.scheme,
          fields: mapValues(authentication.fields as Record<string, FieldSource>, settingMetadata)
        }
      : null,
    audienceConfig: audienceConfigMetadata(definition as AudienceSource),
    actions: Object.fromEntries(
      Object.entries(definition.actions).map(([key, action]) => [key, actionMetadata(key, action as ActionSource)])
    ),
    presets: ((definition.presets ?? []) as PresetSource[]).map(presetMetadata)
  }
}

/** The file as upstream commits it: two-space JSON (upstream's Prettier ignores metadata.json) and a final newline. */
export function renderMetadata<Settings>(definition: DestinationDefinition<Settings>): string {
  return `${JSON.stringify(destinationMetadata(definition), null, 2)}\n`
}
