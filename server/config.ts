/**
 * Configuration, read from the environment and validated once at start. Every other module
 * receives a `Config`; nothing else reads `process.env`.
 */
export interface Config {
  port: number
  host: string
  /** The embedded SQLite file, the database unless `databaseUrl` names a Postgres server. */
  databasePath: string
  /** A Postgres database (`postgres://…`) shared by every app server; null: the SQLite file. */
  databaseUrl: string | null
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** The public origin, e.g. `https://marginalia.example`; state changes are accepted only from it. */
  publicUrl: URL
  /** Origins accepted for state changes and socket upgrades. */
  allowedOrigins: Set<string>
  /** Session cookies expire after this long without use... */
  sessionIdleMs: number
  /** ...and after this long in any case. */
  sessionMaxMs: number
  /** Trust X-Forwarded-* from a reverse proxy (needed for per-address limits behind one). */
  trustProxy: boolean
  /** The live event log keeps at most this many events per debate; readers further behind get `reset`. */
  liveRetentionEvents: number
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
const HOUR = 3_600_000

type Env = Record<string, string | undefined>

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535)
  const host = env.HOST?.trim() || '127.0.0.1'
  const databasePath = env.DATABASE_PATH?.trim() || './data/marginalia.db'
  const databaseUrl = env.DATABASE_URL?.trim() || null
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/./.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL (unset: the SQLite file at DATABASE_PATH); got "${databaseUrl}"`)
  }
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel']
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${env.LOG_LEVEL}"`)
  }
  const publicUrl = origin(env.PUBLIC_URL?.trim() || `http://localhost:${port}`, 'PUBLIC_URL')
  const allowedOrigins = new Set([publicUrl.origin])
  // A local install is reached as localhost or as the loopback address alike.
  if (publicUrl.hostname === 'localhost') {
    allowedOrigins.add(`${publicUrl.protocol}//127.0.0.1${publicUrl.port ? `:${publicUrl.port}` : ''}`)
  }
  for (const extra of (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    allowedOrigins.add(origin(extra, 'ALLOWED_ORIGINS').origin)
  }
  const sessionIdleMs = integer(env, 'SESSION_IDLE_HOURS', 24 * 14, 1, 24 * 365) * HOUR
  const sessionMaxMs = integer(env, 'SESSION_MAX_HOURS', 24 * 60, 1, 24 * 365 * 2) * HOUR
  const trustProxy = boolean(env, 'TRUST_PROXY', false)
  const liveRetentionEvents = integer(env, 'LIVE_RETENTION_EVENTS', 10_000, 1, 100_000_000)
  return {
    port,
    host,
    databasePath,
    databaseUrl,
    logLevel,
    publicUrl,
    allowedOrigins,
    sessionIdleMs,
    sessionMaxMs,
    trustProxy,
    liveRetentionEvents,
  }
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`)
  }
  return value
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (['1', 'true', 'yes'].includes(raw)) return true
  if (['0', 'false', 'no'].includes(raw)) return false
  throw new ConfigError(`${name} must be true or false; got "${env[name]}"`)
}

function origin(raw: string, name: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL; got "${raw}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must use http or https; got "${raw}"`)
  }
  return url
}
