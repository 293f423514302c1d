import path from 'path'
import type { ExportPlan } from './export-plan'
import { REGISTERED_DESTINATION_ID } from './upstream-checkout'
import type { UpstreamCheckout } from './upstream-checkout'

/** The lines `npm run export:upstream` prints: every file written and removed, then what a reviewer must still do. */
export function exportReport(plan: ExportPlan, checkout: UpstreamCheckout, dryRun: boolean): string[] {
  const folder = path.relative(checkout.root, checkout.destinationDir).split(path.sep).join('/')
  const verb = (done: string, planned: string) => (dryRun ? planned : done)
  const lines = [
    `${dryRun ? 'Dry run, nothing written: ' : ''}exporting into ${folder}`,
    ...plan.written.map(
      ({ path: file, change, notes }) =>
        `  ${verb(change === 'add' ? 'added  ' : 'updated', change === 'add' ? 'would add   ' : 'would update')} ${file}${
          notes.length > 0 ? ` (${notes.join('; ')})` : ''
        }`
    ),
    ...plan.removed.map((file) => `  ${verb('removed', 'would remove')} ${file}`),
    `${plan.written.length} ${verb('written', 'to write')}, ${plan.removed.length} ${verb('removed', 'to remove')}, ${plan.unchanged.length} already up to date.`
  ]
  if (plan.leftOut.length > 0) {
    lines.push('Kept here, not exported:', ...plan.leftOut.map(({ path: file, reason }) => `  ${file}: ${reason}`))
  }
  lines.push(
    'A reviewer must still:',
    checkout.registered
      ? `  - register nothing: ${REGISTERED_DESTINATION_ID} already points at ./livelike-cloud in the destinations index.`
      : `  - check the destinations index: it does not map ${REGISTERED_DESTINATION_ID} to ./livelike-cloud, which the live destination needs; register no new id.`,
    '  - run `yarn types` and `yarn generate:metadata-payload` in the checkout: CI fails if either changes a file.',
    '  - run `yarn validate` and `yarn jest src/destinations/livelike-cloud` in packages/destination-actions.',
    '  - review `git status` and `git diff`: only the livelike-cloud folder may change.',
    '  - open the pull request with docs/pull-request.md as its description; the catalog page (docs/catalog-page.md) goes to segmentio/segment-docs.'
  )
  return lines
}
