/**
 * The app's rate limits, in one place with their reasons. Decorates `app.limits`. What is
 * counted per address counts only failures (and registrations), and backs off rather than
 * walls off, so one prankster behind a lecture hall's address cannot lock the hall out.
 */
import fp from 'fastify-plugin'
import { tooManyRequests } from '../../errors.ts'
import { BackOff, RateLimiter, RecentKeys, type Verdict } from './rate-limiter.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const DAY = 24 * 60 * MINUTE

export function createLimits() {
  return {
    /**
     * Failed logins per address: generous, since a whole hall may share one address, and a
     * back-off of at most a minute rather than a wall; it bounds trying one password on many accounts.
     */
    failedLoginsPerAddress: new BackOff(100, 15 * MINUTE, SECOND, MINUTE),
    /** Failed logins per account and address: guessing one account's password from one place. */
    failedLoginsPerAccountAddress: new BackOff(10, 15 * MINUTE, 30 * SECOND, 15 * MINUTE),
    /** Failed logins per account from everywhere: far higher, so it takes many addresses to reach. */
    failedLoginsPerAccount: new BackOff(100, 15 * MINUTE, 10 * SECOND, 15 * MINUTE),
    /** Account and address pairs that signed in with the right password: exempt from the two wider limits. */
    signInsFrom: new RecentKeys(30 * DAY),
    /** Registrations per address: a hall of 200 registering in the same minute passes. */
    registrationsPerAddress: new RateLimiter(1000, 60 * MINUTE),
    /** Failed join codes per address (seminars), for readers without an account. */
    failedJoinsPerAddress: new BackOff(300, 15 * MINUTE, SECOND, MINUTE),
    /** Failed join codes per signed-in account; the address's back-off holds an account up only once it failed itself. */
    failedJoinsPerAccount: new BackOff(20, 15 * MINUTE, MINUTE, 15 * MINUTE),
    /** Codes that opened a seminar from an address: the rest of the hall gets in whatever else that address tried. */
    codesWorkedFrom: new RecentKeys(6 * 60 * MINUTE),
    /** Comments per signed-in user. */
    commentsPerUser: new RateLimiter(20, MINUTE),
    /** Every other write per signed-in user (votes, positions, edits). */
    writesPerUser: new RateLimiter(240, MINUTE),
  }
}
export type Limits = ReturnType<typeof createLimits>

/** Counts a hit and throws 429 with Retry-After when the limiter refuses it. */
export function enforce(limiter: RateLimiter, key: string, message: string): void {
  refuseUnless(limiter.hit(key), message)
}

/** Throws 429 with Retry-After for a refusing verdict. */
export function refuseUnless(verdict: Verdict, message: string): void {
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
