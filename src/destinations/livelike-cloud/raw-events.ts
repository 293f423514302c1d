import { fieldsToJsonSchema, transform, validateSchema } from '@segment/actions-core'
import type { InputField, JSONObject, SegmentEvent } from '@segment/actions-core'

type JSONSchema = ReturnType<typeof fieldsToJsonSchema>

const schemas = new WeakMap<Record<string, InputField>, JSONSchema>()

function schemaOf(fields: Record<string, InputField>): JSONSchema {
  let schema = schemas.get(fields)
  if (!schema) {
    schema = fieldsToJsonSchema(fields)
    schemas.set(fields, schema)
  }
  return schema
}

function typesOf(schema: JSONSchema | undefined): string[] {
  const type = schema?.type
  return Array.isArray(type) ? type : type ? [type] : []
}

/** Whether actions-core would hand this event's payload to performBatch: it drops top-level empties, then validates. */
function passesValidation(event: SegmentEvent, mapping: JSONObject, schema: JSONSchema): boolean {
  const payload = transform(mapping, event as unknown as Parameters<typeof transform>[1]) as Record<string, unknown>
  for (const [key, value] of Object.entries(payload)) {
    const types = typesOf(schema.properties?.[key])
    if (
      (value === null && !types.includes('null')) ||
      (value === '' && types.length > 0 && !types.includes('string'))
    ) {
      delete payload[key]
    }
  }
  return validateSchema(payload, schema, { throwIfInvalid: false })
}

/**
 * The raw Segment event each batch payload was mapped from, index by index.
 *
 * actions-core drops the payloads that fail validation before performBatch, but `rawData` keeps every event, so the
 * two arrays stop lining up. The events that fail are found again by mapping and validating them as actions-core
 * did. Should that not account for every payload, no payload is paired: a wrong pairing would give an event
 * another event's message ID, and LiveLike would then discard it as a resend.
 */
export function rawEventsOf<Payload>(
  payloads: Payload[],
  rawData: SegmentEvent[] | undefined,
  rawMapping: JSONObject | undefined,
  fields: Record<string, InputField>
): (SegmentEvent | undefined)[] {
  if (!rawData || payloads.length === rawData.length) {
    return rawData ?? []
  }
  if (!rawMapping) {
    return []
  }
  const schema = schemaOf(fields)
  const kept = rawData.filter((event) => passesValidation(event, rawMapping, schema))
  return kept.length === payloads.length ? kept : []
}
