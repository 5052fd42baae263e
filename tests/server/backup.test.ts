import Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { buildApp, paragraphs, signUp, write } from '../helper.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'mg-backup-'))
  dirs.push(dir)
  return dir
}

function dbCommand(databasePath: string, ...args: string[]) {
  const env = { ...process.env, DATABASE_PATH: databasePath }
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/db.ts', ...args], { env })
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('npm run db -- backup', () => {
  it('takes a sound copy while the server writes, holding every comment acknowledged before it began', async () => {
    const dir = tempDir()
    const databasePath = join(dir, 'live.db')
    const db = await openDatabase(databasePath)
    const app = await buildApp({ db })
    // Comments are limited to 20 a minute per reader; enough readers to post 50 a second.
    const readers = await Promise.all(Array.from({ length: 25 }, () => signUp(app)))
    const anchors = await paragraphs(app)
    const acknowledged: number[] = []
    let posts = 0
    let writing = true
    const writer = (async () => {
      while (writing && posts < readers.length * 20) {
        const n = posts++
        const res = await write(
          app,
          'POST',
          `/api/debates/sora/paragraphs/${anchors[n % anchors.length]}/comments`,
          readers[n % readers.length]!.cookie,
          {
            body: `Einwand ${n}`,
            stance: 'contra',
          },
        )
        expect(res.statusCode).toBe(201)
        acknowledged.push(res.json().comment.id)
        await pause(20)
      }
    })()
    await pause(300)
    const before = [...acknowledged]
    const backupPath = join(dir, 'copy.db')
    const backup = await dbCommand(databasePath, 'backup', backupPath)
    const during = acknowledged.length - before.length
    writing = false
    await writer
    expect(backup.stdout).toContain('passes the integrity check')
    expect(before.length).toBeGreaterThan(0)
    expect(during).toBeGreaterThan(0)

    const copy = new Database(backupPath, { readonly: true })
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      const saved = new Set(copy.prepare('select id from comments').pluck().all() as number[])
      expect(before.filter((id) => !saved.has(id))).toEqual([])
    } finally {
      copy.close()
    }
    expect((await dbCommand(databasePath, 'check', backupPath)).stdout).toContain('passes the integrity and foreign key checks')
  }, 60_000)

  it('never overwrites an existing file', async () => {
    const dir = tempDir()
    const databasePath = join(dir, 'live.db')
    await (await openDatabase(databasePath)).close()
    const existing = join(dir, 'taken.db')
    writeFileSync(existing, 'keep me')
    await expect(dbCommand(databasePath, 'backup', existing)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already exists'),
    })
  }, 30_000)
})

describe('npm run db -- check', () => {
  it('exits 1 naming a row whose parent is missing, and for a file that is no database', async () => {
    const dir = tempDir()
    const databasePath = join(dir, 'live.db')
    await (await openDatabase(databasePath)).close()
    expect((await dbCommand(databasePath, 'check')).stdout).toContain('passes')

    const raw = new Database(databasePath)
    raw.pragma('foreign_keys = OFF')
    raw.prepare("insert into debates (slug, title, essay_id, created_at) values ('d', 'D', 999, 0)").run()
    raw.close()
    await expect(dbCommand(databasePath, 'check')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/is damaged:\ndebates row \d+ refers to a missing row of essays/),
    })

    const garbage = join(dir, 'garbage.db')
    writeFileSync(garbage, Buffer.alloc(8192, 7))
    await expect(dbCommand(databasePath, 'check', garbage)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is damaged'),
    })
  }, 30_000)
})
