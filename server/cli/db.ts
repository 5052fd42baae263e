/**
 * `npm run db -- backup <file>` and `npm run db -- check [file]`: the operator's side of the
 * SQLite database named by DATABASE_PATH. A backup goes through SQLite's online backup, a
 * consistent copy taken while the server keeps writing, and is checked before it is reported;
 * a check runs SQLite's integrity and foreign key checks and exits 1 when either finds a fault.
 * Restoring is done by hand with the server stopped (see README.md, "Operating").
 *
 * `npm run db -- copy <from> <to>` copies every table, ids and seqs kept, from one database to
 * another, each an SQLite file or a `postgres://` URL: moving a deployment to Postgres (or
 * back). The target is migrated first and must be empty.
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isPostgresUrl, openDatabase } from '../../db/client.ts'
import { copyDatabase } from '../../db/copy.ts'
import { loadConfig } from '../config.ts'

const USAGE = 'usage: npm run db -- backup <file> | check [file] | copy <from> <to>'

const { positionals } = parseArgs({ allowPositionals: true })
const [command, file, to] = positionals
const valid = (command === 'backup' && file && !to) || (command === 'check' && !to) || (command === 'copy' && file && to)
if (!valid || positionals.length > 3) {
  console.error(USAGE)
  process.exit(2)
}
if (command === 'copy') {
  await copy(file!, to!)
  process.exit(0)
}

const { databasePath } = loadConfig()
if (command === 'backup') {
  const target = resolve(file!)
  if (existsSync(target)) {
    console.error(`${target} already exists; a backup is written to a new file`)
    process.exit(1)
  }
  const source = open(databasePath)
  // All pages in one step: copied in steps, a backup starts over whenever the server commits
  // between two of them, and at a few writes a second it might never finish.
  const { totalPages } = await source.backup(target, { progress: () => 0x7fffffff })
  source.close()
  const faults = check(target)
  if (faults.length > 0) fail(target, faults)
  console.log(`Backed up ${resolve(databasePath)} to ${target} (${totalPages} pages); the copy passes the integrity check.`)
} else {
  const path = file ?? databasePath
  const faults = check(path)
  if (faults.length > 0) fail(resolve(path), faults)
  console.log(`${resolve(path)} passes the integrity and foreign key checks.`)
}

async function copy(from: string, to: string): Promise<void> {
  if (!isPostgresUrl(from) && !existsSync(from)) {
    console.error(`There is no database at ${resolve(from)}`)
    process.exit(1)
  }
  const source = await openDatabase(from)
  const target = await openDatabase(to)
  try {
    const { rows } = await copyDatabase(source, target)
    const total = Object.values(rows).reduce((a, b) => a + b, 0)
    console.log(`Copied ${total} rows in ${Object.keys(rows).length} tables:`)
    for (const [table, n] of Object.entries(rows)) if (n > 0) console.log(`  ${table}: ${n}`)
  } catch (err) {
    console.error(`Nothing was copied: ${err instanceof Error ? err.message : String(err)}`)
    process.exitCode = 1
  } finally {
    await source.close()
    await target.close()
  }
}

/** An existing database file, waiting for the server's writes like the server does for others'. */
function open(path: string): Database.Database {
  if (!existsSync(path)) {
    console.error(`There is no database at ${resolve(path)}`)
    process.exit(1)
  }
  const db = new Database(path, { fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  return db
}

/** What `PRAGMA integrity_check` and `PRAGMA foreign_key_check` find wrong; empty when the file is sound. */
function check(path: string): string[] {
  const db = open(path)
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[]
    const faults = integrity.map((row) => row.integrity_check).filter((line) => line !== 'ok')
    const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
    for (const o of orphans) faults.push(`${o.table} row ${o.rowid} refers to a missing row of ${o.parent}`)
    return faults
  } catch (err) {
    // A file damaged past reading (or no database at all) fails the check outright.
    if (err instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(err.code)) return [err.message]
    throw err
  } finally {
    db.close()
  }
}

function fail(path: string, faults: string[]): never {
  console.error(`${path} is damaged:\n${faults.slice(0, 20).join('\n')}`)
  if (faults.length > 20) console.error(`…and ${faults.length - 20} more`)
  process.exit(1)
}
