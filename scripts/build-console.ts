import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'esbuild'
import { PAGE_DIR } from '../src/console/static'

const SOURCES = join(__dirname, '..', 'src', 'console', 'page')

/** Bundles the console page (Preact, uPlot and our sources) into one script and one stylesheet beside index.html. */
export async function buildConsolePage(outdir = PAGE_DIR): Promise<void> {
  await mkdir(outdir, { recursive: true })
  await build({
    entryPoints: { app: join(SOURCES, 'main.tsx') },
    outdir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'linked',
    logLevel: 'warning'
  })
  await copyFile(join(SOURCES, 'index.html'), join(outdir, 'index.html'))
}

if (require.main === module) {
  buildConsolePage().catch((error: unknown) => {
    process.stderr.write(`console page build failed: ${String(error)}\n`)
    process.exit(1)
  })
}
