import { readFileSync, rmSync, writeFileSync } from 'fs'
import path from 'path'
import { gateReport, runGate } from '../lib/gates'
import type { GateResult } from '../lib/gates'
import { EXPORTED_FOLDER, exportIntoTemporaryTree, toolchainGates } from '../lib/upstream-toolchain'

// Each case breaks the exported folder the way a change of ours could, and expects upstream's own tool to catch it
// and name that file alone. The unbroken folder passing all four is `npm run test:upstream`, the last step of npm test.

const trees: string[] = []

afterAll(() => {
  for (const tree of trees) {
    rmSync(tree, { recursive: true, force: true })
  }
})

function brokenTree(file: string, change: (content: string) => string): string {
  const tree = exportIntoTemporaryTree()
  trees.push(tree)
  const full = path.join(tree, EXPORTED_FOLDER, file)
  const before = readFileSync(full, 'utf8')
  const after = change(before)
  expect(after).not.toBe(before)
  writeFileSync(full, after)
  return tree
}

function run(tree: string, gateName: string, testFile?: string): { result: GateResult; report: string } {
  const gates = toolchainGates(tree, path.join(tree, 'jest-results.json'), testFile && `${EXPORTED_FOLDER}/${testFile}`)
  const gate = gates.find((candidate) => candidate.name === gateName)
  if (!gate) {
    throw new Error(`no gate named ${gateName}`)
  }
  const result = runGate(gate)
  return { result, report: gateReport([result], 'upstream toolchain gates').join('\n') }
}

describe('the upstream toolchain gate', () => {
  it('fails prettier 2.4 on an inline type in an import list, naming the file', () => {
    const tree = brokenTree('syncToUserGroup/index.ts', (content) =>
      content
        .replace("import type { DeliveryPlan } from '../delivery'\n", '')
        .replace(
          "import { sendBatch, sendOne } from '../delivery'",
          "import { sendBatch, sendOne, type DeliveryPlan } from '../delivery'"
        )
    )
    const { result, report } = run(tree, 'prettier')
    expect(result.passed).toBe(false)
    expect(result.files).toEqual([`${EXPORTED_FOLDER}/syncToUserGroup/index.ts`])
    expect(report).toContain('FAIL  prettier (prettier 2.4.1 --check')
    expect(report).toMatch(/upstream toolchain gates: 0\/1 pass$/)
  })

  it('fails jest 27 with nock 13 on a header read that only nock 14 passes, naming the file', () => {
    const tree = brokenTree('sendEvent/__tests__/snapshot.test.ts', (content) =>
      content.replace('headersOf(this.req).authorization', 'this.req.headers.authorization')
    )
    const { result, report } = run(tree, 'jest', 'sendEvent/__tests__/snapshot.test.ts')
    expect(result.passed).toBe(false)
    expect(result.files).toEqual(['src/destinations/livelike-cloud/sendEvent/__tests__/snapshot.test.ts'])
    expect(report).toContain('Received: ["Bearer ')
  })

  it('fails the type check on a timer call jest 27 does not have, naming the file', () => {
    const tree = brokenTree('sendEvent/__tests__/timeouts.test.ts', (content) =>
      content.replace(
        "  it('ends a call LiveLike does not answer in time as a retryable error', async () => {\n",
        "  it('ends a call LiveLike does not answer in time as a retryable error', async () => {\n    await jest.advanceTimersByTimeAsync(1)\n"
      )
    )
    const { result, report } = run(tree, 'tsc')
    expect(result.passed).toBe(false)
    expect(result.files).toEqual(['src/destinations/livelike-cloud/sendEvent/__tests__/timeouts.test.ts'])
    expect(report).toContain("Property 'advanceTimersByTimeAsync' does not exist")
  })

  it('fails jest 27 on a snapshot written from other data, naming the file', () => {
    const snapshot = 'trackEvent/__tests__/__snapshots__/snapshot.test.ts.snap'
    const tree = brokenTree(snapshot, (content) => content.replace(/"event_type": "(\w+)"/, '"event_type": "not-$1"'))
    const { result, report } = run(tree, 'jest', 'trackEvent/__tests__/snapshot.test.ts')
    expect(result.passed).toBe(false)
    expect(result.files).toEqual(['src/destinations/livelike-cloud/trackEvent/__tests__/snapshot.test.ts'])
    expect(report).toContain('1 snapshot failed')
  })

  it('fails eslint on a no-unsafe-argument warning, naming the file, the line and the rule', () => {
    const file = 'sendEvent/__tests__/index.test.ts'
    let line = 0
    const tree = brokenTree(file, (content) => {
      const lines = content.split('\n')
      line = lines.findIndex((text) => text.startsWith('describe(')) + 1
      // JSON.parse gives `any`, which upstream's configuration warns about when it is passed on as an argument.
      lines.splice(line - 1, 0, 'segmentEventsPath(JSON.parse(\'"app-1"\'))')
      return lines.join('\n')
    })
    const { result, report } = run(tree, 'eslint')
    expect(result.passed).toBe(false)
    expect(result.files).toEqual([`${EXPORTED_FOLDER}/${file}:${line}`])
    expect(report).toContain('FAIL  eslint (eslint 7.32.0')
    expect(report).toContain(`${EXPORTED_FOLDER}/${file}:${line}:19  warning  @typescript-eslint/no-unsafe-argument`)
  })
})
