/** Applies the drizzle-kit migrations in `migrations/` at start-up, and makes the fresh databases tests run on. */
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { fileURLToPath } from 'node:url'
import { openDatabase, type DB } from './client.ts'

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url))

export function migrateDatabase(db: DB): void {
  migrate(db, { migrationsFolder })
}

/** A fresh, migrated in-memory database. */
export function createTestDb(): DB {
  const db = openDatabase(':memory:')
  migrateDatabase(db)
  return db
}
