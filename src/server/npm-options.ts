type Env = Record<string, string | undefined>

/** The options of `npm start` that take a value, and those that need none. */
const VALUE_OPTIONS = ['subscriptions', 'port', 'sandbox-port', 'write-key', 'log-format']
const SWITCHES = ['live', 'allow-loops']

const npmSetting = (env: Env, option: string) => env[`npm_config_${option.replace(/-/g, '_')}`]

/**
 * Gives back the options npm kept for itself. Without `--`, `npm start --subscriptions orders.json` passes the option
 * on only as a setting of npm's (`npm_config_subscriptions=true` in the environment) and its value as a bare argument;
 * `--subscriptions=orders.json` as the setting's value; `--no-livelike-source` as an empty setting. When bare values
 * cannot be paired with their options (several of them, or mixed with options written after `--`), says to add `--`.
 */
export function withOptionsNpmKept(argv: string[], env: Env): string[] {
  const recovered: string[] = []
  const awaitingValue: string[] = []
  for (const option of VALUE_OPTIONS) {
    const value = npmSetting(env, option)
    if (value === 'true') {
      awaitingValue.push(option)
    } else if (value) {
      recovered.push(`--${option}`, value)
    }
  }
  for (const option of SWITCHES) {
    if (npmSetting(env, option) === 'true') {
      recovered.push(`--${option}`)
    }
  }
  if (npmSetting(env, 'livelike-source') === '') {
    recovered.push('--no-livelike-source')
  }
  if (awaitingValue.length === 0) {
    return [...recovered, ...argv]
  }
  if (awaitingValue.length === 1 && argv.length === 1 && !argv[0].startsWith('-')) {
    return [...recovered, `--${awaitingValue[0]}`, argv[0]]
  }
  const written = awaitingValue.map((option) => `--${option} <${option}>`).join(' ')
  throw new Error(
    `npm kept ${awaitingValue.map((option) => `--${option}`).join(', ')} for itself and passed on only the values: put -- before the options, as in npm start -- ${written}`
  )
}
