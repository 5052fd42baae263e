/**
 * Server-side sessions. The cookie carries a random 256-bit token; only its SHA-256 is
 * stored, so a copy of the database cannot be replayed as cookies. A session ends at its
 * idle or absolute expiry, at logout, or when its user is banned.
 */
import { createHash, randomBytes } from 'node:crypto'
import { eq, lt, or, sql } from 'drizzle-orm'
import type { DB } from '../../db/client.ts'
import { sessions, users } from '../../db/schema.ts'
import type { UserRow } from './users.ts'

export interface SessionPolicy {
  idleMs: number
  maxMs: number
}

// lastSeenAt is refreshed at most this often, so reading pages does not write on every request.
const TOUCH_INTERVAL_MS = 60_000

export interface ActiveSession {
  id: string
  user: UserRow
}

export class SessionsRepository {
  // Resolving runs on every request that carries a cookie: prepared once.
  private readonly statements

  constructor(
    private readonly db: DB,
    private readonly policy: SessionPolicy,
  ) {
    this.statements = {
      resolve: db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, sql.placeholder('id')))
        .prepare(),
    }
  }

  static idOf(token: string): string {
    return createHash('sha256').update(token).digest('hex')
  }

  /** Starts a session; returns the token for the cookie and the session id. */
  create(userId: number, now = Date.now()): { token: string; id: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url')
    const id = SessionsRepository.idOf(token)
    const expiresAt = now + this.policy.maxMs
    this.db.insert(sessions).values({ id, userId, createdAt: now, lastSeenAt: now, expiresAt }).run()
    return { token, id, expiresAt }
  }

  /** The live session for a cookie token, refreshing its idle timer; undefined when expired or revoked. */
  resolve(token: string, now = Date.now()): ActiveSession | undefined {
    const id = SessionsRepository.idOf(token)
    const row = this.statements.resolve.get({ id })
    if (!row) return undefined
    const { session, user } = row
    if (session.expiresAt <= now || session.lastSeenAt + this.policy.idleMs <= now || user.bannedAt !== null) {
      this.db.delete(sessions).where(eq(sessions.id, id)).run()
      return undefined
    }
    if (now - session.lastSeenAt > TOUCH_INTERVAL_MS) {
      this.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)).run()
    }
    return { id, user }
  }

  revoke(id: string): void {
    this.db.delete(sessions).where(eq(sessions.id, id)).run()
  }

  /** Ends every session of a user; returns their ids (their sockets are closed too). */
  revokeAllOf(userId: number): string[] {
    return this.db
      .delete(sessions)
      .where(eq(sessions.userId, userId))
      .returning({ id: sessions.id })
      .all()
      .map((r) => r.id)
  }

  purgeExpired(now = Date.now()): number {
    return this.db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, now - this.policy.idleMs)))
      .run().changes
  }
}
