/**
 * The embedded engine: one SQLite file in WAL mode, opened twice by better-sqlite3. Plain
 * queries run on a read-only connection, which sees only what has committed; transactions run
 * on the other, one at a time in the order they began (SQLite has one writer anyway). A
 * transaction's function may await other things than its queries, and no other request ever
 * sees its writes before it commits.
 *
 * Durability settings are connection-local in SQLite (a reopened WAL database falls back to
 * synchronous=NORMAL), so they are set on both connections and read back.
 *
 * Transactions begin IMMEDIATE, taking the write lock (waiting up to busy_timeout for it) before
 * their first read. A DEFERRED transaction that has read and then writes while another
 * process (an essay import, a backup script) writes fails at once with SQLITE_BUSY: SQLite
 * cannot let it wait, since its snapshot may be stale by the time the lock is free.
 */
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { AsyncLocalStorage } from 'node:async_hooks'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DB, Params, Statement, Tx } from './client.ts'

const SYNCHRONOUS_FULL = 2
const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url))

/** Opens (creating it when missing) and migrates the database file at `path`. */
export function openSqlite(path: string): DB {
  mkdirSync(dirname(path), { recursive: true })
  const writer = connect(path)
  migrate(drizzle({ client: writer }), { migrationsFolder })
  const reader = connect(path)
  reader.pragma('query_only = ON')
  const writeTx = handle(writer)
  const db = handle(reader) as Tx & Partial<DB>
  const turns = new Turns()
  const inTransaction = new AsyncLocalStorage<true>()

  db.transaction = (fn) => {
    if (inTransaction.getStore()) return Promise.reject(new Error('A transaction cannot begin inside another'))
    return turns.take(() =>
      inTransaction.run(true, async () => {
        writer.exec('BEGIN IMMEDIATE')
        try {
          const value = await fn(writeTx)
          writer.exec('COMMIT')
          return value
        } catch (err) {
          if (writer.inTransaction) writer.exec('ROLLBACK')
          throw err
        }
      }),
    )
  }
  // No transaction commits while a snapshot reads.
  db.snapshot = (fn) => turns.take(() => fn(db))
  db.ping = async () => {
    reader.prepare('select 1').get()
  }
  db.close = async () => {
    await turns.idle()
    reader.close()
    writer.close()
  }
  return db as DB
}

function connect(path: string): Database.Database {
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  checkPragmas(sqlite)
  return sqlite
}

/** drizzle on one connection, with the hand-written statements prepared once on it. */
function handle(sqlite: Database.Database): Tx {
  const tx = drizzle({ client: sqlite }) as unknown as Tx & { engine: string }
  const prepared = new Map<object, Database.Statement>()
  tx.engine = 'sqlite'
  tx.rows = async <P extends Params, R>(statement: Statement<P, R>, params: P) => {
    let ready = prepared.get(statement)
    if (!ready) {
      ready = sqlite.prepare(statement.text)
      prepared.set(statement, ready)
    }
    return ready.all(params) as R[]
  }
  return tx
}

/** Runs tasks one at a time, in the order they were handed in. */
class Turns {
  private last: Promise<unknown> = Promise.resolve()

  take<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.then(task)
    this.last = result.catch(() => undefined)
    return result
  }

  idle(): Promise<unknown> {
    return this.last
  }
}

function checkPragmas(sqlite: Database.Database): void {
  const journal = sqlite.pragma('journal_mode', { simple: true })
  const synchronous = sqlite.pragma('synchronous', { simple: true })
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true })
  if (journal !== 'wal') throw new Error(`SQLite journal_mode is ${String(journal)}, expected wal`)
  if (synchronous !== SYNCHRONOUS_FULL) throw new Error(`SQLite synchronous is ${String(synchronous)}, expected FULL (2)`)
  if (foreignKeys !== 1) throw new Error('SQLite foreign_keys is off')
}
