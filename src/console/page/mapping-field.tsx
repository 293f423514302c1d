import { useState } from 'preact/hooks'
import type { FieldView } from '../shared/mappings'
import { DynamicChoices } from './dynamic-choices'
import { KIND_LABELS, kindOf, kindsFor, textOf, valueOf } from './mapping-values'
import type { SourceKind } from './mapping-values'
import { PathPicker } from './path-picker'

interface FieldEditorProps {
  action: string
  field: FieldView
  value: unknown
  /** The whole mapping so far, which a dynamic field's handler is given. */
  mapping: Record<string, unknown>
  paths: string[]
  onChange: (value: unknown) => void
}

/** One field of the action: its label, description and whether it is required, and where its value comes from. */
export function FieldEditor({ action, field, value, mapping, paths, onChange }: FieldEditorProps) {
  const [kind, setKind] = useState<SourceKind>(kindOf(field, value))
  const [text, setText] = useState(textOf(kind, value))
  const [problem, setProblem] = useState<string>()
  const [picking, setPicking] = useState(false)

  const apply = (nextKind: SourceKind, nextText: string) => {
    setKind(nextKind)
    setText(nextText)
    const result = valueOf(field, nextKind, nextText)
    setProblem(result.problem)
    if (!result.problem) {
      onChange(result.value)
    }
  }

  const input = () => {
    switch (kind) {
      case 'none':
        return <span class="muted">{field.required ? 'required: map it to send anything' : 'left out'}</span>
      case 'choice':
        return (
          <DynamicChoices
            action={action}
            field={field.key}
            label={field.label}
            mapping={mapping}
            value={text}
            onChoose={(chosen) => apply('choice', chosen)}
          />
        )
      case 'directive':
        return (
          <textarea
            aria-label={`${field.label} directive`}
            value={text}
            onInput={(event) => apply(kind, event.currentTarget.value)}
          />
        )
      case 'value':
        if (field.choices || field.type === 'boolean') {
          const options = field.choices ?? [
            { label: 'true', value: 'true' },
            { label: 'false', value: 'false' }
          ]
          return (
            <select
              aria-label={`${field.label} value`}
              value={text}
              onInput={(event) => apply(kind, event.currentTarget.value)}
            >
              <option value="">choose</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )
        }
        return field.type === 'object' ? (
          <textarea
            aria-label={`${field.label} value`}
            value={text}
            onInput={(event) => apply(kind, event.currentTarget.value)}
          />
        ) : (
          <input
            aria-label={`${field.label} value`}
            value={text}
            onInput={(event) => apply(kind, event.currentTarget.value)}
          />
        )
      default:
        return (
          <div class="with-picker">
            <input
              class="mono"
              aria-label={`${field.label} ${kind}`}
              value={text}
              placeholder={kind === 'path' ? '$.properties.order_id' : '{{properties.order_id}}'}
              onInput={(event) => apply(kind, event.currentTarget.value)}
            />
            <button type="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
              Pick a path
            </button>
            {picking && (
              <PathPicker
                paths={paths}
                onPick={(path) => {
                  setPicking(false)
                  apply(kind, kind === 'path' ? path : `${text}{{${path.replace(/^\$\./, '')}}}`)
                }}
              />
            )}
          </div>
        )
    }
  }

  return (
    <div class="field" data-field={field.key}>
      <div class="field-head">
        <strong>{field.label}</strong>
        {field.required && <span class="required">required</span>}
        {field.dynamic && <span class="badge">dynamic</span>}
        <span class="mono muted">{field.key}</span>
        <select
          aria-label={`${field.label} source`}
          value={kind}
          onChange={(event) => {
            const next = event.currentTarget.value as SourceKind
            apply(next, next === 'path' ? '$.' : next === 'value' && field.type === 'boolean' ? 'false' : '')
          }}
        >
          {kindsFor(field, kind).map((option) => (
            <option key={option} value={option}>
              {KIND_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <p class="muted description">{field.description}</p>
      {input()}
      {problem && <p class="error">{problem}</p>}
    </div>
  )
}
