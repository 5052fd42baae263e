/**
 * The app's limits per user and per address, kept where every app server sees them: in this
 * process's memory with SQLite (one process), in a Postgres table with Postgres, so that a
 * lecture hall spread over several app servers meets the same limits as on one. The rules are
 * those of rate-limiter.ts; only where a key's state lives differs.
 */
import { statement, type DB } from '../../../db/client.ts'
import { isPostgres } from '../../../db/postgres.ts'
import {
  backOffCheck,
  backOffExpiry,
  backOffFail,
  backOffFailing,
  windowCheck,
  windowHit,
  type BackOffRule,
  type BackOffState,
  type Verdict,
  type WindowState,
} from './rate-limiter.ts'

interface Step<S, R> {
  /** The key's next state; null forgets the key. */
  state: S | null
  /** Until when the state matters. */
  expiresAt: number
  result: R
}

export interface LimitStore {
  /** Applies `step` to the key's state (undefined when none or expired), one update of a key at a time. */
  update<S, R>(key: string, now: number, step: (state: S | undefined) => Step<S, R>): Promise<R>
  read<S>(key: string, now: number): Promise<S | undefined>
  remove(key: string): Promise<void>
  /** Forgets expired states. */
  sweep(now: number): Promise<void>
}

export function limitStoreFor(db: DB): LimitStore {
  return isPostgres(db) ? new TableLimitStore(db) : new MemoryLimitStore()
}

export class MemoryLimitStore implements LimitStore {
  private readonly states = new Map<string, { state: unknown; expiresAt: number }>()

  async update<S, R>(key: string, now: number, step: (state: S | undefined) => Step<S, R>): Promise<R> {
    const next = step(await this.read<S>(key, now))
    if (next.state === null) this.states.delete(key)
    else this.states.set(key, { state: next.state, expiresAt: next.expiresAt })
    return next.result
  }

  async read<S>(key: string, now: number): Promise<S | undefined> {
    const kept = this.states.get(key)
    return kept && kept.expiresAt > now ? (kept.state as S) : undefined
  }

  async remove(key: string): Promise<void> {
    this.states.delete(key)
  }

  async sweep(now: number): Promise<void> {
    for (const [key, kept] of this.states) if (kept.expiresAt <= now) this.states.delete(key)
  }
}

const ensure = statement<{ key: string }, never>(
  'limits_ensure',
  `insert into rate_limits (key, state, expires_at) values (@key, 'null', 0) on conflict (key) do nothing`,
)
const lock = statement<{ key: string }, { state: string; expires_at: number }>(
  'limits_lock',
  'select state, expires_at from rate_limits where key = @key for update',
)
const read = statement<{ key: string; now: number }, { state: string }>(
  'limits_read',
  'select state from rate_limits where key = @key and expires_at > @now',
)
const put = statement<{ key: string; state: string; expiresAt: number }, never>(
  'limits_put',
  'update rate_limits set state = @state, expires_at = @expiresAt where key = @key',
)
const remove = statement<{ key: string }, never>('limits_remove', 'delete from rate_limits where key = @key')
const sweep = statement<{ now: number }, never>('limits_sweep', 'delete from rate_limits where expires_at <= @now')

/** The states in the `rate_limits` table (Postgres), each key's updates one after another across app servers. */
export class TableLimitStore implements LimitStore {
  constructor(private readonly db: DB) {}

  update<S, R>(key: string, now: number, step: (state: S | undefined) => Step<S, R>): Promise<R> {
    return this.db.transaction(async (tx) => {
      await tx.rows(ensure, { key })
      const [row] = await tx.rows(lock, { key })
      const next = step(row && row.expires_at > now ? (JSON.parse(row.state) as S) : undefined)
      if (next.state === null) await tx.rows(remove, { key })
      else await tx.rows(put, { key, state: JSON.stringify(next.state), expiresAt: next.expiresAt })
      return next.result
    })
  }

  async read<S>(key: string, now: number): Promise<S | undefined> {
    const [row] = await this.db.rows(read, { key, now })
    return row ? (JSON.parse(row.state) as S) : undefined
  }

  async remove(key: string): Promise<void> {
    await this.db.transaction((tx) => tx.rows(remove, { key }))
  }

  async sweep(now: number): Promise<void> {
    await this.db.transaction((tx) => tx.rows(sweep, { now }))
  }
}

/** A fixed-window counter per key (see `windowHit`). */
export class SharedRateLimiter {
  constructor(
    private readonly store: LimitStore,
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit; refuses once the key has used up its window. */
  hit(key: string, now = Date.now()): Promise<Verdict> {
    return this.store.update<WindowState, Verdict>(`${this.name}:${key}`, now, (w) => {
      const [state, result] = windowHit(w, now, this.limit, this.windowMs)
      return { state, expiresAt: state.resetAt, result }
    })
  }

  async check(key: string, now = Date.now()): Promise<Verdict> {
    return windowCheck(await this.store.read<WindowState>(`${this.name}:${key}`, now), now, this.limit)
  }
}

/** Failures with a back-off that grows per key (see `backOffFail`). */
export class SharedBackOff {
  readonly rule: BackOffRule

  constructor(
    private readonly store: LimitStore,
    readonly name: string,
    free: number,
    windowMs: number,
    baseMs: number,
    maxMs: number,
  ) {
    this.rule = { free, windowMs, baseMs, maxMs }
  }

  async check(key: string, now = Date.now()): Promise<Verdict> {
    return backOffCheck(await this.store.read<BackOffState>(`${this.name}:${key}`, now), now)
  }

  fail(key: string, now = Date.now()): Promise<Verdict> {
    return this.store.update<BackOffState, Verdict>(`${this.name}:${key}`, now, (k) => {
      const [state, result] = backOffFail(k, now, this.rule)
      return { state, expiresAt: backOffExpiry(state), result }
    })
  }

  async failing(key: string, now = Date.now()): Promise<boolean> {
    return backOffFailing(await this.store.read<BackOffState>(`${this.name}:${key}`, now), now)
  }

  reset(key: string): Promise<void> {
    return this.store.remove(`${this.name}:${key}`)
  }
}

/** Keys remembered for `ttlMs` after they were last noted. */
export class SharedRecentKeys {
  constructor(
    private readonly store: LimitStore,
    readonly name: string,
    readonly ttlMs: number,
  ) {}

  note(key: string, now = Date.now()): Promise<void> {
    return this.store.update<true, void>(`${this.name}:${key}`, now, () => ({
      state: true,
      expiresAt: now + this.ttlMs,
      result: undefined,
    }))
  }

  async has(key: string, now = Date.now()): Promise<boolean> {
    return (await this.store.read<true>(`${this.name}:${key}`, now)) === true
  }
}
