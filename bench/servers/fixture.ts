/**
 * The data both comment servers start from, built through the app's own repositories: the
 * default debate `sora`, a thread of 50 comments (arguments and replies, by five readers) on
 * its first paragraph, and a signed-in writer whose comments go to the second paragraph, so
 * the thread that is read stays at 50 however many comments the write benchmark adds. The
 * database is an SQLite file or a Postgres database, given by its path or its URL; a second
 * app server on the same Postgres database joins the fixture the first one built.
 */
import Database from 'better-sqlite3'
import Fastify, { type FastifyInstance } from 'fastify'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isPostgresUrl, openDatabase, type DB } from '../../db/client.ts'
import type { Stance } from '../../db/schema.ts'
import app, { serverOptions } from '../../server/app.ts'
import { loadConfig, type Config } from '../../server/config.ts'
import { MemoryLimitStore, SharedRateLimiter } from '../../server/plugins/app/shared-limits.ts'
import { thread, view, type JoinedRow } from '../../server/repositories/comments.ts'
import type { BlockRow, DebateRow } from '../../server/repositories/debates.ts'
import { createRepositories, type Repositories } from '../../server/repositories/index.ts'
import { DEFAULT_DEBATE, seedDefaultDebate } from '../../server/seed.ts'

export const THREAD_SIZE = 50
export const PUBLIC_URL = 'http://localhost:3000'

export interface Fixture {
  config: Config
  db: DB
  debate: DebateRow
  /** The paragraph holding the 50-comment thread. */
  readBlock: BlockRow
  /** The paragraph new comments are posted to. */
  writeBlock: BlockRow
  writerId: number
  /** The writer's session cookie, `mg_session=…`. */
  cookie: string
}

export interface Targets {
  readPath: string
  writePath: string
  /** Headers every write carries (cookie and origin for the app, none for the bare server). */
  writeHeaders: Record<string, string>
}

const STANCES: Stance[] = ['pro', 'contra', 'neutral']
const SENTENCES = [
  'Der Absatz unterschätzt, wie viel Auswahl und Urteil schon im Formulieren eines Prompts steckt.',
  'Passiv ist nicht, wer ein Werkzeug benutzt, sondern wer aufhört zu fragen, wozu er es benutzt.',
  'Debords Begriff des Spektakels passt hier genauer, als der Text selbst ausführt.',
  'Dass Bilder billig werden, entwertet nicht das Sehen, wohl aber das bloße Herstellen.',
  'Ein Gegenbeispiel: Fotografie galt anfangs auch als Ende der Malerei und hat sie verändert.',
  'Mir fehlt eine Unterscheidung zwischen Unterhaltung und Kunst, sonst wird alles gleich verdächtig.',
]

/**
 * Builds the fixture in the database at `location` (a file path or a `postgres://` URL), opened
 * and migrated as server/server.ts does; with `join`, finds the one another server built there
 * instead, and signs the writer in afresh.
 */
export async function prepareFixture(location: string, options: { join?: boolean } = {}): Promise<Fixture> {
  const config = loadConfig({
    PUBLIC_URL,
    ...(isPostgresUrl(location) ? { DATABASE_URL: location } : { DATABASE_PATH: location }),
    LOG_LEVEL: 'silent',
  })
  const db = await openDatabase(location)
  const repos = createRepositories(db, config)
  if (!options.join) await seedDefaultDebate(repos)
  const debate = await repos.debates.bySlug(DEFAULT_DEBATE)
  if (!debate) throw new Error(`the default debate "${DEFAULT_DEBATE}" was not seeded`)
  const [first, second] = await Promise.all(
    (await repos.debates.blocksWithTallies(debate, null))
      .filter((b) => b.kind === 'paragraph')
      .map(async (b) => (await repos.debates.paragraph(debate, b.anchor))!),
  )
  if (!first || !second) throw new Error('the default essay needs at least two paragraphs')

  if (options.join) {
    const writer = await repos.users.byName('reader1')
    if (!writer) throw new Error(`no fixture to join at ${location}: the writer is missing`)
    const { token } = await repos.sessions.create(writer.id)
    return { config, db, debate, readBlock: first, writeBlock: second, writerId: writer.id, cookie: `mg_session=${token}` }
  }

  const readers = []
  for (let i = 1; i <= 5; i++) readers.push(await repos.users.create(`reader${i}`, 'correct horse battery'))

  const ids: number[] = []
  for (let i = 0; i < THREAD_SIZE; i++) {
    // Every fourth comment answers an earlier one, so the thread has replies two levels deep.
    const parentId = i % 4 === 3 ? (ids[i - 2 - (i % 3)] ?? null) : null
    const body = [SENTENCES[i % SENTENCES.length], SENTENCES[(i * 5 + 2) % SENTENCES.length]].join(' ')
    const { value } = await repos.comments.create(debate, first, readers[i % readers.length]!.id, {
      body,
      stance: STANCES[i % STANCES.length]!,
      parentId,
    })
    ids.push(value.comment.id)
  }

  const writer = readers[0]!
  const { token } = await repos.sessions.create(writer.id)
  return { config, db, debate, readBlock: first, writeBlock: second, writerId: writer.id, cookie: `mg_session=${token}` }
}

/**
 * What a baseline starts from: the same fixture as the app's, then the database reopened with
 * better-sqlite3 alone and the app's pragmas (set on this connection, as db/sqlite.ts does on each of its own).
 */
export async function prepareBaseline(databasePath: string): Promise<{ fixture: Fixture; sqlite: Database.Database }> {
  const fixture = await prepareFixture(databasePath)
  await fixture.db.close()
  const sqlite = new Database(databasePath)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return { fixture, sqlite }
}

/**
 * The thread query both baselines run: the app's own statement (server/repositories/comments.ts),
 * so that a baseline does the same query as the app and only the app's layers differ.
 */
export const THREAD = thread
/** The app's statement for one comment, which it reads back after an insert. */
export const VIEW = view
export type ThreadRow = JoinedRow

/** A row of the thread query in the API's comment shape, as the baselines send it to an anonymous reader. */
export function threadComment(r: ThreadRow) {
  return {
    id: r.id,
    parentId: r.parent_id,
    anchor: r.anchor,
    author: {
      id: r.author_id,
      username: r.username,
      ...(r.pseudonym === null ? {} : { pseudonym: r.pseudonym }),
      guest: Boolean(r.guest),
      role: r.role,
    },
    body: r.deleted_at === null && r.removed_at === null ? r.body : null,
    stance: r.stance,
    votes: r.votes,
    voted: Boolean(r.voted),
    depth: r.depth,
    createdAt: new Date(r.created_at).toISOString(),
    editedAt: r.edited_at === null ? null : new Date(r.edited_at).toISOString(),
    deleted: r.deleted_at !== null,
    outdated: r.outdated_text !== null,
    outdatedText: r.outdated_text,
    hidden: r.hidden_at !== null,
    hiddenReason: r.hidden_reason,
    pinned: r.pinned_at !== null,
    status: r.status,
    statusReason: r.status_reason,
    removed: r.removed_at !== null,
  }
}

/** A comment just posted (top-level, published), in the API's shape, as the baselines send it in `comment.created`. */
export function postedComment(c: {
  id: number
  anchor: string
  author: { id: number; username: string }
  body: string
  stance: string
  createdAt: number
}) {
  return {
    id: c.id,
    parentId: null,
    anchor: c.anchor,
    author: c.author,
    body: c.body,
    stance: c.stance,
    votes: 0,
    voted: false,
    depth: 0,
    createdAt: new Date(c.createdAt).toISOString(),
    editedAt: null,
    deleted: false,
    outdated: false,
    outdatedText: null,
    hidden: false,
    hiddenReason: null,
    pinned: false,
    status: 'published',
    statusReason: null,
    removed: false,
  }
}

export function pathsOf(fixture: Fixture): { readPath: string; writePath: string } {
  const base = `/api/debates/${fixture.debate.slug}/paragraphs`
  return {
    readPath: `${base}/${fixture.readBlock.anchor}/comments`,
    writePath: `${base}/${fixture.writeBlock.anchor}/comments`,
  }
}

/** Ends the process cleanly when the benchmark runner closes stdin or sends a signal. */
/**
 * Builds a large fixture with `build` on memory-backed storage, where waiting for the disk after
 * every write costs nothing, then copies it to `databasePath` (closing checkpoints the WAL into
 * the file), so the server runs on the copy with the app's own durability setting.
 */
export async function buildOnScratch<T>(databasePath: string, config: Config, build: (repos: Repositories) => Promise<T>): Promise<T> {
  // Test seam: the fixture's storage is not the server's.
  const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'marginalia-bench-'))
  const scratchPath = join(scratch, 'fixture.db')
  const db = await openDatabase(scratchPath)
  try {
    const built = await build(createRepositories(db, config))
    await db.close()
    copyFileSync(scratchPath, databasePath)
    return built
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

export function exitWhenAsked(close: () => Promise<void>): void {
  let closing = false
  const shutdown = () => {
    if (closing) return
    closing = true
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.stdin.on('end', shutdown)
  process.stdin.on('close', shutdown)
  process.stdin.resume()
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, shutdown)
}

/**
 * Starts the real app (server/app.ts with the server's own options, logger off) on the
 * fixture's database and prints `{ port, …targets }` once listening; `prepare` may add
 * routes before it starts, and `targetsOf` may set up more data through the running app
 * (`server.inject`). With `join`, it serves the fixture another server built in the same
 * Postgres database (see `prepareFixture`). It closes when the runner asks.
 */
export async function serveApp<T extends object>(
  location: string,
  targetsOf: (fixture: Fixture, server: FastifyInstance) => T | Promise<T>,
  prepare?: (server: FastifyInstance) => void,
  options: { join?: boolean } = {},
): Promise<void> {
  const fixture = await prepareFixture(location, options)
  const server = Fastify(serverOptions(fixture.config, false))
  await server.register(app, { config: fixture.config, db: fixture.db })
  prepare?.(server)
  await server.ready()
  // Test seam: the benchmarks post far faster than a person; rate limiting is not what is measured.
  server.limits.commentsPerUser = new SharedRateLimiter(new MemoryLimitStore(), server.limits.commentsPerUser.name, 1e9, 60_000)
  exitWhenAsked(async () => {
    await server.close()
    await fixture.db.close()
  })
  const targets = await targetsOf(fixture, server)
  const address = await server.listen({ host: '127.0.0.1', port: 0 })
  console.log(JSON.stringify({ port: Number(new URL(address).port), ...targets }))
}
