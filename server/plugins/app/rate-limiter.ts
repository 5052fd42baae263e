/**
 * Fixed-window counters kept in memory, one window per key. Used per user for signed-in
 * actions and per address only for failures (logins, join codes) and registrations, so a
 * lecture hall behind one NAT address is never locked out by its own success.
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
