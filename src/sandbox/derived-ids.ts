import { createHash } from 'crypto'

/** A UUID-shaped ID (version 5 layout) derived from a text: the same text always gives the same ID. */
export function uuidFrom(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex')
  const variant = (8 | (parseInt(hex[16], 16) & 3)).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const named = new Map<string, string>()

/** uuidFrom for the few names a sandbox has (reward items, actions, badges), computed once each. */
export function idFor(kind: string, name: string): string {
  const key = `${kind}:${name}`
  let id = named.get(key)
  if (id === undefined) {
    id = uuidFrom(key)
    named.set(key, id)
  }
  return id
}
