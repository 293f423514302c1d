/** The paths the bench measures side by side. Pure data, so that the bench loads no destination code itself. */

export type Family =
  | 'ours-single'
  | 'ours-batch'
  | 'peer'
  | 'peer-our-trigger'
  | 'floor'
  | 'floor-batch'
  | 'client'
  | 'client-batch'
  | 'ceiling-single'
  | 'ceiling-batch'
  | 'invoke-single'
  | 'invoke-batch'
  | 'invoke-minimal-batch'

/**
 * How the request client connects: actions-core as is (node-fetch without an agent, so Node's global agent, which
 * keeps connections alive from Node 19 on); a keep-alive agent of the destination's own given through
 * `extendRequest`, which actions-core destroys after each response; or that agent with `destroy` disabled.
 */
export type Connection = 'default' | 'keep-alive' | 'keep-alive-kept'

export interface PathSpec {
  id: string
  family: Family
  inFlight: number
  connection: Connection
}

export const BATCH_SIZE = 100

const FAMILY_LABELS: Record<Family, string> = {
  'ours-single': 'ours, single event',
  'ours-batch': `ours, batch of ${BATCH_SIZE}`,
  peer: 'published trackEvent, its own preset (peer)',
  'peer-our-trigger': 'published trackEvent, our Track Calls trigger',
  floor: 'undici keep-alive (floor)',
  'floor-batch': `undici keep-alive, bodies of ${BATCH_SIZE} (floor)`,
  client: "actions-core's request client alone",
  'client-batch': `actions-core's request client alone, bodies of ${BATCH_SIZE}`,
  'ceiling-single': 'no-op perform (ceiling)',
  'ceiling-batch': `no-op performBatch of ${BATCH_SIZE} (ceiling)`,
  'invoke-single': 'Invoke Reward Action, single event',
  'invoke-batch': `Invoke Reward Action, batch of ${BATCH_SIZE}`,
  'invoke-minimal-batch': `minimal reward batch destination, batch of ${BATCH_SIZE}`
}

const CONNECTION_LABELS: Record<Connection, string> = {
  default: '',
  'keep-alive': ', own keep-alive agent',
  'keep-alive-kept': ', own agent never destroyed'
}

export const eventsPerSend = (family: Family): number => (family.endsWith('batch') ? BATCH_SIZE : 1)

export const pathLabel = ({ family, connection }: PathSpec): string =>
  `${FAMILY_LABELS[family]}${CONNECTION_LABELS[connection]}`

function path(family: Family, inFlight: number, connection: Connection = 'default'): PathSpec {
  const suffix = connection === 'default' ? '' : `-${connection}`
  return { id: `${family}-${inFlight}${suffix}`, family, inFlight, connection }
}

export const DEFAULT_PATHS: PathSpec[] = [
  path('ours-single', 1),
  path('ours-single', 16),
  path('ours-batch', 1),
  path('ours-batch', 4),
  path('peer', 1),
  path('peer', 16),
  path('peer-our-trigger', 1),
  path('peer-our-trigger', 16),
  path('floor', 1),
  path('floor', 16),
  path('floor-batch', 1),
  path('client', 16),
  path('client-batch', 1),
  path('ceiling-single', 1),
  path('ceiling-single', 16),
  path('ceiling-batch', 1),
  path('ceiling-batch', 4),
  path('invoke-single', 1),
  path('invoke-single', 16),
  path('invoke-batch', 1),
  path('invoke-batch', 4),
  path('invoke-minimal-batch', 1),
  path('invoke-minimal-batch', 4)
]

/** The connection-reuse experiment (`--keep-alive`): our two paths with a keep-alive agent, as is and kept alive. */
export const KEEP_ALIVE_PATHS: PathSpec[] = [
  path('ours-single', 1, 'keep-alive'),
  path('ours-single', 1, 'keep-alive-kept'),
  path('ours-single', 16, 'keep-alive'),
  path('ours-single', 16, 'keep-alive-kept'),
  path('ours-batch', 4, 'keep-alive'),
  path('ours-batch', 4, 'keep-alive-kept')
]

export function findPath(id: string): PathSpec {
  const found = [...DEFAULT_PATHS, ...KEEP_ALIVE_PATHS].find((spec) => spec.id === id)
  if (!found) {
    const known = [...DEFAULT_PATHS, ...KEEP_ALIVE_PATHS].map((spec) => spec.id).join(', ')
    throw new Error(`--only: unknown path "${id}"; the paths are ${known}`)
  }
  return found
}
