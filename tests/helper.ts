/**
 * Builds the real app on a fresh migrated database (with the default debate): an SQLite file,
 * or a Postgres database of its own when `TEST_DATABASE_URL` is set (see db/testing.ts),
 * and closes it after the test. Also small helpers to act as a user would.
 */
import { sql, type SQL } from 'drizzle-orm'
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify'
import { afterEach } from 'vitest'
import type { DB } from '../db/client.ts'
import { createTestDb } from '../db/testing.ts'
import app, { serverOptions } from '../server/app.ts'
import { loadConfig, type Config } from '../server/config.ts'
import type { LiveOptions } from '../server/live/hub.ts'
import { createRepositories } from '../server/repositories/index.ts'
import { seedDefaultDebate } from '../server/seed.ts'

export const ORIGIN = 'http://localhost:3000'

const open = new Set<FastifyInstance>()
afterEach(async () => {
  await Promise.all([...open].map((a) => a.close()))
  open.clear()
})

export interface BuildOptions {
  env?: Record<string, string>
  /** The database to run on (closed with the app); a fresh in-memory one by default. */
  db?: DB
  clientDir?: string
  /** The live hub's options, e.g. shorter heartbeats or smaller limits. */
  live?: Partial<LiveOptions>
}

export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const config: Config = loadConfig({ PUBLIC_URL: ORIGIN, ...options.env })
  const db = options.db ?? (await createTestDb())
  await seedDefaultDebate(createRepositories(db, config))
  const instance = Fastify(serverOptions(config))
  await instance.register(app, {
    config,
    db,
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
    ...(options.live ? { live: options.live } : {}),
  })
  instance.addHook('onClose', async () => {
    open.delete(instance)
    await db.close()
  })
  await instance.ready()
  open.add(instance)
  return instance
}

/**
 * Test seam: runs one statement drizzle's builder has no words for (a schema change, SQLite's
 * own tables) in a transaction of its own.
 */
export async function runStatement(db: DB, statement: string): Promise<void> {
  await db.transaction(async (tx) => {
    // drizzle runs raw SQL with `run` on SQLite and with `execute` on Postgres; neither is part of `Tx`.
    const raw = tx as unknown as Record<'run' | 'execute', (query: SQL) => Promise<unknown>>
    await raw[tx.engine === 'postgres' ? 'execute' : 'run'](sql.raw(statement))
  })
}

/** The session cookie header from a response, for the next request. */
export function cookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'mg_session')
  if (!cookie) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`)
  return `mg_session=${cookie.value}`
}

let counter = 0
/** Registers a fresh user and returns their cookie and id. */
export async function signUp(a: FastifyInstance, username = `reader${process.pid}x${++counter}`, password = 'correct horse battery') {
  const res = await a.inject({
    method: 'POST',
    url: '/api/auth/register',
    headers: { origin: ORIGIN },
    payload: { username, password },
  })
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`)
  return { cookie: cookieOf(res), id: res.json().user.id as number, username, password }
}

/** Sends a state-changing request from the app's own origin as the given user. */
export function write(
  a: FastifyInstance,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  cookie: string | null,
  payload?: unknown,
) {
  return a.inject({
    method,
    url,
    headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })
}

/** The anchors of the default debate's paragraphs, in reading order. */
export async function paragraphs(a: FastifyInstance, debate = 'sora'): Promise<string[]> {
  const res = await a.inject({ url: `/api/debates/${debate}` })
  return (res.json().essay.blocks as { anchor: string; kind: string }[]).filter((b) => b.kind === 'paragraph').map((b) => b.anchor)
}
