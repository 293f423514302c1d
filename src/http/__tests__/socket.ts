import { connect } from 'node:net'
import type { Socket } from 'node:net'

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

/** A plain TCP connection to a server, to send HTTP exactly as written and read answers as they come. */
export class RawConnection {
  private received = Buffer.alloc(0)
  private waiting: (() => void) | undefined
  /** Set when the connection failed (reset, broken pipe) or the server ended it. */
  failure: string | undefined

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk])
      this.waiting?.()
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= error.code ?? error.message
      this.waiting?.()
    })
    socket.on('end', () => {
      this.failure ??= 'ended by the server'
      this.waiting?.()
    })
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url)
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => resolve(new RawConnection(socket)))
      socket.once('error', reject)
    })
  }

  /** Resolves once the bytes are handed to the kernel, or with the failure that stopped them. */
  write(data: string | Buffer): Promise<string | undefined> {
    return new Promise((resolve) => {
      if (this.failure || this.socket.destroyed) {
        resolve(this.failure ?? 'closed')
        return
      }
      this.socket.write(data, (error) =>
        resolve(error ? ((error as NodeJS.ErrnoException).code ?? error.message) : undefined)
      )
    })
  }

  /** Writes `total` bytes of `byte` in chunks, stopping early when the connection fails. */
  async writeFiller(total: number, chunkSize = 64 * 1024): Promise<string | undefined> {
    for (let sent = 0; sent < total; sent += chunkSize) {
      const failure = await this.write(Buffer.alloc(Math.min(chunkSize, total - sent), 'x'))
      if (failure) {
        return failure
      }
    }
    return undefined
  }

  /** The next whole answer (its body read by Content-Length), or undefined when the connection fails first. */
  async answer(): Promise<RawAnswer | undefined> {
    for (;;) {
      const parsed = this.parse()
      if (parsed) {
        return parsed
      }
      if (this.failure) {
        return undefined
      }
      await new Promise<void>((resolve) => (this.waiting = resolve))
      this.waiting = undefined
    }
  }

  close(): void {
    this.socket.destroy()
  }

  private parse(): RawAnswer | undefined {
    const end = this.received.indexOf('\r\n\r\n')
    if (end < 0) {
      return undefined
    }
    const [statusLine, ...lines] = this.received.subarray(0, end).toString('latin1').split('\r\n')
    const headers: Record<string, string> = {}
    for (const line of lines) {
      const colon = line.indexOf(':')
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    const length = Number(headers['content-length'] ?? 0)
    if (this.received.length < end + 4 + length) {
      return undefined
    }
    const body = this.received.subarray(end + 4, end + 4 + length).toString('utf8')
    this.received = this.received.subarray(end + 4 + length)
    return { status: Number(statusLine.split(' ')[1]), headers, body }
  }
}

/** The head of a request, as a client writes it before the body. */
export function head(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ host: 'localhost', ...headers }).map(([name, value]) => `${name}: ${value}`)
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`
}
