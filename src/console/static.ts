import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { errorBody } from '../http/http-errors'

/** Where `npm run build` writes the page: dist/console-page, reached the same way from src/console and dist/console. */
export const PAGE_DIR = join(__dirname, '..', '..', 'dist', 'console-page')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8'
}

// The page loads nothing from anywhere but this server.
const POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'"

/**
 * The page at /, its few built files under /console/, read once at start: a bundle of three files needs no static
 * file server.
 */
export async function consolePage(app: FastifyInstance, options: { dir?: string } = {}): Promise<void> {
  const dir = options.dir ?? PAGE_DIR
  if (!existsSync(join(dir, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply.status(503).send(errorBody(503, 'The console page is not built: run npm run build (npm start does).'))
    )
    return
  }
  const serve = (file: string) => {
    const content = readFileSync(join(dir, file))
    const type = TYPES[extname(file)] ?? 'application/octet-stream'
    return async (_request: unknown, reply: FastifyReply) =>
      reply
        .header('content-type', type)
        .header('cache-control', 'no-store')
        .header('content-security-policy', POLICY)
        .send(content)
  }
  app.get('/', serve('index.html'))
  for (const file of readdirSync(dir).filter((name) => name !== 'index.html' && TYPES[extname(name)])) {
    app.get(`/console/${file}`, serve(file))
  }
}
