/**
 * The engine for deployments that outgrow one process: Postgres through a node-postgres pool,
 * shared by every app server. Transactions run at READ COMMITTED on a connection of their own;
 * one that names a debate in `lock` first takes that debate's transaction-scoped advisory lock,
 * so the writes to one debate run one after another across all app servers, as they do on
 * SQLite. Snapshots are REPEATABLE READ, read-only.
 *
 * Postgres returns 64-bit integers (times in ms, counts) as strings by default; here they are
 * numbers, as on SQLite: every such value Marginalia stores is far below 2^53. The parsers are
 * node-postgres' global ones, the ones drizzle's queries use.
 */
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { DB, Params, Statement, Tx } from './client.ts'

const migrationsFolder = fileURLToPath(new URL('../migrations/postgres', import.meta.url))

const INT8 = 20
const NUMERIC = 1700
/** The first key of the advisory locks that serialise a debate's writes (the second is its id). */
export const DEBATE_LOCK = 7_301
const MIGRATION_LOCK = 7_302
const TEMPLATE_LOCK = 7_303

// Set for the whole process: drizzle's queries ask node-postgres' global parsers, whatever a pool was given.
pg.types.setTypeParser(INT8, Number)
pg.types.setTypeParser(NUMERIC, Number)

export interface PostgresDB extends DB {
  /** The pool, for what only Postgres has (LISTEN, the bus's notifications). */
  readonly pool: pg.Pool
  readonly url: string
}

export function isPostgres(db: DB): db is PostgresDB {
  return db.engine === 'postgres'
}

/** Opens a pool on the database at `url` and applies the Postgres migrations. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<PostgresDB> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20 })
  // A connection that fails while idle in the pool must not end the process.
  pool.on('error', () => undefined)
  try {
    await migrateOnce(pool)
  } catch (err) {
    await pool.end()
    throw err
  }
  const db = handle(pool) as Tx & Partial<PostgresDB> & { pool: pg.Pool; url: string }
  db.pool = pool
  db.url = url
  db.transaction = async (fn, options = {}) => {
    const client = await pool.connect()
    let broken: Error | undefined
    try {
      await client.query('begin')
      if (options.lock !== undefined) await client.query('select pg_advisory_xact_lock($1, $2)', [DEBATE_LOCK, options.lock])
      const value = await fn(handle(client))
      await client.query('commit')
      return value
    } catch (err) {
      await client.query('rollback').catch((e: Error) => {
        broken = e
      })
      throw err
    } finally {
      client.release(broken)
    }
  }
  db.snapshot = async (fn) => {
    const client = await pool.connect()
    try {
      await client.query('begin isolation level repeatable read read only')
      const value = await fn(handle(client))
      await client.query('commit')
      return value
    } catch (err) {
      await client.query('rollback').catch(() => undefined)
      throw err
    } finally {
      client.release()
    }
  }
  db.ping = async () => {
    await pool.query('select 1')
  }
  db.close = () => pool.end()
  return db as PostgresDB
}

/** Applies the migrations; app servers starting together take turns, so each migration runs once. */
async function migrateOnce(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migrate(drizzle({ client }), { migrationsFolder })
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    client.release()
  }
}

/** drizzle on a pool or one connection, with the hand-written statements run by name. */
function handle(client: pg.Pool | pg.PoolClient): Tx {
  const tx = drizzle({ client }) as unknown as Tx & { engine: string }
  tx.engine = 'postgres'
  tx.rows = async <P extends Params, R>(statement: Statement<P, R>, params: P) => {
    const { text, names } = numbered(statement)
    const result = await client.query({ name: statement.name, text, values: names.map((n) => params[n]) })
    return result.rows as R[]
  }
  return tx
}

const translated = new WeakMap<object, { text: string; names: string[] }>()

/** A statement's text with `@name` parameters as Postgres' `$1, $2, …`. */
export function numbered(statement: { text: string }): { text: string; names: string[] } {
  let done = translated.get(statement)
  if (!done) {
    const names: string[] = []
    const text = statement.text.replace(/@([a-zA-Z_]\w*)/g, (_, name: string) => {
      let at = names.indexOf(name)
      if (at < 0) at = names.push(name) - 1
      return `$${at + 1}`
    })
    done = { text, names }
    translated.set(statement, done)
  }
  return done
}

/**
 * A fresh database on the Postgres server at `serverUrl`, dropped again when it is closed. It
 * is copied from a template migrated once per set of migrations, which is much faster than
 * migrating every test's database.
 */
export async function createPostgresTestDb(serverUrl: string): Promise<PostgresDB> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  const name = `marginalia_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  try {
    const template = await ensureTemplate(admin, serverUrl)
    await admin.query(`create database ${name} template ${template}`)
  } finally {
    await admin.end()
  }
  const db = await openPostgres(withDatabase(serverUrl, name), { max: 10 })
  const close = db.close
  db.close = async () => {
    await close()
    const dropper = new pg.Client({ connectionString: serverUrl })
    await dropper.connect()
    await dropper.query(`drop database if exists ${name} with (force)`)
    await dropper.end()
  }
  return db
}

/** The template database for the current migrations, made (under a lock, once for all test processes) when missing. */
async function ensureTemplate(admin: pg.Client, serverUrl: string): Promise<string> {
  const template = `marginalia_template_${migrationsHash()}`
  await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK])
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [template])
    if (found.rowCount === 0) {
      await admin.query(`create database ${template}`)
      const db = await openPostgres(withDatabase(serverUrl, template), { max: 1 })
      await db.close()
    }
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK])
  }
  return template
}

function migrationsHash(): string {
  const hash = createHash('sha256')
  for (const file of readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(join(migrationsFolder, file)))
  }
  return hash.digest('hex').slice(0, 12)
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
