/** Paths offered at most, whatever the size of the event: the picker filters them, so none is out of reach for long. */
const MAX_PATHS = 5000
const MAX_DEPTH = 8

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/

function child(path: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

/**
 * Every path of an event's values as mapping directives write them (`$.properties.order_id`), objects included,
 * depth first; arrays are leaves (a path picks the array).
 */
export function eventPaths(event: unknown): string[] {
  const paths: string[] = []
  const walk = (value: unknown, path: string, depth: number) => {
    if (paths.length >= MAX_PATHS || typeof value !== 'object' || value === null || Array.isArray(value)) {
      return
    }
    for (const [key, item] of Object.entries(value)) {
      if (paths.length >= MAX_PATHS) return
      const next = child(path, key)
      paths.push(next)
      if (depth < MAX_DEPTH) walk(item, next, depth + 1)
    }
  }
  walk(event, '$', 0)
  return paths
}
