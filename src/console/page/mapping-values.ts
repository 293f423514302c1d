import type { FieldView } from '../shared/mappings'

/** How a field gets its value: a path of the event, a fixed value, a template, a dynamic choice, another directive. */
export type SourceKind = 'none' | 'path' | 'value' | 'template' | 'choice' | 'directive'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function only(value: Record<string, unknown>, key: string): boolean {
  const keys = Object.keys(value)
  return keys.length === 1 && keys[0] === key && typeof value[key] === 'string'
}

export function kindOf(field: FieldView, value: unknown): SourceKind {
  if (value === undefined || value === null || value === '') {
    return field.dynamic ? 'choice' : 'none'
  }
  if (isObject(value)) {
    if (only(value, '@path')) return 'path'
    if (only(value, '@template')) return 'template'
    if (Object.keys(value).some((key) => key.startsWith('@'))) return 'directive'
  }
  return field.dynamic && typeof value === 'string' ? 'choice' : 'value'
}

/** The kinds the editor offers for a field; the one it holds always among them. */
export function kindsFor(field: FieldView, current: SourceKind): SourceKind[] {
  const kinds: SourceKind[] = ['path', field.dynamic ? 'choice' : 'value', 'template', 'none']
  return current === 'directive' ? ['directive', ...kinds] : kinds
}

export const KIND_LABELS: Record<SourceKind, string> = {
  none: 'not mapped',
  path: 'event path',
  value: 'fixed value',
  template: 'template',
  choice: 'choose',
  directive: 'directive (JSON)'
}

/** The text a field's editor shows for its value. */
export function textOf(kind: SourceKind, value: unknown): string {
  if (kind === 'path') return String((value as { '@path': string })['@path'])
  if (kind === 'template') return String((value as { '@template': string })['@template'])
  if (kind === 'none' || value === undefined) return ''
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

/** The mapping value for what the editor holds, or a problem with it (a number that is not one, JSON that is not). */
export function valueOf(field: FieldView, kind: SourceKind, text: string): { value?: unknown; problem?: string } {
  switch (kind) {
    case 'none':
      return { value: undefined }
    case 'path':
      return { value: { '@path': text } }
    case 'template':
      return { value: { '@template': text } }
    case 'choice':
      return { value: text === '' ? undefined : text }
    case 'directive':
      return parseJson(text)
    case 'value':
      if (text === '') return { value: undefined }
      if (field.type === 'number' || field.type === 'integer') {
        const number = Number(text)
        return Number.isFinite(number) ? { value: number } : { problem: `${field.label} is a number.` }
      }
      if (field.type === 'boolean') return { value: text === 'true' }
      if (field.type === 'object' || field.multiple) return parseJson(text)
      return { value: text }
  }
}

function parseJson(text: string): { value?: unknown; problem?: string } {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch (error) {
    return { problem: `Not valid JSON: ${(error as Error).message}` }
  }
}

/** A new subscription's mapping: every field's default, as Segment's mapping screen starts one. */
export function defaultMapping(fields: FieldView[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.filter((field) => field.default !== undefined).map((field) => [field.key, field.default])
  )
}
