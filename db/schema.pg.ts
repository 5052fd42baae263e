/**
 * The tables of `db/schema.ts` as Postgres declares them, for drizzle-kit to generate the
 * Postgres migrations from (`npm run db:generate`). Nothing is declared twice: each SQLite
 * table is translated column by column, so the two engines can never drift apart.
 *
 * - SQLite's INTEGER is 64 bits wide, so every integer is a `bigint` (times are milliseconds,
 *   a mute without end is 8.64e15); the autoincrementing ids are identity columns.
 * - Booleans (integers in SQLite) are `boolean`; reals are `double precision`; text stays `text`, JSON included.
 * - The one SQL default, the current time in ms, has its Postgres form.
 * - Primary keys, indexes and foreign keys (with their ON DELETE) keep their names.
 *
 * At run time both engines use the SQLite declarations (see db/client.ts); these exist for the
 * migrations only.
 */
import { is, SQL, sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  type PgColumnBuilderBase,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core'
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core'
import * as sqlite from './schema.ts'

const now = sql`((extract(epoch from clock_timestamp()) * 1000)::bigint)`

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables built at run time, typed by db/schema.ts
type AnyPgTable = PgTableWithColumns<any>

const byName = new Map<string, AnyPgTable>()

function column(c: SQLiteColumn): PgColumnBuilderBase {
  let built
  switch (c.columnType) {
    case 'SQLiteInteger':
    case 'SQLiteTimestamp':
      built = bigint(c.name, { mode: 'number' })
      break
    case 'SQLiteBoolean':
      built = boolean(c.name)
      break
    case 'SQLiteText':
      built = text(c.name)
      break
    case 'SQLiteReal':
      built = doublePrecision(c.name)
      break
    default:
      throw new Error(`No Postgres type for ${c.columnType} (column ${c.name})`)
  }
  if (c.primary)
    built =
      'autoIncrement' in c && c.autoIncrement
        ? (built as ReturnType<typeof bigint>).primaryKey().generatedByDefaultAsIdentity()
        : built.primaryKey()
  if (c.notNull) built = built.notNull()
  if (c.hasDefault && c.default !== undefined) {
    if (is(c.default, SQL)) {
      if (!c.default.queryChunks.some((chunk) => JSON.stringify(chunk).includes('unixepoch'))) {
        throw new Error(`No Postgres form of the default of ${c.name}`)
      }
      built = built.default(now)
    } else {
      built = built.default(c.default as never)
    }
  }
  return built
}

function translate(table: SQLiteTable): AnyPgTable {
  const config = getTableConfig(table)
  const columns = Object.fromEntries(
    Object.entries(table).flatMap(([key, value]) => {
      const c = config.columns.find((col) => col === value)
      return c ? [[key, column(c)]] : []
    }),
  )
  const keyOf = (c: SQLiteColumn) => Object.keys(columns).find((key) => (table as unknown as Record<string, unknown>)[key] === c)!
  return pgTable(config.name, columns, (t) => [
    ...config.primaryKeys.map((pk) => primaryKey({ name: pk.getName(), columns: pk.columns.map((c) => t[keyOf(c)]) as never })),
    ...config.indexes.map((ix) => {
      const on = ix.config.columns.map((c) => t[keyOf(c as SQLiteColumn)]) as never
      return (ix.config.unique ? uniqueIndex(ix.config.name) : index(ix.config.name)).on(...(on as [never]))
    }),
    ...config.foreignKeys.map((fk) => {
      const ref = fk.reference()
      const target = byName.get(getTableConfig(ref.foreignTable).name)!
      const targetTable = ref.foreignTable as unknown as Record<string, unknown>
      const targetKey = (c: SQLiteColumn) => Object.keys(targetTable).find((key) => targetTable[key] === c)!
      let built = foreignKey({
        name: fk.getName(),
        columns: ref.columns.map((c) => t[keyOf(c)]) as never,
        foreignColumns: ref.foreignColumns.map((c) => target[targetKey(c)]) as never,
      })
      if (fk.onDelete) built = built.onDelete(fk.onDelete)
      if (fk.onUpdate) built = built.onUpdate(fk.onUpdate)
      return built
    }),
  ])
}

for (const value of Object.values(sqlite)) {
  if (is(value, SQLiteTable)) byName.set(getTableConfig(value).name, translate(value))
}

/** The Postgres form of a table of db/schema.ts. */
function pg(table: SQLiteTable): AnyPgTable {
  return byName.get(getTableConfig(table).name)!
}

export const users = pg(sqlite.users)
export const sessions = pg(sqlite.sessions)
export const essays = pg(sqlite.essays)
export const blocks = pg(sqlite.blocks)
export const debates = pg(sqlite.debates)
export const seminarGroups = pg(sqlite.seminarGroups)
export const debateMembers = pg(sqlite.debateMembers)
export const comments = pg(sqlite.comments)
export const commentVersions = pg(sqlite.commentVersions)
export const commentVotes = pg(sqlite.commentVotes)
export const positions = pg(sqlite.positions)
export const positionChanges = pg(sqlite.positionChanges)
export const events = pg(sqlite.events)
export const paragraphLocks = pg(sqlite.paragraphLocks)
export const flags = pg(sqlite.flags)
export const moderationQueue = pg(sqlite.moderationQueue)
export const moderationLog = pg(sqlite.moderationLog)
export const watchedWords = pg(sqlite.watchedWords)
export const paragraphCounts = pg(sqlite.paragraphCounts)
export const polls = pg(sqlite.polls)
export const pollVotes = pg(sqlite.pollVotes)
export const speakerQueue = pg(sqlite.speakerQueue)
export const gradingRules = pg(sqlite.gradingRules)
export const grades = pg(sqlite.grades)
