/**
 * The app's rate limits, in one place with their reasons. Decorates `app.limits`. What is
 * counted per address counts only failures (and registrations), and backs off rather than
 * walls off, so one prankster behind a lecture hall's address cannot lock the hall out.
 */
import fp from 'fastify-plugin'
import { tooManyRequests } from '../../errors.ts'
import type { Verdict } from './rate-limiter.ts'
import { limitStoreFor, SharedBackOff, SharedRateLimiter, SharedRecentKeys, type LimitStore } from './shared-limits.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const DAY = 24 * 60 * MINUTE

export function createLimits(store: LimitStore) {
  return {
    /**
     * Failed logins per address: generous, since a whole hall may share one address, and a
     * back-off of at most a minute rather than a wall; it bounds trying one password on many accounts.
     */
    failedLoginsPerAddress: new SharedBackOff(store, 'login-address', 100, 15 * MINUTE, SECOND, MINUTE),
    /** Failed logins per account and address: guessing one account's password from one place. */
    failedLoginsPerAccountAddress: new SharedBackOff(store, 'login-account-address', 10, 15 * MINUTE, 30 * SECOND, 15 * MINUTE),
    /** Failed logins per account from everywhere: far higher, so it takes many addresses to reach. */
    failedLoginsPerAccount: new SharedBackOff(store, 'login-account', 100, 15 * MINUTE, 10 * SECOND, 15 * MINUTE),
    /** Account and address pairs that signed in with the right password: exempt from the two wider limits. */
    signInsFrom: new SharedRecentKeys(store, 'signed-in', 30 * DAY),
    /** Registrations per address: a hall of 200 registering in the same minute passes. */
    registrationsPerAddress: new SharedRateLimiter(store, 'register-address', 1000, 60 * MINUTE),
    /** Failed join codes per address (seminars), for readers without an account. */
    failedJoinsPerAddress: new SharedBackOff(store, 'join-address', 300, 15 * MINUTE, SECOND, MINUTE),
    /** Failed join codes per signed-in account; the address's back-off holds an account up only once it failed itself. */
    failedJoinsPerAccount: new SharedBackOff(store, 'join-account', 20, 15 * MINUTE, MINUTE, 15 * MINUTE),
    /** Codes that opened a seminar from an address: the rest of the hall gets in whatever else that address tried. */
    codesWorkedFrom: new SharedRecentKeys(store, 'code-worked', 6 * 60 * MINUTE),
    /** Comments per signed-in user. */
    commentsPerUser: new SharedRateLimiter(store, 'comments-user', 20, MINUTE),
    /** Every other write per signed-in user (votes, positions, edits). */
    writesPerUser: new SharedRateLimiter(store, 'writes-user', 240, MINUTE),
  }
}
export type Limits = ReturnType<typeof createLimits>

/** Counts a hit and throws 429 with Retry-After when the limiter refuses it. */
export async function enforce(limiter: SharedRateLimiter, key: string, message: string): Promise<void> {
  refuseUnless(await limiter.hit(key), message)
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
    const store = limitStoreFor(app.db)
    app.decorate('limits', createLimits(store))
    const timer = setInterval(() => {
      store.sweep(Date.now()).catch((err: unknown) => app.log.warn({ err }, 'sweeping the rate limits failed'))
    }, MINUTE)
    timer.unref()
    app.addHook('onClose', async () => clearInterval(timer))
  },
  { name: 'limits' },
)
