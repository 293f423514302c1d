import { readFileSync } from 'fs'
import path from 'path'

export const PULL_REQUEST_TEXT = path.join(__dirname, '..', '..', 'docs', 'pull-request.md')

const FIGURES = /(\d+) test files of this pull request \(([\d,]+) tests\)/

export interface ExportedTests {
  files: number
  tests: number
}

/** Why the pull request's text misstates what the export carries, or undefined when it states it truly. */
export function staleFigures(text: string, actual: ExportedTests): string | undefined {
  const match = FIGURES.exec(text)
  if (!match) {
    return 'docs/pull-request.md does not say how many test files and tests the pull request carries ("N test files of this pull request (M tests)")'
  }
  const stated = { files: Number(match[1]), tests: Number(match[2].replace(/,/g, '')) }
  if (stated.files === actual.files && stated.tests === actual.tests) {
    return undefined
  }
  return `docs/pull-request.md says ${stated.files} test files of this pull request (${stated.tests} tests); the export carries ${actual.files} (${actual.tests} tests): correct the text`
}

export const readPullRequestText = () => readFileSync(PULL_REQUEST_TEXT, 'utf8')
