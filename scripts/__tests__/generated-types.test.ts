import { execFileSync } from 'child_process'
import path from 'path'

const ROOT = path.join(__dirname, '..', '..')

// Prettier 3 loads its plugins with dynamic import, which jest's module system refuses: run the script in Node.
function checkTypes(): { status: number; stderr: string } {
  try {
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/generate-types.ts', '--check'], {
      cwd: ROOT,
      stdio: 'pipe'
    })
    return { status: 0, stderr: '' }
  } catch (error) {
    const failure = error as { status: number; stderr: Buffer }
    return { status: failure.status, stderr: failure.stderr.toString() }
  }
}

describe('generated types', () => {
  it('match the field definitions (run `npm run types` when this fails)', () => {
    expect(checkTypes()).toEqual({ status: 0, stderr: '' })
  })
})
