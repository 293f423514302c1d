import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium as playwright } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'

const ROOT = join(__dirname, '..', '..')

// @sparticuz/chromium is an ES module, which jest cannot load: a child Node process asks it where the browser is.
const LOCATE = `import chromium from '@sparticuz/chromium'
process.stdout.write(JSON.stringify({ executablePath: await chromium.executablePath(), args: chromium.args }))`

const NO_WEB_SECURITY = '--disable-web-security'

/**
 * The headless Chromium that @sparticuz/chromium ships inside its npm package (unpacked into the temporary folder at
 * first launch), driven by playwright-core: npm ci brings the browser, nothing is downloaded. Its arguments turn web
 * security off, and with it the Origin header of cross-origin requests; `webSecurity` turns it back on, for a test of
 * what a page of another origin can do.
 */
export async function launchChromium(options: { webSecurity?: boolean } = {}): Promise<Browser> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', LOCATE], { cwd: ROOT })
  const { executablePath, args } = JSON.parse(stdout) as { executablePath: string; args: string[] }
  const used = options.webSecurity ? args.filter((arg) => arg !== NO_WEB_SECURITY) : args
  return playwright.launch({ executablePath, args: used, headless: true })
}

/** A page of `origin` that records console errors and every request to another host, which it refuses. */
export interface WatchedPage {
  page: Page
  context: BrowserContext
  consoleErrors: string[]
  foreignRequests: string[]
}

export async function watchedPage(
  browser: Browser,
  origin: string,
  viewport = { width: 1440, height: 900 }
): Promise<WatchedPage> {
  // Without a locale, this Chromium takes one from the environment that its Intl refuses (en-US@posix).
  const context = await browser.newContext({ viewport, locale: 'en-US' })
  const consoleErrors: string[] = []
  const foreignRequests: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (new URL(url).origin === origin) {
      return route.continue()
    }
    foreignRequests.push(url)
    return route.abort()
  })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text())
    }
  })
  page.on('pageerror', (error) => consoleErrors.push(error.message))
  return { page, context, consoleErrors, foreignRequests }
}
