/**
 * The Postgres server the benchmarks' Postgres rows run on, named by `MARGINALIA_TEST_POSTGRES`
 * (the variable the tests read): each server under test gets a database of its own on it, made
 * from the migrated template (db/postgres.ts) and dropped again when the benchmark is done. When
 * the variable is unset, the Postgres rows are skipped and the report says so.
 */
import { createPostgresTestDb, type PostgresDB } from '../../db/postgres.ts'

export const POSTGRES_VARIABLE = 'MARGINALIA_TEST_POSTGRES'

/** The server to make databases on, or null when the Postgres rows are to be skipped. */
export function postgresServer(env = process.env): string | null {
  return env[POSTGRES_VARIABLE]?.trim() || null
}

export const POSTGRES_SKIPPED = `${POSTGRES_VARIABLE} is not set; set it to a Postgres server (postgres://…) to measure these rows`

/** Fresh databases on one server, all dropped by `dropAll`, whatever happened in between. */
export class PostgresDatabases {
  private readonly made: PostgresDB[] = []

  constructor(private readonly serverUrl: string) {}

  /** A fresh, migrated database; its `url` is what a server under test opens. */
  async fresh(): Promise<PostgresDB> {
    const db = await createPostgresTestDb(this.serverUrl)
    this.made.push(db)
    return db
  }

  /** Drops every database made here; call it once the servers using them have stopped. */
  async dropAll(): Promise<void> {
    const made = this.made.splice(0)
    await Promise.all(made.map((db) => db.close()))
  }
}

/** The server as the report names it: version and the settings that decide what a commit costs. */
export async function describePostgres(db: PostgresDB): Promise<string> {
  const { rows } = await db.pool.query<{ name: string; setting: string }>(
    "select name, setting from pg_settings where name in ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'block_size')",
  )
  const setting = Object.fromEntries(rows.map((r) => [r.name, r.setting]))
  const buffers = Number(setting.shared_buffers) * Number(setting.block_size)
  const host = new URL(db.url).hostname
  const version = setting.server_version?.split(' ')[0] ?? '?'
  const mib = Number.isFinite(buffers) ? `${Math.round(buffers / 2 ** 20)} MiB` : '?'
  return (
    `PostgreSQL ${version} at ${host} (fsync ${setting.fsync ?? '?'}, ` +
    `synchronous_commit ${setting.synchronous_commit ?? '?'}, shared_buffers ${mib})`
  )
}
