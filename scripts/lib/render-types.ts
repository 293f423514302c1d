import path from 'path'
import { fieldsToJsonSchema } from '@segment/actions-core'
import type { DestinationDefinition } from '@segment/actions-core'
import { compile } from 'json-schema-to-typescript'
import type { JSONSchema } from 'json-schema-to-typescript'
import type { Options as PrettierOptions } from 'prettier'
import prettierOptions from '../../.prettierrc.json'

export const BANNER = '// Generated file. DO NOT MODIFY IT BY HAND.'

// json-schema-to-typescript names a type after every `title` and `enum`; upstream's files are plain interfaces.
function withoutNamedTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(withoutNamedTypes)
  }
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(
      Object.entries(schema)
        .filter(([key]) => key !== 'title' && key !== 'enum')
        .map(([key, value]) => [key, withoutNamedTypes(value)])
    )
  }
  return schema
}

type Fields = Parameters<typeof fieldsToJsonSchema>[0]

async function renderInterface(name: string, fields: Fields): Promise<string> {
  const schema = withoutNamedTypes(fieldsToJsonSchema(fields, { tsType: true })) as JSONSchema
  return compile(schema, name, {
    bannerComment: BANNER,
    style: { ...(prettierOptions as PrettierOptions), parser: 'typescript' }
  })
}

/**
 * The generated-types.ts files a destination needs, by path: Settings beside the definition, Payload in each
 * action's folder. An action that reuses another action's fields (a legacy alias) reuses its Payload too.
 */
export async function renderTypes<Settings>(
  definition: DestinationDefinition<Settings>,
  destinationDir: string
): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  files.set(
    path.join(destinationDir, 'generated-types.ts'),
    await renderInterface('Settings', definition.authentication?.fields ?? {})
  )
  const rendered = new Set<unknown>()
  for (const [key, action] of Object.entries(definition.actions)) {
    if (rendered.has(action.fields)) {
      continue
    }
    rendered.add(action.fields)
    files.set(path.join(destinationDir, key, 'generated-types.ts'), await renderInterface('Payload', action.fields))
  }
  return files
}
