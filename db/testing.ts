/**
 * Fresh databases for tests and experiments, removed again when they are closed: an SQLite file
 * in memory-backed temporary storage, or, with `TEST_DATABASE_URL` set to a Postgres server, a
 * database of its own on that server.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DB } from './client.ts'
import { openSqlite } from './sqlite.ts'

/** Where throwaway SQLite files go: memory-backed where the system has it, so fsync costs nothing. */
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()

export async function createTestDb(): Promise<DB> {
  const server = process.env.TEST_DATABASE_URL
  if (server) {
    const { createPostgresTestDb } = await import('./postgres.ts')
    return createPostgresTestDb(server)
  }
  const dir = mkdtempSync(join(scratch, 'marginalia-test-'))
  const db = openSqlite(join(dir, 'test.db'))
  const close = db.close.bind(db)
  db.close = async () => {
    await close()
    rmSync(dir, { recursive: true, force: true })
  }
  return db
}
