/**
 * Limits kept in memory, per key: fixed-window counters (signed-in actions per user,
 * registrations per address), failure counters with a growing back-off (logins, join codes),
 * and keys remembered for a while. Successes are never counted per address, so a lecture hall
 * behind one NAT address is never locked out by its own success.
 */
export interface Verdict {
  ok: boolean
  retryAfterMs: number
}

export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit; refuses once the key has used up its window. */
  hit(key: string, now = Date.now()): Verdict {
    const w = this.current(key, now)
    if (w.count >= this.limit) return { ok: false, retryAfterMs: w.resetAt - now }
    w.count++
    return { ok: true, retryAfterMs: 0 }
  }

  /** Whether the key may act, without counting. */
  check(key: string, now = Date.now()): Verdict {
    const w = this.windows.get(key)
    if (!w || w.resetAt <= now || w.count < this.limit) return { ok: true, retryAfterMs: 0 }
    return { ok: false, retryAfterMs: w.resetAt - now }
  }

  reset(key: string): void {
    this.windows.delete(key)
  }

  /** Forgets finished windows; called periodically. */
  sweep(now = Date.now()): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key)
  }

  private current(key: string, now: number) {
    let w = this.windows.get(key)
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs }
      this.windows.set(key, w)
    }
    return w
  }
}

/**
 * Failures with a back-off that grows instead of a wall: the first `free` failures of a key in
 * a window cost nothing; each one after them shuts the key for twice as long as the last
 * (from `baseMs` up to `maxMs`). Successes are never counted, and a key that stops failing
 * is open again after its last, short, back-off.
 */
export class BackOff {
  private readonly keys = new Map<string, { failures: number; resetAt: number; openAt: number }>()

  constructor(
    readonly free: number,
    readonly windowMs: number,
    readonly baseMs: number,
    readonly maxMs: number,
  ) {}

  /** Whether the key may try now, without counting. */
  check(key: string, now = Date.now()): Verdict {
    const k = this.keys.get(key)
    if (!k || k.openAt <= now) return { ok: true, retryAfterMs: 0 }
    return { ok: false, retryAfterMs: k.openAt - now }
  }

  /** Counts one failure; returns the back-off it causes (none while within `free`). */
  fail(key: string, now = Date.now()): Verdict {
    let k = this.keys.get(key)
    if (!k || (k.resetAt <= now && k.openAt <= now)) {
      k = { failures: 0, resetAt: now + this.windowMs, openAt: 0 }
      this.keys.set(key, k)
    }
    k.failures++
    const over = k.failures - this.free
    if (over <= 0) return { ok: true, retryAfterMs: 0 }
    const waitMs = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(over - 1, 30))
    k.openAt = now + waitMs
    // The free budget comes back only after a whole window without failures past it, so one
    // who keeps failing stays at the slow pace instead of earning a new budget every window.
    k.resetAt = Math.max(k.resetAt, k.openAt + this.windowMs)
    return { ok: false, retryAfterMs: waitMs }
  }

  /** Whether the key failed within its current window. */
  failing(key: string, now = Date.now()): boolean {
    const k = this.keys.get(key)
    return k !== undefined && (k.resetAt > now || k.openAt > now)
  }

  reset(key: string): void {
    this.keys.delete(key)
  }

  sweep(now = Date.now()): void {
    for (const [key, k] of this.keys) if (k.resetAt <= now && k.openAt <= now) this.keys.delete(key)
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
