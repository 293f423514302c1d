// An ESLint formatter (for upstream's ESLint 7, loaded with `--format <this file>`): one line per problem, the file
// relative to the folder ESLint runs in, so that a gate can name each file and line with its rule.
const path = require('path')

module.exports = (results) =>
  results
    .flatMap((result) =>
      result.messages.map((message) => {
        const file = path.relative(process.cwd(), result.filePath)
        const severity = message.severity === 2 ? 'error' : 'warning'
        return `${file}:${message.line}:${message.column}  ${severity}  ${message.ruleId ?? 'parse'}  ${message.message}\n`
      })
    )
    .join('')
