import { useEffect, useState } from 'preact/hooks'
import type { ConsoleInfo, Overview } from '../shared/types'
import { getJson, listen } from './api'
import { LiveLikePanel } from './livelike'
import { MappingsPanel } from './mappings'
import { OverviewPanel } from './overview'
import { StreamPanel } from './stream'
import { Summary } from './summary'
import { TesterPanel } from './tester'

const TABS = {
  stream: 'Event stream',
  overview: 'Delivery overview',
  tester: 'Event tester',
  mappings: 'Mappings',
  livelike: 'LiveLike'
} as const

type Tab = keyof typeof TABS

/** Which events changed since the page last looked: their numbers, or everything after a gap. */
export interface Changes {
  version: number
  seqs: Set<number> | 'all'
}

export function App() {
  const [tab, setTab] = useState<Tab>('stream')
  const [info, setInfo] = useState<ConsoleInfo>()
  const [overview, setOverview] = useState<Overview>()
  const [changes, setChanges] = useState<Changes>({ version: 0, seqs: 'all' })
  const [error, setError] = useState<string>()
  const [live, setLive] = useState(false)

  const loadInfo = () =>
    getJson<ConsoleInfo>('/_console/api/info').then(setInfo, (failure: Error) => setError(failure.message))

  useEffect(() => {
    void loadInfo()
    return listen((message) => {
      if (message.kind === 'overview') {
        setOverview(message.overview)
      } else {
        const seqs = message.kind === 'gap' ? 'all' : new Set(message.events.map((event) => event.seq))
        setChanges((previous) => ({ version: previous.version + 1, seqs }))
      }
    }, setLive)
  }, [])

  return (
    <div class="console">
      <header>
        <h1>
          LiveLike Cloud Mode <span>local console</span>
          <span class={live ? 'live on' : 'live'}>{live ? 'live' : 'reconnecting'}</span>
        </h1>
        {overview && <Summary counts={overview.counts} />}
      </header>
      <nav>
        {(Object.keys(TABS) as Tab[])
          .filter((name) => name !== 'livelike' || info?.sandbox !== false)
          .map((name) => (
            <button key={name} class={name === tab ? 'tab active' : 'tab'} onClick={() => setTab(name)}>
              {TABS[name]}
            </button>
          ))}
      </nav>
      {error && <p class="error">{error}</p>}
      <main>
        {tab === 'stream' && <StreamPanel changes={changes} />}
        {tab === 'overview' && overview && <OverviewPanel overview={overview} />}
        {tab === 'tester' && info && <TesterPanel info={info} />}
        {tab === 'mappings' && <MappingsPanel overview={overview} onChanged={loadInfo} />}
        {tab === 'livelike' && <LiveLikePanel changes={changes} />}
      </main>
    </div>
  )
}
