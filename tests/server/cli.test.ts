import { asc } from 'drizzle-orm'
import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { blocks } from '../../db/schema.ts'
import { UsersRepository } from '../../server/repositories/users.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'mg-cli-'))
  dirs.push(dir)
  return { dir, env: { ...process.env, DATABASE_PATH: join(dir, 'db.sqlite'), LOG_LEVEL: 'silent' } }
}

describe('npm run essay -- import', () => {
  it('imports a Markdown file into the database and reports a re-import as unchanged', async () => {
    const { dir, env } = tempDatabase()
    const file = join(dir, 'kleiner-essay.md')
    writeFileSync(file, '# Kleiner Essay\n\nDer Vorspann.\n\n## Teil\n\nEin Absatz.\n')
    const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/essay.ts', ...args], { env })
    const first = await run('import', file, '--debate', 'klein')
    expect(first.stdout).toContain('Essay "kleiner-essay"')
    expect(first.stdout).toContain('Opened the public debate "klein"')
    const again = await run('import', file)
    expect(again.stdout).toContain('unchanged')
    const db = await openDatabase(join(dir, 'db.sqlite'))
    const rows = await db.select({ kind: blocks.kind, text: blocks.text }).from(blocks).orderBy(asc(blocks.position))
    await db.close()
    expect(rows).toEqual([
      { kind: 'paragraph', text: 'Der Vorspann.' },
      { kind: 'heading', text: 'Teil' },
      { kind: 'paragraph', text: 'Ein Absatz.' },
    ])
    await expect(run('export', file)).rejects.toMatchObject({ code: 2 })
  }, 30_000)

  it('refuses an essay beyond its limits with a message and exit code 1', async () => {
    const { dir, env } = tempDatabase()
    const file = join(dir, 'riesig.md')
    writeFileSync(file, `# Riesig\n\n${'Ein Satz, der sich wiederholt. '.repeat(100_000)}\n`)
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/essay.ts', 'import', file], { env })
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`Cannot import ${file}: The essay is 3.0 MB; an essay may be at most 2.0 MB.`),
    })
  }, 30_000)
})

describe('npm run user -- create', () => {
  it('creates an admin with the password read from standard input', async () => {
    const { dir, env } = tempDatabase()
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/user.ts', 'create', 'Leiterin', '--admin'], { env })
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stdin.end('ein sicheres Passwort\n')
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    expect(stdout).toContain('Created admin "Leiterin"')
    const db = await openDatabase(join(dir, 'db.sqlite'))
    try {
      const user = await new UsersRepository(db).authenticate('leiterin', 'ein sicheres Passwort')
      expect(user).toMatchObject({ username: 'Leiterin', isAdmin: true })
    } finally {
      await db.close()
    }
  }, 30_000)
})
