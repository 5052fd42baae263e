/** Applies the drizzle-kit migrations in `migrations/` at start-up. */
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { fileURLToPath } from 'node:url'
import type { DB } from './client.ts'

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url))

export function migrateDatabase(db: DB): void {
  migrate(db, { migrationsFolder })
}
