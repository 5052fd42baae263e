/**
 * Browser tests' harness: the real app on a real port (with a SQLite file database in a
 * temp dir, migrated and seeded with the default debate), serving the built client from
 * client/dist, and Debian's Chromium driven by playwright-core. One harness per test file;
 * every test gets a fresh browser context, closed after it.
 */
import axe from 'axe-core'
import Fastify, { type FastifyInstance } from 'fastify'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { openDatabase, type DB } from '../../db/client.ts'
import app, { serverOptions } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { createRepositories, type Repositories } from '../../server/repositories/index.ts'
import { seedDefaultDebate } from '../../server/seed.ts'
import { launchChromium } from './browser.ts'

export const CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url))
/** Screenshots for reviewers; gitignored. */
export const OUTPUT_DIR = fileURLToPath(new URL('../../test-results', import.meta.url))

export interface Harness {
  /** The app's origin, e.g. http://127.0.0.1:41234 */
  url: string
  server: FastifyInstance
  db: DB
  repos: Repositories
  browser: Browser
  /** A page in a fresh context (closed after the test). */
  page(options?: BrowserContextOptions): Promise<Page>
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

export async function startServer(dir: string) {
  if (!existsSync(join(CLIENT_DIR, 'index.html'))) {
    throw new Error('client/dist is missing: run `npx vite build` (npm test does it in pretest)')
  }
  const port = await freePort()
  const config = loadConfig({ PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port), LOG_LEVEL: 'silent' })
  const db = await openDatabase(join(dir, 'marginalia.db'))
  const repos = createRepositories(db, config)
  await seedDefaultDebate(repos)
  const server = Fastify(serverOptions(config))
  await server.register(app, { config, db, clientDir: CLIENT_DIR })
  server.addHook('onClose', async () => db.close())
  await server.listen({ port, host: '127.0.0.1' })
  return { server, db, repos, url: `http://127.0.0.1:${port}` }
}

/** Registers the hooks of one test file and returns its harness, ready inside tests. */
export function useHarness(): Harness {
  const contexts = new Set<BrowserContext>()
  let dir = ''
  const h = {} as Harness
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-'))
    const [started, browser] = await Promise.all([startServer(dir), launchChromium()])
    Object.assign(h, started, {
      browser,
      async page(options: BrowserContextOptions = {}) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', ...options })
        contexts.add(context)
        return context.newPage()
      },
    })
  })
  afterEach(async () => {
    await Promise.all([...contexts].map((c) => c.close()))
    contexts.clear()
  })
  afterAll(async () => {
    await h.browser?.close()
    await h.server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  return h
}

export function outputPath(name: string): string {
  mkdirSync(OUTPUT_DIR, { recursive: true })
  return join(OUTPUT_DIR, name)
}

/** A reader acting through the HTTP API (from the app's own origin), for setting the scene. */
export interface ApiReader {
  id: number
  username: string
  cookie: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's answers, of many shapes
  request(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the comment as the API answers it
  post(anchor: string, body: string, stance: 'pro' | 'contra' | 'neutral', parentId?: number): Promise<any>
}

/** Sends a request from the app's own origin, with a session cookie when given. */
async function send(h: Harness, method: string, path: string, body: unknown, cookie: string) {
  const res = await fetch(h.url + path, {
    method,
    headers: { origin: h.url, ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { res, status: res.status, json: text ? JSON.parse(text) : null }
}

/** A reader of this session, posting to the default debate. */
function readerOf(h: Harness, id: number, username: string, cookie: string): ApiReader {
  return {
    id,
    username,
    cookie,
    request: (method, path, body) => send(h, method, path, body, cookie),
    async post(anchor, body, stance, parentId) {
      const r = await send(
        h,
        'POST',
        `/api/debates/sora/paragraphs/${anchor}/comments`,
        { body, stance, ...(parentId ? { parentId } : {}) },
        cookie,
      )
      if (r.status !== 201) throw new Error(`post: ${r.status} ${JSON.stringify(r.json)}`)
      return r.json.comment
    },
  }
}

let readers = 0
export async function apiReader(h: Harness, username = `r${process.pid}n${++readers}`): Promise<ApiReader> {
  const reg = await send(h, 'POST', '/api/auth/register', { username, password: 'correct horse battery' }, '')
  if (reg.status !== 201) throw new Error(`register ${username}: ${reg.status} ${JSON.stringify(reg.json)}`)
  return readerOf(h, reg.json.user.id, username, (reg.res.headers.get('set-cookie') ?? '').split(';')[0]!)
}

/** Joins a seminar with its code as a guest, as students do from their phones; the join's answer brings the session. */
export async function guestReader(h: Harness, code: string, displayName: string): Promise<ApiReader> {
  const joined = await send(h, 'POST', '/api/join', { code, displayName }, '')
  if (joined.status !== 200) throw new Error(`join as ${displayName}: ${joined.status} ${JSON.stringify(joined.json)}`)
  return readerOf(h, joined.json.user.id, displayName, (joined.res.headers.get('set-cookie') ?? '').split(';')[0]!)
}

/** A page signed in with the reader's session cookie. */
export async function pageAs(h: Harness, reader: ApiReader, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await h.page(options)
  const [name, ...value] = reader.cookie.split('=')
  await page.context().addCookies([{ name: name!, value: value.join('='), url: h.url }])
  return page
}

/** The default debate's paragraph anchors, in reading order. */
export async function paragraphAnchors(h: Harness): Promise<string[]> {
  const res = await fetch(`${h.url}/api/debates/sora`)
  const data = (await res.json()) as { essay: { blocks: { anchor: string; kind: string }[] } }
  return data.essay.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.anchor)
}

/** A description of the focused element, looking through shadow roots. */
export function activeElement(page: Page): Promise<{ tag: string; id: string; text: string; role: string | null; host: string | null }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement
    let host: Element | null = null
    while (el?.shadowRoot?.activeElement) {
      host = el
      el = el.shadowRoot.activeElement
    }
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
      role: el?.getAttribute('role') ?? null,
      host: host?.tagName.toLowerCase() ?? null,
    }
  })
}

/** The text an element shows, its shadow roots' included, with whitespace collapsed. */
export function shownText(locator: Locator): Promise<string> {
  return locator.evaluate((root) => {
    const walk = (node: Node): string =>
      node instanceof Element && node.shadowRoot
        ? walk(node.shadowRoot)
        : node.nodeType === Node.TEXT_NODE
          ? (node.textContent ?? '')
          : [...node.childNodes].map(walk).join(' ')
    return walk(root).replace(/\s+/g, ' ').trim()
  })
}

/** Registers through the page's own dialog (opening the header's account menu first on a phone). */
export async function registerInPage(page: Page, username: string, password = 'correct horse battery'): Promise<void> {
  const header = page.locator('mg-app header')
  await header.locator('.account > *').first().waitFor()
  const menu = header.locator('button.menu-toggle')
  if (await menu.count()) await menu.click()
  await header.getByRole('button', { name: /^(Register|Registrieren)$/ }).click()
  const dialog = page.locator('mg-auth-dialog dialog')
  await dialog.locator('#username').fill(username)
  await dialog.locator('#password').fill(password)
  await dialog.locator('button[type=submit]').click()
  await page.locator('mg-app .user').filter({ hasText: username }).waitFor()
}

/** What axe-core finds wrong on the page once its animations have ended, one line a node. */
export async function axeViolations(page: Page) {
  await page.waitForFunction(() => document.getAnimations().length === 0)
  await page.evaluate(axe.source)
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }))
  return result.violations.map((v) => ({
    id: v.id,
    nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.slice(0, 300)),
  }))
}
