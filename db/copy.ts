/**
 * Copies every table of one database into another, ids and seqs kept, between engines: an
 * SQLite deployment moving to Postgres, or back. The target must be empty (migrated, with no
 * account, essay or debate); the source is read in one snapshot, so a server may keep running
 * on it, though whatever it writes after the copy began stays behind.
 *
 * Tables are copied parents before children (a comment's parent before it), in primary key
 * order. Each paragraph's counts are not copied: the target's own triggers count the comments
 * as they arrive.
 */
import { asc, count, getTableColumns, is } from 'drizzle-orm'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { statement, type DB, type Tx } from './client.ts'
import { isPostgres } from './postgres.ts'
import * as schema from './schema.ts'

const BATCH = 500

/** Every table of the schema, each after the tables it refers to. */
export function tablesInOrder(): SQLiteTable[] {
  const tables = Object.values(schema as Record<string, unknown>).filter((v): v is SQLiteTable => is(v, SQLiteTable))
  const byName = new Map(tables.map((t) => [getTableConfig(t).name, t]))
  const done = new Set<string>()
  const out: SQLiteTable[] = []
  const visit = (table: SQLiteTable, path: string[]) => {
    const name = getTableConfig(table).name
    if (done.has(name)) return
    if (path.includes(name)) throw new Error(`The tables refer to each other in a circle: ${[...path, name].join(' → ')}`)
    for (const fk of getTableConfig(table).foreignKeys) {
      const parent = getTableConfig(fk.reference().foreignTable).name
      if (parent !== name) visit(byName.get(parent)!, [...path, name])
    }
    done.add(name)
    out.push(table)
  }
  for (const table of tables) visit(table, [])
  return out
}

export interface CopyReport {
  /** Rows copied, by table. */
  rows: Record<string, number>
}

export async function copyDatabase(source: DB, target: DB): Promise<CopyReport> {
  const tables = tablesInOrder().filter((t) => t !== schema.paragraphCounts)
  for (const table of [schema.users, schema.essays, schema.debates]) {
    const [row] = await target.select({ n: count() }).from(table)
    if ((row?.n ?? 0) > 0) throw new Error(`The target database is not empty: it has ${getTableConfig(table).name}`)
  }
  const rows: Record<string, number> = {}
  await source.snapshot(async (from) =>
    target.transaction(async (to) => {
      for (const table of tables) rows[getTableConfig(table).name] = await copyTable(from, to, table)
      if (isPostgres(target)) await resetIdentities(to, tables)
    }),
  )
  return { rows }
}

async function copyTable(from: Tx, to: Tx, table: SQLiteTable): Promise<number> {
  const config = getTableConfig(table)
  const keys = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary)
  let copied = 0
  for (let offset = 0; ; offset += BATCH) {
    const batch = await from
      .select()
      .from(table)
      .orderBy(...keys.map((c) => asc(c)))
      .limit(BATCH)
      .offset(offset)
    if (batch.length === 0) return copied
    await to.insert(table).values(batch)
    copied += batch.length
  }
}

/** Postgres hands out the next id from a sequence, which rows copied with their ids did not move. */
async function resetIdentities(tx: Tx, tables: SQLiteTable[]): Promise<void> {
  for (const table of tables) {
    const id = getTableColumns(table).id
    if (!id || !('autoIncrement' in id) || !id.autoIncrement) continue
    const name = getTableConfig(table).name
    const reset = `select setval(pg_get_serial_sequence('${name}', 'id'), coalesce((select max(id) from "${name}"), 0) + 1, false)`
    await tx.rows(statement(`copy_reset_${name}`, reset), {})
  }
}
