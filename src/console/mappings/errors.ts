/**
 * The messages of an error as actions-core builds them: each item of an aggregate (a payload's failed fields, a
 * mapping's bad directives), or the error's own message. Never its stack, which holds paths of this machine.
 */
export function messagesOf(error: unknown): string[] {
  const iterable = error as Iterable<unknown> | undefined
  if (error instanceof Error && typeof iterable?.[Symbol.iterator] === 'function') {
    const messages = [...iterable].map((item) => String((item as Error)?.message ?? item))
    if (messages.length > 0) {
      return messages
    }
  }
  return [error instanceof Error ? error.message : String(error)]
}
