import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client.ts'
import { migrateDatabase } from '../../db/migrate.ts'
import { ConfigError, loadConfig } from '../../server/config.ts'

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databasePath: './data/marginalia.db', logLevel: 'info' })
    expect(config.publicUrl.origin).toBe('http://localhost:3000')
    expect(config.allowedOrigins).toEqual(new Set(['http://localhost:3000', 'http://127.0.0.1:3000']))
    expect(config.liveRetentionEvents).toBe(10_000)
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
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})

describe('the database', () => {
  it('uses WAL, synchronous=FULL and foreign keys on every connection, also after reopening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-db-'))
    try {
      const path = join(dir, 'nested', 'marginalia.db')
      const first = openDatabase(path)
      migrateDatabase(first)
      first.$client.close()
      const again = openDatabase(path)
      expect(again.$client.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(again.$client.pragma('synchronous', { simple: true })).toBe(2)
      expect(again.$client.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(() =>
        again.$client.prepare('insert into sessions (id, user_id, created_at, last_seen_at, expires_at) values (?, 999, 0, 0, 0)').run('x'),
      ).toThrow(/FOREIGN KEY/)
      again.$client.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
