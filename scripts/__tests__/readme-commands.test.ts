import { readFileSync } from 'fs'
import { join } from 'path'

const ROOT = join(__dirname, '../..')
const README = readFileSync(join(ROOT, 'README.md'), 'utf8')
const SCRIPTS = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts)

/** The script each row of the README's command table names: `npm start`, `npm test` or `npm run <name>`. */
function documentedScripts(): string[] {
  const table = README.slice(README.indexOf('| Command'))
  return table
    .slice(0, table.indexOf('\n\n'))
    .split('\n')
    .slice(2)
    .map((row) => /`npm (?:run )?([\w:-]+)/.exec(row)?.[1] ?? row)
}

describe("the README's command table", () => {
  it('names every npm script, and only those', () => {
    expect([...documentedScripts()].sort()).toEqual([...SCRIPTS].sort())
  })

  it('uses no npm script the README does not know', () => {
    const mentioned = [...README.matchAll(/`npm (?:run (?:-s )?)?([\w:-]+)/g)].map((match) => match[1])
    const npmCommands = ['ci', 'install']
    expect(mentioned.filter((name) => !SCRIPTS.includes(name) && !npmCommands.includes(name))).toEqual([])
  })
})
