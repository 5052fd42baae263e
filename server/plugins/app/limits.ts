/**
 * The app's rate limits, in one place with their reasons. Decorates `app.limits`.
 */
import fp from 'fastify-plugin'
import { tooManyRequests } from '../../errors.ts'
import { RateLimiter } from './rate-limiter.ts'

const MINUTE = 60_000

export function createLimits() {
  return {
    /** Failed logins per address: generous, since a whole hall may share one address. */
    failedLoginsPerAddress: new RateLimiter(100, 15 * MINUTE),
    /** Failed logins per account name: slows guessing one password from many addresses. */
    failedLoginsPerName: new RateLimiter(10, 15 * MINUTE),
    /** Registrations per address: a hall of 200 registering in the same minute passes. */
    registrationsPerAddress: new RateLimiter(1000, 60 * MINUTE),
    /** Failed join codes per address (seminars). */
    failedJoinsPerAddress: new RateLimiter(60, 15 * MINUTE),
    /** Comments per signed-in user. */
    commentsPerUser: new RateLimiter(20, MINUTE),
    /** Every other write per signed-in user (votes, positions, edits). */
    writesPerUser: new RateLimiter(240, MINUTE),
  }
}
export type Limits = ReturnType<typeof createLimits>

/** Counts a hit and throws 429 with Retry-After when the limiter refuses it. */
export function enforce(limiter: RateLimiter, key: string, message: string): void {
  const verdict = limiter.hit(key)
  if (!verdict.ok) throw tooManyRequests(message, verdict.retryAfterMs / 1000)
}

declare module 'fastify' {
  interface FastifyInstance {
    limits: Limits
  }
}

export default fp(
  async (app) => {
    const limits = createLimits()
    app.decorate('limits', limits)
    const timer = setInterval(() => {
      for (const limiter of Object.values(limits)) limiter.sweep()
    }, MINUTE)
    timer.unref()
    app.addHook('onClose', async () => clearInterval(timer))
  },
  { name: 'limits' },
)
