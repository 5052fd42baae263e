/**
 * Limits per key: fixed-window counters (signed-in actions per user, registrations per
 * address), failure counters with a growing back-off (logins, join codes), and keys remembered
 * for a while. Successes are never counted per address, so a lecture hall behind one NAT
 * address is never locked out by its own success.
 *
 * Each kind is a pure step from one key's state to the next (`windowStep`, `backOffStep`, …).
 * The classes keep those states in this process's memory, for what is per socket (the live
 * hub's limits); `shared-limits.ts` keeps them in a store every app server sees, for what is
 * per user or address.
 */
export interface Verdict {
  ok: boolean
  retryAfterMs: number
}

const OK: Verdict = { ok: true, retryAfterMs: 0 }

export interface WindowState {
  count: number
  resetAt: number
}

/** A fixed window's state after one hit, and whether the hit was allowed. */
export function windowHit(w: WindowState | undefined, now: number, limit: number, windowMs: number): [WindowState, Verdict] {
  const current = !w || w.resetAt <= now ? { count: 0, resetAt: now + windowMs } : { ...w }
  if (current.count >= limit) return [current, { ok: false, retryAfterMs: current.resetAt - now }]
  current.count++
  return [current, OK]
}

export function windowCheck(w: WindowState | undefined, now: number, limit: number): Verdict {
  if (!w || w.resetAt <= now || w.count < limit) return OK
  return { ok: false, retryAfterMs: w.resetAt - now }
}

export interface BackOffState {
  failures: number
  resetAt: number
  openAt: number
}

export interface BackOffRule {
  free: number
  windowMs: number
  baseMs: number
  maxMs: number
}

export function backOffCheck(k: BackOffState | undefined, now: number): Verdict {
  if (!k || k.openAt <= now) return OK
  return { ok: false, retryAfterMs: k.openAt - now }
}

/**
 * A key's state after one more failure, and the back-off it causes: the first `free` failures
 * in a window cost nothing; each one after them shuts the key for twice as long as the last
 * (from `baseMs` up to `maxMs`).
 */
export function backOffFail(k: BackOffState | undefined, now: number, rule: BackOffRule): [BackOffState, Verdict] {
  const next = !k || (k.resetAt <= now && k.openAt <= now) ? { failures: 0, resetAt: now + rule.windowMs, openAt: 0 } : { ...k }
  next.failures++
  const over = next.failures - rule.free
  if (over <= 0) return [next, OK]
  const waitMs = Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(over - 1, 30))
  next.openAt = now + waitMs
  // The free budget comes back only after a whole window without failures past it, so one
  // who keeps failing stays at the slow pace instead of earning a new budget every window.
  next.resetAt = Math.max(next.resetAt, next.openAt + rule.windowMs)
  return [next, { ok: false, retryAfterMs: waitMs }]
}

export function backOffFailing(k: BackOffState | undefined, now: number): boolean {
  return k !== undefined && (k.resetAt > now || k.openAt > now)
}

/** Until when a state matters; past it the key is as good as never seen. */
export const backOffExpiry = (k: BackOffState) => Math.max(k.resetAt, k.openAt)

export class RateLimiter {
  private readonly windows = new Map<string, WindowState>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit; refuses once the key has used up its window. */
  hit(key: string, now = Date.now()): Verdict {
    const [state, verdict] = windowHit(this.windows.get(key), now, this.limit, this.windowMs)
    this.windows.set(key, state)
    return verdict
  }

  /** Whether the key may act, without counting. */
  check(key: string, now = Date.now()): Verdict {
    return windowCheck(this.windows.get(key), now, this.limit)
  }

  reset(key: string): void {
    this.windows.delete(key)
  }

  /** Forgets finished windows; called periodically. */
  sweep(now = Date.now()): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key)
  }
}

/**
 * Failures with a back-off that grows instead of a wall (see `backOffFail`). Successes are
 * never counted, and a key that stops failing is open again after its last, short, back-off.
 */
export class BackOff {
  private readonly keys = new Map<string, BackOffState>()
  readonly rule: BackOffRule

  constructor(free: number, windowMs: number, baseMs: number, maxMs: number) {
    this.rule = { free, windowMs, baseMs, maxMs }
  }

  /** Whether the key may try now, without counting. */
  check(key: string, now = Date.now()): Verdict {
    return backOffCheck(this.keys.get(key), now)
  }

  /** Counts one failure; returns the back-off it causes (none while within `free`). */
  fail(key: string, now = Date.now()): Verdict {
    const [state, verdict] = backOffFail(this.keys.get(key), now, this.rule)
    this.keys.set(key, state)
    return verdict
  }

  /** Whether the key failed within its current window. */
  failing(key: string, now = Date.now()): boolean {
    return backOffFailing(this.keys.get(key), now)
  }

  reset(key: string): void {
    this.keys.delete(key)
  }

  sweep(now = Date.now()): void {
    for (const [key, k] of this.keys) if (backOffExpiry(k) <= now) this.keys.delete(key)
  }
}

/** Keys remembered for a while (e.g. a code that worked from an address), each for `ttlMs` after it was last noted. */
export class RecentKeys {
  private readonly keys = new Map<string, number>()

  constructor(readonly ttlMs: number) {}

  note(key: string, now = Date.now()): void {
    this.keys.set(key, now + this.ttlMs)
  }

  has(key: string, now = Date.now()): boolean {
    return (this.keys.get(key) ?? 0) > now
  }

  sweep(now = Date.now()): void {
    for (const [key, until] of this.keys) if (until <= now) this.keys.delete(key)
  }
}
