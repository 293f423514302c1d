import type { InputField } from '@segment/actions-core'
import definition from '../../destinations/livelike-cloud'
import type { ActionView, FieldView } from '../shared/mappings'

function choicesOf(field: InputField): FieldView['choices'] {
  if (!Array.isArray(field.choices)) {
    return undefined
  }
  return field.choices.map((choice) =>
    typeof choice === 'string' ? { label: choice, value: choice } : { label: choice.label, value: String(choice.value) }
  )
}

function fieldView(key: string, field: InputField): FieldView {
  return {
    key,
    label: field.label,
    description: field.description,
    type: field.type,
    required: field.required === true,
    multiple: field.multiple === true,
    ...(choicesOf(field) && { choices: choicesOf(field) }),
    ...(field.default !== undefined && { default: field.default }),
    dynamic: field.dynamic === true,
    hidden: field.unsafe_hidden === true
  }
}

/** The destination's actions and their fields, read from its definition, for the mapping editor. */
export function actionCatalog(): ActionView[] {
  return Object.entries(definition.actions).map(([key, action]) => ({
    key,
    title: action.title,
    description: action.description,
    ...(action.defaultSubscription !== undefined && { defaultSubscription: action.defaultSubscription }),
    fields: Object.entries(action.fields).map(([fieldKey, field]) => fieldView(fieldKey, field as InputField))
  }))
}
