import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { buildApp, paragraphs, signUp, write } from '../helper.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** The app on a migrated database file, so another connection or process can share it. */
async function appOnFile() {
  const dir = mkdtempSync(join(tmpdir(), 'mg-busy-'))
  dirs.push(dir)
  const path = join(dir, 'db.sqlite')
  const db = await openDatabase(path)
  const app = await buildApp({ db })
  return { app, path }
}

// A second process that writes in transactions of a tenth of a second each, as an import
// or a script working on the same file would, until it has written `rounds` times.
const WRITER = `
const Database = require('better-sqlite3')
const db = new Database(process.argv[1])
db.pragma('busy_timeout = 5000')
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
const touch = db.prepare('update debates set title = title')
console.log('ready')
for (let round = 0; round < Number(process.argv[2]); round++) {
  db.exec('begin immediate')
  touch.run()
  pause(100)
  db.exec('commit')
  pause(5)
}
db.close()
`

let key = 0
async function post(app: Awaited<ReturnType<typeof buildApp>>, cookie: string, anchor: string) {
  const res = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, cookie, {
    body: `Einwand ${++key}`,
    stance: 'contra',
    clientKey: `k-${process.pid}-${key}`,
  })
  return res
}

describe('a busy database', () => {
  it('makes posts wait for a short write in another process instead of failing', async () => {
    const { app, path } = await appOnFile()
    const readers = await Promise.all(Array.from({ length: 6 }, () => signUp(app)))
    const [anchor] = await paragraphs(app)
    const writer = spawn(process.execPath, ['-e', WRITER, path, '30'], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise((resolve) => writer.stdout.once('data', resolve))
    let running = true
    const exited = new Promise((resolve) => writer.on('close', (code) => resolve(code))).finally(() => (running = false))
    const statuses: number[] = []
    const ids: number[] = []
    while (running && statuses.length < 100) {
      const res = await post(app, readers[statuses.length % readers.length]!.cookie, anchor!)
      statuses.push(res.statusCode)
      if (res.statusCode === 201) ids.push(res.json().comment.id)
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(await exited).toBe(0)
    expect(statuses.length).toBeGreaterThan(0)
    // Each write elsewhere lasts far less than the busy timeout: every post waits and succeeds.
    expect(statuses.filter((s) => s !== 201)).toEqual([])
    const thread = (await app.inject({ url: `/api/debates/sora/paragraphs/${anchor}/comments` })).json().comments
    expect(thread.map((c: { id: number }) => c.id).sort()).toEqual(ids.sort())
  }, 30_000)

  // The app's connections wait the full busy timeout (5 s, set in db/sqlite.ts) before giving up.
  it('answers 503 with Retry-After while another connection holds the write lock past the busy timeout', async () => {
    const { app, path } = await appOnFile()
    const { cookie } = await signUp(app)
    const [anchor] = await paragraphs(app)
    const other = new Database(path)
    try {
      other.exec('begin immediate')
      const refused = await post(app, cookie, anchor!)
      expect(refused.statusCode).toBe(503)
      expect(refused.headers['retry-after']).toBe('1')
      expect(refused.json()).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringContaining('nothing was saved'),
      })
      other.exec('commit')
      expect((await post(app, cookie, anchor!)).statusCode).toBe(201)
      const thread = (await app.inject({ url: `/api/debates/sora/paragraphs/${anchor}/comments` })).json().comments
      expect(thread).toHaveLength(1)
    } finally {
      other.close()
    }
  }, 30_000)
})
