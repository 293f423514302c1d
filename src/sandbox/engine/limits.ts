import type { RateLimit, RewardLimit, TableEntry } from './catalog'

export type LimitName = 'rate_limit' | 'reward_limit'

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }

const calendars = new Map<string, Intl.DateTimeFormat>()

function calendarOf(timezone: string): Intl.DateTimeFormat {
  let calendar = calendars.get(timezone)
  if (!calendar) {
    calendar = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit'
    })
    calendars.set(timezone, calendar)
  }
  return calendar
}

/** Whether Intl knows the IANA time zone (e.g. Europe/Paris), as LiveLike's reward_limit.timezone needs. */
export function isTimeZone(timezone: string): boolean {
  try {
    calendarOf(timezone)
    return true
  } catch {
    return false
  }
}

/** The calendar minute, hour or day (UTC) a moment falls in, as a number. */
const rateWindow = (limit: RateLimit, at: Date) => Math.floor(at.getTime() / UNIT_MS[limit.unit])

/** The calendar day (YYYY-MM-DD) or month (YYYY-MM) a moment falls in, in the limit's time zone. */
function rewardWindow(limit: RewardLimit, at: Date): string {
  const day = calendarOf(limit.timezone).format(at)
  return limit.duration === 'day' ? day : day.slice(0, 7)
}

/** What one profile earned from one entry in the current windows. */
interface Counter {
  rateWindow: number
  rateCount: number
  rewardWindow: string
  rewardCount: number
}

const active = <T extends { is_enabled: boolean }>(limit: T | null): T | undefined =>
  limit && limit.is_enabled ? limit : undefined

/**
 * The rate and reward limits' counts, per entry and profile: one small counter per pair that ever earned from a
 * limited entry, whatever the number of events. Entries without an enabled limit keep nothing.
 */
export class LimitCounters {
  private readonly byEntry = new Map<string, Map<string, Counter>>()

  /** The limit that stops this profile earning from the entry now, or undefined when it may earn. */
  stoppedBy(entry: TableEntry, profileId: string, at: Date): LimitName | undefined {
    const rate = active(entry.rateLimit)
    const reward = active(entry.rewardLimit)
    if (!rate && !reward) {
      return undefined
    }
    const counter = this.byEntry.get(entry.id)?.get(profileId)
    if (!counter) {
      return undefined
    }
    if (rate && counter.rateWindow === rateWindow(rate, at) && counter.rateCount >= rate.frequency) {
      return 'rate_limit'
    }
    if (
      reward &&
      counter.rewardWindow === rewardWindow(reward, at) &&
      counter.rewardCount >= reward.action_limit_count
    ) {
      return 'reward_limit'
    }
    return undefined
  }

  /** Counts one reward from the entry to the profile. */
  count(entry: TableEntry, profileId: string, at: Date): void {
    const rate = active(entry.rateLimit)
    const reward = active(entry.rewardLimit)
    if (!rate && !reward) {
      return
    }
    let counters = this.byEntry.get(entry.id)
    if (!counters) {
      counters = new Map()
      this.byEntry.set(entry.id, counters)
    }
    let counter = counters.get(profileId)
    if (!counter) {
      counter = { rateWindow: -1, rateCount: 0, rewardWindow: '', rewardCount: 0 }
      counters.set(profileId, counter)
    }
    if (rate) {
      const window = rateWindow(rate, at)
      counter.rateCount = counter.rateWindow === window ? counter.rateCount + 1 : 1
      counter.rateWindow = window
    }
    if (reward) {
      const window = rewardWindow(reward, at)
      counter.rewardCount = counter.rewardWindow === window ? counter.rewardCount + 1 : 1
      counter.rewardWindow = window
    }
  }

  /** Forgets an entry's counts (the entry was deleted). */
  forget(entryId: string): void {
    this.byEntry.delete(entryId)
  }
}
