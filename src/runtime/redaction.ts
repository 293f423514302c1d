/** What stands in for the Producer Token wherever it would otherwise show. */
export const REDACTED = '[redacted]'

const SECRET_HEADERS = new Set(['authorization'])

/** `text` with every occurrence of `secret` replaced by `marker`. */
export function redact(text: string, secret: string | undefined, marker = REDACTED): string {
  return secret ? text.split(secret).join(marker) : text
}

/** Headers as a plain object: the Authorization header replaced by `marker`, the secret taken out of the others. */
export function redactedHeaders(
  headers: Headers,
  secret: string | undefined,
  marker = REDACTED
): Record<string, string> {
  const result: Record<string, string> = {}
  headers.forEach((value, name) => {
    result[name] = SECRET_HEADERS.has(name.toLowerCase()) ? marker : redact(value, secret, marker)
  })
  return result
}
