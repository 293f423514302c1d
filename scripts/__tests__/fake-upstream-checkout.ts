import path from 'path'
import { git } from '../lib/git'
import { writeInto, writeUpstreamMarkers } from './upstream-tree'

const FOLDER = 'packages/destination-actions/src/destinations/livelike-cloud'
/** A file upstream's fake `yarn types` leaves in another destination's folder. */
export const STRAY = 'packages/destination-actions/src/destinations/other/stray.types.ts'

/**
 * A stand-in for one of upstream's tools: it logs its name, folder and arguments, fails when the checkout's
 * `fail-gates` file names it, and, for the gates that read git, fails on any uncommitted change, as upstream's do.
 */
export const fakeTool = (name: string, { readsGit = false, andThen = '' } = {}) => `#!/bin/sh
echo "${name} $(pwd) $*" >> "$CHECKOUT/calls.log"
${readsGit ? `if [ -n "$(git status --porcelain -- ${FOLDER})" ]; then echo "uncommitted in ${FOLDER}"; exit 1; fi` : ''}
if grep -qx "${name}" "$CHECKOUT/fail-gates" 2>/dev/null; then echo "${name} found a problem in ${FOLDER}/index.ts"; exit 1; fi
${andThen}
exit 0
`

/**
 * A tree shaped like an installed, built checkout of segmentio/action-destinations, under git, with fake tools, in the
 * empty folder `root`. Run `npm run check:upstream` on it with CHECKOUT=<root> in the environment; a `fail-gates` file
 * in it names the gates that fail.
 */
export function fakeUpstreamCheckout(root: string, { installed = true } = {}): string {
  writeUpstreamMarkers(root)
  writeInto(root, `${FOLDER}/index.ts`, '// the folder as upstream has it today\n')
  writeInto(root, '.gitignore', 'node_modules/\ndist/\ncalls.log\nfail-gates\n')
  git(root, ['init', '--quiet'])
  git(root, ['add', '--all'])
  git(root, ['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '--quiet', '-m', 'upstream'])
  if (installed) {
    writeInto(root, 'packages/core/dist/index.js', '')
    for (const name of ['tsc', 'prettier', 'eslint']) {
      writeInto(root, `node_modules/.bin/${name}`, fakeTool(name), true)
    }
    writeInto(root, 'packages/destination-actions/node_modules/jest/package.json', JSON.stringify({ name: 'jest' }))
    writeInto(
      root,
      'packages/destination-actions/node_modules/jest/bin/jest.js',
      `require('child_process').execFileSync('sh', ['-c', ${JSON.stringify(fakeTool('jest'))}, 'jest', ...process.argv.slice(2)], { stdio: 'inherit' })\n`
    )
    writeInto(root, 'bin/run', fakeTool('validate'), true)
    writeInto(
      root,
      'scripts/assert-types-updated.sh',
      // Upstream's `yarn types` leaves a stray file in another destination's folder.
      fakeTool('types', { readsGit: true, andThen: `mkdir -p ${path.dirname(STRAY)} && echo stray > ${STRAY}` })
    )
    writeInto(root, 'scripts/assert-metadata-payload.sh', fakeTool('metadata', { readsGit: true }))
    git(root, ['add', '--all'])
    git(root, ['-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '--quiet', '-m', 'scripts'])
  }
  return root
}
