/**
 * The database, as every repository sees it whichever engine runs underneath: embedded SQLite
 * (better-sqlite3, the default) or Postgres (node-postgres) for deployments that outgrow one
 * process. `openDatabase` picks the engine from its location (a file path, or a `postgres://`
 * URL); `db/sqlite.ts` and `db/postgres.ts` are the only places the two differ.
 *
 * The tables are declared once (`db/schema.ts`) and drizzle's query builder renders them in
 * the engine's own SQL. Repositories await their queries and read what a write gives back from
 * `.returning()`; the builder's `.get()`, `.all()` and `.run()` exist on SQLite only and are not
 * part of the type below. Every query is async, also on SQLite, where it runs synchronously and
 * resolves at once.
 *
 * Both engines behave alike where the repositories rely on it:
 * - a plain query reads what has committed, never another request's transaction in progress;
 * - `transaction` runs its function on a handle of its own and commits it as a whole, or rolls
 *   it back when the function throws. Writes happen only in transactions. Transactions that
 *   name a debate in `lock` run one after another for that debate (on SQLite, every
 *   transaction runs alone), so what one reads before it writes is still true when it commits;
 * - `snapshot` reads several statements as of one moment.
 */
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'

export type Engine = 'sqlite' | 'postgres'

/** drizzle's query builder without what only one engine has. */
type Builder = Omit<BaseSQLiteDatabase<'async', unknown>, 'transaction' | 'run' | 'all' | 'get' | 'values' | 'batch' | '$client'>

/** A handle to run queries on: the database itself, or a transaction in progress. */
export interface Tx extends Builder {
  readonly engine: Engine
  /** The rows of a hand-written statement (see `statement`). */
  rows<P extends Params, R>(statement: Statement<P, R>, params: P): Promise<R[]>
}

export interface TransactionOptions {
  /** The debate whose writes this transaction must not overlap with. */
  lock?: number
}

export interface DB extends Tx {
  /** Runs `fn` in a transaction, committed when it returns and rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>
  /** Runs the reads of `fn` as of one moment: nothing commits in between for them. */
  snapshot<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  /** Answers once the database does (the health check). */
  ping(): Promise<void>
  close(): Promise<void>
}

export type Params = Record<string, string | number | null>

/**
 * A statement written by hand, for the queries drizzle's builder cannot express or that run so
 * often that building them per call costs more than running them. Its text names parameters as
 * `@name`; each engine prepares it once per connection.
 */
export interface Statement<P extends Params, R> {
  readonly name: string
  readonly text: string
  /** Types only. */
  readonly __types?: [P, R]
}

export function statement<P extends Params, R>(name: string, text: string): Statement<P, R> {
  return { name, text }
}

/**
 * A drizzle query prepared once on a handle (Postgres prepares statements by name). The
 * result's `execute(values)` runs it with the placeholders' values.
 */
export function prepare<Q extends { prepare(): unknown }>(db: Tx, name: string, query: Q): ReturnType<Q['prepare']> {
  return (db.engine === 'postgres' ? (query.prepare as (name: string) => unknown)(name) : query.prepare()) as ReturnType<Q['prepare']>
}

/**
 * What `build` makes of a handle, made once per handle: the prepared statements of a
 * repository, for the database and for each transaction that uses them.
 */
export function perHandle<S>(build: (db: Tx) => S): (db: Tx) => S {
  const made = new WeakMap<Tx, S>()
  return (db) => {
    let value = made.get(db)
    if (value === undefined) {
      value = build(db)
      made.set(db, value)
    }
    return value
  }
}

/**
 * Opens the database at `location`: a `postgres://` (or `postgresql://`) URL, or the path of
 * an SQLite file (created when missing).
 */
export async function openDatabase(location: string): Promise<DB> {
  if (isPostgresUrl(location)) {
    const { openPostgres } = await import('./postgres.ts')
    return openPostgres(location)
  }
  const { openSqlite } = await import('./sqlite.ts')
  return openSqlite(location)
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location)
}

/**
 * Whether an error is the database giving up on a lock it waited for (SQLite's SQLITE_BUSY
 * and SQLITE_LOCKED after busy_timeout, Postgres' lock_not_available): nothing was written,
 * and trying again later may well succeed.
 */
export function isDatabaseBusy(err: unknown): boolean {
  return codes(err).some((code) => /^SQLITE_(BUSY|LOCKED)/.test(code) || code === '55P03')
}

/** Whether an error is a unique constraint refusing a row (SQLite's SQLITE_CONSTRAINT_UNIQUE, Postgres' 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return codes(err).some((code) => code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505')
}

function codes(err: unknown): string[] {
  const out: string[] = []
  for (let e = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') out.push(code)
  }
  return out
}
