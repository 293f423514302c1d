/** A problem with the command line or its inputs, found before any event is sent: one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
