import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, statement } from '../../db/client.ts'
import { sessions } from '../../db/schema.ts'
import { ConfigError, loadConfig } from '../../server/config.ts'

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databasePath: './data/marginalia.db', logLevel: 'info' })
    expect(config.publicUrl.origin).toBe('http://localhost:3000')
    expect(config.allowedOrigins).toEqual(new Set(['http://localhost:3000', 'http://127.0.0.1:3000']))
    expect(config.liveRetentionEvents).toBe(10_000)
    expect(config.databaseUrl).toBeNull()
  })

  it('takes a Postgres database from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: ' postgres://marginalia@db.example/marginalia ' }).databaseUrl).toBe(
      'postgres://marginalia@db.example/marginalia',
    )
    expect(loadConfig({ DATABASE_URL: 'postgresql://db.example/m' }).databaseUrl).toBe('postgresql://db.example/m')
  })

  it('derives PUBLIC_URL from PORT and accepts extra origins', () => {
    const config = loadConfig({ PORT: '8080', ALLOWED_ORIGINS: 'https://a.example, https://b.example/' })
    expect(config.publicUrl.origin).toBe('http://localhost:8080')
    expect([...config.allowedOrigins]).toContain('https://b.example')
  })

  it.each([
    [{ PORT: 'drei' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ PUBLIC_URL: 'localhost:3000' }, /PUBLIC_URL must/],
    [{ PUBLIC_URL: 'ftp://example.org' }, /PUBLIC_URL must use http or https/],
    [{ TRUST_PROXY: 'perhaps' }, /TRUST_PROXY must be true or false/],
    [{ LIVE_RETENTION_EVENTS: '0' }, /LIVE_RETENTION_EVENTS must be a whole number from 1/],
    [{ DATABASE_URL: 'mysql://db.example/marginalia' }, /DATABASE_URL must be a postgres:\/\/ URL/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})

describe('the database', () => {
  const pragmas = statement<Record<string, never>, { journal_mode: string; synchronous: number; foreign_keys: number }>(
    'test_pragmas',
    'select journal_mode, synchronous, foreign_keys from pragma_journal_mode(), pragma_synchronous(), pragma_foreign_keys()',
  )

  it('uses WAL, synchronous=FULL and foreign keys on every connection, also after reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-db-'))
    try {
      const path = join(dir, 'nested', 'marginalia.db')
      await (await openDatabase(path)).close()
      const again = await openDatabase(path)
      try {
        const expected = [{ journal_mode: 'wal', synchronous: 2, foreign_keys: 1 }]
        // Plain queries run on one connection, transactions on the other.
        expect(await again.rows(pragmas, {})).toEqual(expected)
        expect(await again.transaction((tx) => tx.rows(pragmas, {}))).toEqual(expected)
        await expect(
          again.transaction(async (tx) => {
            await tx.insert(sessions).values({ id: 'x', userId: 999, createdAt: 0, lastSeenAt: 0, expiresAt: 0 })
          }),
        ).rejects.toThrow(/FOREIGN KEY/)
      } finally {
        await again.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
