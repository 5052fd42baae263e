/**
 * The database connection: better-sqlite3 with the pragmas every connection needs, wrapped
 * in drizzle. Durability settings are connection-local in SQLite (a reopened WAL database
 * falls back to synchronous=NORMAL), so they are set on every open and read back.
 */
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrateDatabase } from './migrate.ts'
import * as schema from './schema.ts'

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
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
  return drizzle({ client: sqlite, schema })
}

function checkPragmas(sqlite: Database.Database, inMemory: boolean): void {
  const journal = sqlite.pragma('journal_mode', { simple: true })
  const synchronous = sqlite.pragma('synchronous', { simple: true })
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true })
  if (!inMemory && journal !== 'wal') throw new Error(`SQLite journal_mode is ${String(journal)}, expected wal`)
  if (synchronous !== SYNCHRONOUS_FULL) throw new Error(`SQLite synchronous is ${String(synchronous)}, expected FULL (2)`)
  if (foreignKeys !== 1) throw new Error('SQLite foreign_keys is off')
}

/** A fresh, migrated in-memory database. */
export function createTestDb(): DB {
  const db = openDatabase(':memory:')
  migrateDatabase(db)
  return db
}
