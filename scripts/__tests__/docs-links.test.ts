import { existsSync, readdirSync, readFileSync } from 'fs'
import path from 'path'
import { ROOT } from './run-script'

// Every page a reader can reach from the README: the README itself and everything in docs/.
const PAGES = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`)
]

const LINK = /!?\[[^\]]*\]\(([^)\s]+)\)/g

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')
}

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/^```[\s\S]*?^```/gm, '')
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1])))
}

const links = PAGES.flatMap((page) => {
  const text = readFileSync(path.join(ROOT, page), 'utf8').replace(/^```[\s\S]*?^```/gm, '')
  return (
    [...text.matchAll(LINK)]
      .map((match) => match[1])
      // Web addresses, and the catalog page's links into Segment's own docs site, which starts them with '/'.
      .filter((target) => !/^[a-z]+:/.test(target) && !target.startsWith('/'))
      .map((target) => [page, target] as const)
  )
})

describe('the documentation', () => {
  it('has links to check', () => {
    expect(links.length).toBeGreaterThan(10)
  })

  it('links the README to every page in docs/', () => {
    const linked = new Set(links.filter(([page]) => page === 'README.md').map(([, target]) => target.split('#')[0]))
    expect(PAGES.filter((page) => page !== 'README.md' && !linked.has(page))).toEqual([])
  })

  it.each(links)('%s links to %s, which exists', (page, target) => {
    const [file, anchor] = target.split('#')
    const resolved = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file))
    expect(existsSync(path.join(ROOT, resolved))).toBe(true)
    if (anchor !== undefined) {
      expect(anchorsIn(resolved)).toContain(anchor)
    }
  })
})
