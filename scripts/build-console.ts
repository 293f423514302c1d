import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { build } from 'esbuild'
import { PAGE_DIR } from '../src/console/static'

const SOURCES = join(__dirname, '..', 'src', 'console', 'page')

/**
 * Writes a file by renaming a complete copy into place, so that a server reading the folder while another build runs
 * (two test runs at once) sees the old file or the new one, never half of one.
 */
async function replaceFile(target: string, write: (temporary: string) => Promise<void>): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`)
  await write(temporary)
  await rename(temporary, target)
}

/** Bundles the console page (Preact, uPlot and our sources) into one script and one stylesheet beside index.html. */
export async function buildConsolePage(outdir = PAGE_DIR): Promise<void> {
  await mkdir(outdir, { recursive: true })
  const { outputFiles } = await build({
    entryPoints: { app: join(SOURCES, 'main.tsx') },
    outdir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'linked',
    logLevel: 'warning',
    write: false
  })
  for (const file of outputFiles) {
    await replaceFile(file.path, (temporary) => writeFile(temporary, file.contents))
  }
  await replaceFile(join(outdir, 'index.html'), (temporary) => copyFile(join(SOURCES, 'index.html'), temporary))
}

if (require.main === module) {
  buildConsolePage().catch((error: unknown) => {
    process.stderr.write(`console page build failed: ${String(error)}\n`)
    process.exit(1)
  })
}
