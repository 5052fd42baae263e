/**
 * Server-side sessions. The cookie carries a random 256-bit token; only its SHA-256 is
 * stored, so a copy of the database cannot be replayed as cookies. A session ends at its
 * idle or absolute expiry, at logout, or when its user is banned.
 */
import { createHash, randomBytes } from 'node:crypto'
import { eq, lt, or, sql } from 'drizzle-orm'
import { perHandle, prepare, type DB, type Tx } from '../../db/client.ts'
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

// Resolving runs on every request that carries a cookie: prepared once per handle.
const statements = perHandle((db) => ({
  resolve: prepare(
    db,
    'sessions_resolve',
    db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder('id'))),
  ),
}))

export class SessionsRepository {
  constructor(
    private readonly db: DB,
    private readonly policy: SessionPolicy,
  ) {}

  static idOf(token: string): string {
    return createHash('sha256').update(token).digest('hex')
  }

  /** Starts a session; returns the token for the cookie and the session id. */
  async create(userId: number, now = Date.now()): Promise<{ token: string; id: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url')
    const id = SessionsRepository.idOf(token)
    const expiresAt = now + this.policy.maxMs
    await this.db.transaction(
      async (tx) => void (await tx.insert(sessions).values({ id, userId, createdAt: now, lastSeenAt: now, expiresAt })),
    )
    return { token, id, expiresAt }
  }

  /** The live session for a cookie token, refreshing its idle timer; undefined when expired or revoked. */
  async resolve(token: string, now = Date.now()): Promise<ActiveSession | undefined> {
    const id = SessionsRepository.idOf(token)
    const [row] = await statements(this.db).resolve.execute({ id })
    if (!row) return undefined
    const { session, user } = row
    if (session.expiresAt <= now || session.lastSeenAt + this.policy.idleMs <= now || user.bannedAt !== null) {
      await this.revoke(id)
      return undefined
    }
    if (now - session.lastSeenAt > TOUCH_INTERVAL_MS) {
      await this.db.transaction(async (tx) => void (await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id))))
    }
    return { id, user }
  }

  async revoke(id: string): Promise<void> {
    await this.db.transaction(async (tx) => void (await tx.delete(sessions).where(eq(sessions.id, id))))
  }

  /** Ends every session of a user; returns their ids (their sockets are closed too). */
  async revokeAllOf(userId: number, tx?: Tx): Promise<string[]> {
    const revoke = (t: Tx) => t.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
    const rows = tx ? await revoke(tx) : await this.db.transaction(revoke)
    return rows.map((r) => r.id)
  }

  async purgeExpired(now = Date.now()): Promise<number> {
    const rows = await this.db.transaction((tx) =>
      tx
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, now - this.policy.idleMs)))
        .returning({ id: sessions.id }),
    )
    return rows.length
  }
}
