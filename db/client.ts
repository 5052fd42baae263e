/**
 * The database connection: better-sqlite3 with the pragmas every connection needs, wrapped
 * in drizzle (its query builder only: the repositories write their joins themselves). Durability settings are connection-local in SQLite (a reopened WAL database
 * falls back to synchronous=NORMAL), so they are set on every open and read back.
 *
 * Transactions begin IMMEDIATE, taking the write lock (waiting up to busy_timeout for it) before
 * their first read. A DEFERRED transaction that has read and then writes while another
 * connection (an essay import, a backup script) writes fails at once with SQLITE_BUSY: SQLite
 * cannot let it wait, since its snapshot may be stale by the time the lock is free.
 */
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export type DB = BetterSQLite3Database & { $client: Database.Database }
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0]

const SYNCHRONOUS_FULL = 2

export function openDatabase(path: string): DB {
  const inMemory = path === ':memory:'
  if (!inMemory) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path)
  if (!inMemory) sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  checkPragmas(sqlite, inMemory)
  const db = drizzle({ client: sqlite })
  const begin = db.transaction.bind(db)
  db.transaction = ((fn, config) => begin(fn, { behavior: 'immediate', ...config })) as DB['transaction']
  return db
}

/**
 * Whether an error is SQLite giving up on a lock (SQLITE_BUSY, SQLITE_LOCKED and their extended
 * codes) after busy_timeout: nothing was written, and trying again later may well succeed.
 */
export function isDatabaseBusy(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true
  }
  return false
}

function checkPragmas(sqlite: Database.Database, inMemory: boolean): void {
  const journal = sqlite.pragma('journal_mode', { simple: true })
  const synchronous = sqlite.pragma('synchronous', { simple: true })
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true })
  if (!inMemory && journal !== 'wal') throw new Error(`SQLite journal_mode is ${String(journal)}, expected wal`)
  if (synchronous !== SYNCHRONOUS_FULL) throw new Error(`SQLite synchronous is ${String(synchronous)}, expected FULL (2)`)
  if (foreignKeys !== 1) throw new Error('SQLite foreign_keys is off')
}
