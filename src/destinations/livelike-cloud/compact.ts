/** The same object without its undefined keys (one level deep: nested values are the customer's and stay as sent). */
export function withoutUndefined<T extends object>(value: T): T {
  // A plain loop: this runs for every event, and entries/filter/fromEntries would build three arrays each time.
  const defined: Partial<T> = {}
  for (const key in value) {
    if (value[key] !== undefined) {
      defined[key] = value[key]
    }
  }
  return defined as T
}

/** A string with content, or undefined for a missing or blank one. */
export function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined
}
