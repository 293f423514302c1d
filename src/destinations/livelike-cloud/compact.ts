/** The same object without its undefined keys (one level deep: nested values are the customer's and stay as sent). */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T
}

/** A string with content, or undefined for a missing or blank one. */
export function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined
}
