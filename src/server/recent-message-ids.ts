const DAY_MS = 24 * 60 * 60 * 1000

/** The messageIds accepted in the last 24 hours, as Segment's API remembers them to drop resent events. */
export class RecentMessageIds {
  // Insertion order is acceptance order, so expired entries are always at the front.
  private readonly acceptedAt = new Map<string, number>()

  constructor(private readonly windowMs = DAY_MS) {}

  /** True when the messageId was accepted within the window; otherwise remembers it and answers false. */
  seen(messageId: string, now = Date.now()): boolean {
    this.forgetBefore(now - this.windowMs)
    if (this.acceptedAt.has(messageId)) {
      return true
    }
    this.acceptedAt.set(messageId, now)
    return false
  }

  private forgetBefore(cutoff: number): void {
    for (const [messageId, at] of this.acceptedAt) {
      if (at > cutoff) {
        return
      }
      this.acceptedAt.delete(messageId)
    }
  }
}
