import type { DynamicFieldResponse, RequestClient } from '@segment/actions-core'
import type { Settings } from '../generated-types'
import { callLiveLike } from '../livelike-api'
import { programsUrl, rewardActionsUrl } from '../urls'
import type { LiveLikePage, Program, RewardAction } from './types'

type Choice = DynamicFieldResponse['choices'][number]

/** The page asked for: actions-core passes it as text (upstream's `serve` as a number); anything else is page 1. */
function pageNumber(page: unknown): number {
  const number = Number(page)
  return Number.isInteger(number) && number > 1 ? number : 1
}

/**
 * The number of the page LiveLike says comes next, read from its `next` URL. Only the number is kept: the next
 * request is built by urls.ts like the first, so that no answer can choose the host we call.
 */
function nextPageOf(next: unknown): string | undefined {
  if (typeof next !== 'string' || next === '') {
    return undefined
  }
  try {
    const page = Number(new URL(next).searchParams.get('page'))
    return Number.isInteger(page) && page > 1 ? String(page) : undefined
  } catch {
    return undefined
  }
}

/** What a person can do about a failed listing, by LiveLike's status. */
function advice(status: number, what: string): string {
  if (status === 401 || status === 403) {
    return `LiveLike refused the Producer Token (${status}) while listing your ${what}: check the Producer Token setting, copied from the LiveLike Producer Suite (Integrations > Segment).`
  }
  if (status === 404) {
    return `LiveLike found no application for this Client ID (404) while listing your ${what}: check the Client ID setting.`
  }
  return ''
}

function failed(code: string | number, message: string): DynamicFieldResponse {
  return { choices: [], error: { code: String(code), message } }
}

async function listChoices<Item>(
  request: RequestClient,
  settings: Settings,
  url: (clientId: string, page: number) => string,
  what: string,
  toChoice: (item: Item) => Choice | undefined,
  page: unknown
): Promise<DynamicFieldResponse> {
  let reply
  try {
    reply = await callLiveLike(request, url(settings.clientId, pageNumber(page)), {
      method: 'GET',
      secret: settings.producerToken
    })
  } catch (error) {
    // urls.ts refuses a Client ID that is no Client ID before any request.
    return failed(400, (error as Error).message)
  }
  if (!reply.ok) {
    return failed(reply.status, advice(reply.status, what) || reply.error.message)
  }
  const body = reply.body as LiveLikePage<Item> | undefined
  if (!body || !Array.isArray(body.results)) {
    return failed(502, `LiveLike's answer holds no list of ${what}; try again, or contact LiveLike support.`)
  }
  const choices = body.results.map(toChoice).filter((choice): choice is Choice => choice !== undefined)
  const nextPage = nextPageOf(body.next)
  return nextPage ? { choices, nextPage } : { choices }
}

const rewardActionChoice = (action: RewardAction): Choice | undefined =>
  action.key
    ? {
        label: action.name || action.key,
        value: action.key,
        description: action.description || (action.type ? `A ${action.type} reward action.` : undefined)
      }
    : undefined

const programChoice = (program: Program): Choice | undefined =>
  program.id
    ? {
        label: program.title || program.id,
        value: program.id,
        description: program.status ? `Status: ${program.status}.` : undefined
      }
    : undefined

interface DynamicInput {
  settings: Settings
  page?: unknown
}

/** The dynamic fields of Invoke Reward Action: a LiveLike failure is an answer with an `error`, never a throw. */
export const dynamicFields = {
  reward_action_key: (request: RequestClient, { settings, page }: DynamicInput) =>
    listChoices(request, settings, rewardActionsUrl, 'reward actions', rewardActionChoice, page),
  program_id: (request: RequestClient, { settings, page }: DynamicInput) =>
    listChoices(request, settings, programsUrl, 'programs', programChoice, page)
}
