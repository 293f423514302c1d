import { prettyFactory } from 'pino-pretty'
import type { FastifyServerOptions } from 'fastify'

/** `pretty`: one readable line per entry, for a person at a terminal; `json`: one JSON object per line, for tools. */
export type LogFormat = 'pretty' | 'json'

export const LOG_FORMATS: readonly LogFormat[] = ['pretty', 'json']

export interface LogOptions {
  enabled: boolean
  /** Default: pretty when the destination is a terminal, json otherwise. */
  format?: LogFormat
  /** Default standard output. */
  destination?: NodeJS.WritableStream
}

// Redaction happens before a line is formatted, so neither format ever sees a token.
const REDACT = {
  paths: ['req.headers.authorization', 'headers.authorization', 'authorization', '*.producerToken'],
  censor: '[redacted]'
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true
}

/** pino hands every entry to `write` as one JSON line; this writes it out readable, synchronously. */
function prettyStream(destination: NodeJS.WritableStream) {
  const format = prettyFactory({
    colorize: isTerminal(destination) && !process.env.NO_COLOR,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,reqId',
    messageFormat: '{msg}{if reqId} ({reqId}){end}',
    singleLine: true
  })
  return { write: (line: string) => destination.write(format(line)) }
}

/** fastify's `logger` option for the dev server. */
export function loggerOptions(options: LogOptions): FastifyServerOptions['logger'] {
  if (!options.enabled) {
    return false
  }
  const destination = options.destination ?? process.stdout
  const format = options.format ?? (isTerminal(destination) ? 'pretty' : 'json')
  const stream = format === 'pretty' ? prettyStream(destination) : options.destination
  return { level: 'info', redact: REDACT, ...(stream && { stream }) }
}
