import { readdirSync, readFileSync } from 'node:fs'
import { join, posix, relative, sep } from 'node:path'
import { preProcessFile } from 'typescript'

/**
 * The rooms of `src/` and the rooms each one's code may import besides itself. The arrows go one way: the destination
 * and `http` import no room, the server mounts everything, and nothing imports the server.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  destinations: [],
  http: [],
  runtime: ['destinations'],
  sandbox: ['http'],
  console: ['http', 'runtime', 'destinations'],
  replay: ['runtime', 'sandbox', 'destinations'],
  server: ['http', 'runtime', 'sandbox', 'console', 'destinations']
}

/** The only package the destination's code imports: what goes upstream depends on actions-core alone. */
const DESTINATION_PACKAGES = new Set(['@segment/actions-core'])

const SRC = join(__dirname, '..')

interface Import {
  /** The importing file, relative to `src/`, with forward slashes. */
  file: string
  specifier: string
  /** For a relative import: the file or folder it names, relative to `src/` (starting with `..` when outside). */
  target?: string
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      return sourceFiles(path)
    }
    return /\.tsx?$/.test(entry.name) ? [relative(SRC, path).split(sep).join('/')] : []
  })
}

/** Every import, export-from, dynamic import and require of a file, as TypeScript reads them. */
function importsOf(file: string): Import[] {
  const { importedFiles } = preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true)
  return importedFiles.map(({ fileName: specifier }) => ({
    file,
    specifier,
    ...(specifier.startsWith('.') && { target: posix.normalize(posix.join(posix.dirname(file), specifier)) })
  }))
}

const roomOf = (path: string) => (path.startsWith('..') ? 'outside src' : path.split('/')[0])
const isTest = (file: string) => file.split('/').includes('__tests__')

const files = sourceFiles(SRC).filter((file) => roomOf(file) !== '__tests__')
const imports = files.flatMap(importsOf)
const code = imports.filter(({ file }) => !isTest(file))
const crossing = code.filter(({ file, target }) => target !== undefined && roomOf(target) !== roomOf(file))

/** The rooms that `edges` make a cycle through, each cycle once, as `a -> b -> a`. */
function cycles(edges: Map<string, Set<string>>): string[] {
  const found = new Set<string>()
  const walk = (room: string, path: string[]) => {
    for (const next of edges.get(room) ?? []) {
      const at = path.indexOf(next)
      if (at >= 0) {
        const loop = path.slice(at)
        const start = loop.indexOf([...loop].sort()[0])
        found.add([...loop.slice(start), ...loop.slice(0, start), loop[start]].join(' -> '))
      } else {
        walk(next, [...path, next])
      }
    }
  }
  for (const room of edges.keys()) {
    walk(room, [room])
  }
  return [...found]
}

describe('the rooms of src/', () => {
  it('has rules for every room, and reads the imports it checks', () => {
    const rooms = readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== '__tests__')
      .map((entry) => entry.name)
    expect(rooms.sort()).toEqual(Object.keys(MAY_IMPORT).sort())
    // The reader finds what is known to be there, so that no rule below passes for want of imports.
    expect(crossing).toContainEqual({ file: 'server/server.ts', specifier: '../console', target: 'console' })
  })

  it('lets each room import only the rooms its rules name', () => {
    const refused = crossing
      .filter(({ file, target }) => !MAY_IMPORT[roomOf(file)].includes(roomOf(target as string)))
      .map(({ file, specifier }) => `${file} imports ${specifier}`)
    expect(refused).toEqual([])
  })

  it('has no cycle between rooms, in its rules or in its imports', () => {
    const ruled = new Map(Object.entries(MAY_IMPORT).map(([room, allowed]) => [room, new Set(allowed)]))
    const actual = new Map<string, Set<string>>()
    for (const { file, target } of crossing) {
      const from = actual.get(roomOf(file)) ?? new Set<string>()
      actual.set(roomOf(file), from.add(roomOf(target as string)))
    }
    expect(cycles(ruled)).toEqual([])
    expect(cycles(actual)).toEqual([])
  })

  it('keeps the destination on actions-core and itself, its tests inside its folder', () => {
    const destination = imports.filter(({ file }) => roomOf(file) === 'destinations')
    const packages = destination
      .filter(({ file, target }) => !isTest(file) && target === undefined)
      .filter(({ specifier }) => !DESTINATION_PACKAGES.has(specifier))
    const leaving = destination.filter(({ target }) => target !== undefined && !target.startsWith('destinations/'))
    expect(packages.map(({ file, specifier }) => `${file} imports ${specifier}`)).toEqual([])
    expect(leaving.map(({ file, specifier }) => `${file} imports ${specifier}`)).toEqual([])
  })

  it('finds a cycle when there is one', () => {
    const edges = new Map([
      ['console', new Set(['http', 'server'])],
      ['server', new Set(['console'])],
      ['http', new Set<string>()]
    ])
    expect(cycles(edges)).toEqual(['console -> server -> console'])
  })
})
