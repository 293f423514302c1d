import type { Runner, Subscription } from '../../runtime'
import { validateSubscriptions } from '../../runtime'
import { HttpError } from '../../http/http-errors'
import type { MappingDraft } from '../shared/mappings'
import { draftProblem } from './checks'
import { writeSubscriptionsFile } from './file'

function toSubscription({ name, subscribe, partnerAction, mapping, enabled }: MappingDraft): Subscription {
  return { name, subscribe, partnerAction, mapping, ...(enabled === false && { enabled }) }
}

/**
 * The running server's subscriptions as the console changes them: each change is checked, written to the server's
 * subscriptions file, then given to the runner, one change at a time. A change that fails any step changes nothing.
 */
export class MappingsStore {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly runner: Runner,
    /** Chosen by the server at start; nothing a request holds can change it. */
    readonly file: string
  ) {}

  list(): Subscription[] {
    return this.runner.subscriptions()
  }

  add(draft: MappingDraft): Promise<Subscription[]> {
    return this.change(draft, (list, subscription) => [...list, subscription])
  }

  /** Replaces the subscription named `name` (the draft may rename it, or turn it off with `enabled: false`). */
  replace(name: string, draft: MappingDraft): Promise<Subscription[]> {
    return this.change(
      draft,
      (list, subscription) => list.map((item) => (item.name === name ? subscription : item)),
      name
    )
  }

  remove(name: string): Promise<Subscription[]> {
    return this.serially(async () => {
      const list = this.existing(name)
      if (list.length === 1) {
        throw new HttpError(
          409,
          `"${name}" is the only subscription, and a subscriptions file holds at least one: turn it off instead (enabled false).`
        )
      }
      return this.commit(list.filter((item) => item.name !== name))
    })
  }

  private change(
    draft: MappingDraft,
    apply: (list: Subscription[], subscription: Subscription) => Subscription[],
    replacing?: string
  ): Promise<Subscription[]> {
    return this.serially(async () => {
      const list = replacing === undefined ? this.list() : this.existing(replacing)
      const problem = draftProblem(draft)
      if (problem) {
        throw new HttpError(400, problem)
      }
      return this.commit(apply(list, toSubscription(draft)))
    })
  }

  private existing(name: string): Subscription[] {
    const list = this.list()
    if (!list.some((item) => item.name === name)) {
      throw new HttpError(404, `No subscription named ${JSON.stringify(name)}: it may have been renamed or deleted.`)
    }
    return list
  }

  private async commit(next: Subscription[]): Promise<Subscription[]> {
    let checked: Subscription[]
    try {
      checked = validateSubscriptions(next, 'The subscriptions')
    } catch (error) {
      throw new HttpError(400, (error as Error).message)
    }
    try {
      await writeSubscriptionsFile(this.file, checked)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
      throw new HttpError(
        500,
        `Nothing changed: the subscriptions file ${this.file} could not be written (${code}). Fix its folder's permissions, or start with --subscriptions naming a file this server can write.`
      )
    }
    this.runner.replaceSubscriptions(checked)
    return checked
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work)
    this.queue = result.catch(() => undefined)
    return result
  }
}
