import { mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'fs'
import path from 'path'
import type { DestinationDefinition } from '@segment/actions-core'
import { ExportRefused, listFiles } from './upstream-checkout'
import { importsOf, isTest, resolveImport, rewriteForUpstream, upstreamPath, whyNotUpstream } from './upstream-layout'

export interface WrittenFile {
  path: string
  change: 'add' | 'update'
  /** What differs from our copy of the file, if anything. */
  notes: string[]
}

export interface ExportPlan {
  /** Upstream path to content, for every file the folder holds after the export. */
  files: Map<string, string>
  written: WrittenFile[]
  unchanged: string[]
  removed: string[]
  leftOut: { path: string; reason: string }[]
}

const readAll = (dir: string, files: string[]) =>
  new Map(files.map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]))

/**
 * Upstream's `yarn types` writes a generated-types.ts into every action folder. An action that reuses another's
 * fields has none of its own here, so it gets the other action's file.
 */
function generatedTypesOfAliases<Settings>(
  definition: DestinationDefinition<Settings>,
  files: Map<string, string>
): Map<string, string> {
  const aliases = new Map<string, string>()
  const actions = Object.entries(definition.actions)
  for (const [key, action] of actions) {
    const own = `${key}/generated-types.ts`
    if (files.has(own) || !files.has(`${key}/index.ts`)) {
      continue
    }
    const source = actions.find(
      ([other, candidate]) => candidate.fields === action.fields && files.has(`${other}/generated-types.ts`)
    )
    if (source) {
      aliases.set(own, files.get(`${source[0]}/generated-types.ts`) as string)
    }
  }
  return aliases
}

/** Decides what to write, keep and remove so that `targetDir` holds exactly our destination in upstream's layout. */
export function planExport<Settings>(
  sourceDir: string,
  targetDir: string,
  definition: DestinationDefinition<Settings>
): ExportPlan {
  const ours = readAll(sourceDir, listFiles(sourceDir))
  const ourPaths = new Set(ours.keys())
  const leftOut: ExportPlan['leftOut'] = []
  for (const [file, content] of ours) {
    const reason = file.endsWith('.ts') ? whyNotUpstream(file, content, ourPaths) : undefined
    if (!reason) {
      continue
    }
    if (!isTest(file)) {
      throw new ExportRefused(`${file} cannot go upstream: it ${reason}`)
    }
    leftOut.push({ path: file, reason })
  }
  for (const { path: file } of leftOut) {
    ours.delete(file)
    const snapshot = `${path.posix.dirname(file)}/__snapshots__/${path.posix.basename(file)}.snap`
    if (ours.delete(snapshot)) {
      leftOut.push({ path: snapshot, reason: `the snapshot of ${file}` })
    }
  }
  const exported = new Set(ours.keys())
  for (const [file, content] of ours) {
    const missing = (file.endsWith('.ts') ? importsOf(content) : []).filter(
      (specifier) => specifier.startsWith('.') && !resolveImport(file, specifier, exported)
    )
    if (missing.length > 0) {
      throw new ExportRefused(
        `${file} imports ${missing.join(', ')}, which stays here: export it too or stop importing it`
      )
    }
  }

  const moved = new Map([...ours.keys()].map((file) => [file, upstreamPath(file)]))
  const files = new Map<string, string>()
  const notes = new Map<string, string[]>()
  for (const [file, content] of ours) {
    const target = moved.get(file) as string
    const rewritten = file.endsWith('.ts') ? rewriteForUpstream(file, content, moved) : { content, notes: [] }
    files.set(target, rewritten.content)
    notes.set(target, [...(target !== file ? [`moved from ${file}`] : []), ...rewritten.notes])
  }
  for (const [file, content] of generatedTypesOfAliases(definition, files)) {
    files.set(file, content)
    notes.set(file, ["a copy of the types it shares, as upstream's yarn types writes one per action folder"])
  }

  const existing = readAll(targetDir, listFiles(targetDir))
  const written: WrittenFile[] = []
  const unchanged: string[] = []
  for (const [file, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (existing.get(file) === content) {
      unchanged.push(file)
    } else {
      written.push({ path: file, change: existing.has(file) ? 'update' : 'add', notes: notes.get(file) ?? [] })
    }
  }
  const removed = [...existing.keys()].filter((file) => !files.has(file))
  return { files, written, unchanged, removed, leftOut: leftOut.sort((a, b) => a.path.localeCompare(b.path)) }
}

/** The absolute path of `file` inside `dir`; refuses anything that would land outside it. */
function inside(dir: string, file: string): string {
  const full = path.resolve(dir, file)
  if (path.isAbsolute(file) || file.split('/').includes('..') || !full.startsWith(`${dir}${path.sep}`)) {
    throw new ExportRefused(`refusing to write ${file}: it is not inside the destination folder`)
  }
  return full
}

function removeEmptyFolders(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const child = path.join(dir, entry.name)
      removeEmptyFolders(child)
      if (readdirSync(child).length === 0) {
        rmdirSync(child)
      }
    }
  }
}

/** Carries out a plan: writes and removes files under `targetDir` only. */
export function applyExport(plan: ExportPlan, targetDir: string): void {
  const root = path.resolve(targetDir)
  const writes = plan.written.map(({ path: file }) => [inside(root, file), plan.files.get(file) as string] as const)
  const removals = plan.removed.map((file) => inside(root, file))
  for (const [full, content] of writes) {
    mkdirSync(path.dirname(full), { recursive: true })
    writeFileSync(full, content)
  }
  for (const full of removals) {
    unlinkSync(full)
  }
  removeEmptyFolders(root)
}
