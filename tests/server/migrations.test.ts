/**
 * The migrations match the schema on both engines: generating them again from db/schema.ts
 * (SQLite) and db/schema.pg.ts (Postgres) finds nothing to add. A table changed without
 * `npm run db:generate` fails here, before it fails a deployment.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function generate(dialect: 'sqlite' | 'postgresql', schema: string, migrations: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mg-migrations-'))
  dirs.push(dir)
  cpSync(join(ROOT, migrations), join(dir, 'out'), { recursive: true })
  const config = join(dir, 'drizzle.config.json')
  // drizzle-kit reads paths relative to where it runs.
  writeFileSync(config, JSON.stringify({ dialect, schema, out: relative(ROOT, join(dir, 'out')), casing: 'snake_case' }))
  const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/drizzle-kit'), ['generate', '--config', config], { cwd: ROOT })
  return stdout
}

describe('migrations', () => {
  it('hold every table and index of the schema, on SQLite and on Postgres', { timeout: 60_000 }, async () => {
    expect(await generate('sqlite', 'db/schema.ts', 'migrations')).toContain('No schema changes')
    expect(await generate('postgresql', 'db/schema.pg.ts', 'migrations/postgres')).toContain('No schema changes')
  })
})
