import { readFile } from 'node:fs/promises'
import { parseFql } from '@segment/destination-subscriptions'
import destination from '../destinations/livelike-cloud'
import type { Subscription } from './types'

/** A subscriptions file or list that cannot be used; the message names the source and the problem. */
export class SubscriptionsError extends Error {
  name = 'SubscriptionsError'
}

const ACTIONS = Object.keys(destination.actions)

/** The destination's automatic presets: what a customer gets on day one. */
export function presetSubscriptions(): Subscription[] {
  return (destination.presets ?? []).flatMap((preset) =>
    preset.type === 'automatic'
      ? [
          {
            name: preset.name ?? preset.partnerAction,
            subscribe: preset.subscribe,
            partnerAction: preset.partnerAction,
            mapping: preset.mapping ?? {}
          }
        ]
      : []
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** What is wrong with one subscription, as a phrase that follows its name; undefined when nothing is. */
export function subscriptionProblem(item: unknown): string | undefined {
  if (!isObject(item)) {
    return 'is not an object with "name", "subscribe", "partnerAction" and "mapping"'
  }
  const { name, subscribe, partnerAction, mapping } = item
  if (typeof name !== 'string' || !name.trim()) {
    return 'needs a "name" (a non-empty string)'
  }
  if (typeof subscribe !== 'string' || !subscribe.trim()) {
    return 'needs "subscribe", an FQL condition such as type = "track"'
  }
  const parsed = parseFql(subscribe)
  if ('error' in parsed) {
    return `"subscribe" is not valid FQL (${parsed.error.message}): write a condition such as type = "track"`
  }
  if (typeof partnerAction !== 'string' || !ACTIONS.includes(partnerAction)) {
    return `"partnerAction" must be one of ${ACTIONS.join(', ')}, not ${JSON.stringify(partnerAction)}`
  }
  if (!isObject(mapping)) {
    return 'needs "mapping", an object of field keys to values or directives'
  }
  if (item.enabled !== undefined && typeof item.enabled !== 'boolean') {
    return '"enabled" is true or false (false keeps the subscription but delivers nothing through it)'
  }
  return undefined
}

/** Checks a list of subscriptions; `source` names where it came from, for the error message. */
export function validateSubscriptions(value: unknown, source: string): Subscription[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new SubscriptionsError(
      `${source}: expected a non-empty JSON array of {"name", "subscribe", "partnerAction", "mapping"}`
    )
  }
  const names = new Set<unknown>()
  value.forEach((item, index) => {
    const name = isObject(item) ? item.name : undefined
    const problem =
      subscriptionProblem(item) ??
      (names.has(name) ? 'has the name of an earlier one: each subscription needs a name of its own' : undefined)
    names.add(name)
    if (problem) {
      const label = isObject(item) && typeof item.name === 'string' && item.name ? ` ("${item.name}")` : ''
      throw new SubscriptionsError(`${source}: subscription ${index + 1}${label} ${problem}`)
    }
  })
  return (value as Subscription[]).map(({ name, subscribe, partnerAction, mapping, enabled }) => ({
    name,
    subscribe,
    partnerAction,
    mapping,
    ...(enabled === false && { enabled })
  }))
}

/** Reads saved mappings (`[{"name", "subscribe", "partnerAction", "mapping", "enabled"?}]`) from a JSON file. */
export async function loadSubscriptions(file: string): Promise<Subscription[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new SubscriptionsError(`${file}: cannot read the subscriptions file (${code})`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new SubscriptionsError(`${file}: not valid JSON (${(error as Error).message})`)
  }
  return validateSubscriptions(value, file)
}
