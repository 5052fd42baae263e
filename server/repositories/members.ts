/**
 * The people of a debate: who they are in it (the name they go by, their pseudonym, whether
 * they are a guest, their role) and the moderators' decisions about them: appointing and
 * dismissing moderators, mutes, and site-wide bans. Each decision is written with its log
 * entry and the `member.updated` event that announces it, in one transaction; the caller
 * publishes after commit. Who may decide what is the guardian's business, not this one's.
 *
 * The seminars and the speaker queue read people through `MembersRepository.people`, so
 * neither has to ask the other.
 */
import { and, eq, inArray } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { debateMembers, users, type MemberRole } from '../../db/schema.ts'
import { conflict } from '../errors.ts'
import type { PersonRecord } from '../schemas/seminars.ts'
import type { Change } from './comments.ts'
import { MUTED_INDEFINITELY, type DebateRow, type DebatesRepository } from './debates.ts'
import { EventsRepository, type Appended } from './events.ts'
import { ModerationRecords, type LogInput } from './moderation-records.ts'
import type { UserRow } from './users.ts'

export class MembersRepository {
  constructor(
    private readonly db: DB,
    private readonly debates: DebatesRepository,
  ) {}

  /**
   * People of a debate as stored: the leader's rename, else the account's name, the pseudonym,
   * whether they are a guest and their role. Users who are not (or no longer) members still get
   * their account's name, and no role.
   */
  static async people(tx: Tx, debateId: number, userIds: readonly number[]): Promise<Map<number, PersonRecord>> {
    const out = new Map<number, PersonRecord>()
    const ids = [...new Set(userIds)]
    if (ids.length === 0) return out
    for (const row of await tx
      .select({
        id: users.id,
        username: users.username,
        guestDebateId: users.guestDebateId,
        displayName: debateMembers.displayName,
        pseudonym: debateMembers.pseudonym,
        role: debateMembers.role,
      })
      .from(users)
      .leftJoin(debateMembers, and(eq(debateMembers.userId, users.id), eq(debateMembers.debateId, debateId)))
      .where(inArray(users.id, ids))) {
      out.set(row.id, {
        id: row.id,
        name: row.displayName ?? row.username,
        pseudonym: row.pseudonym ?? null,
        guest: row.guestDebateId !== null,
        role: row.role ?? null,
      })
    }
    return out
  }

  /** Appoints a moderator (on) or makes a moderator a participant again (off). */
  async setModerator(debate: DebateRow, user: UserRow, actorId: number, on: boolean, now = Date.now()): Promise<Change<void>> {
    return this.db.transaction(
      async (tx) => {
        const member = await this.debates.membership(debate.id, user.id, tx)
        if (member?.role === 'owner') throw conflict(`${user.username} owns this debate`)
        if (on === (member?.role === 'moderator')) return { value: undefined, events: [] }
        const entry = {
          actorId,
          action: on ? 'appoint' : 'dismiss',
          snapshot: { id: user.id, username: user.username, role: member?.role ?? null },
        }
        return this.decide(tx, debate, user, { role: on ? 'moderator' : 'participant' }, entry, now)
      },
      { lock: debate.id },
    )
  }

  /** Mutes a member until `until` (ms; null: indefinitely), or lifts the mute (`until` undefined). */
  async setMute(
    debate: DebateRow,
    user: UserRow,
    actorId: number,
    mute: { until: number | null; reason?: string | null } | null,
    now = Date.now(),
  ): Promise<Change<void>> {
    return this.db.transaction(
      async (tx) => {
        const member = await this.debates.membership(debate.id, user.id, tx)
        const mutedUntil = mute === null ? null : (mute.until ?? MUTED_INDEFINITELY)
        if (mute === null && (member?.mutedUntil ?? null) === null) return { value: undefined, events: [] }
        // A mute is stored on a membership; making an outsider a member would let them read a private debate.
        if (!member && debate.visibility === 'private') throw conflict(`${user.username} is not a member of this debate`)
        const entry = {
          actorId,
          action: mute ? 'mute' : 'unmute',
          reason: mute?.reason ?? null,
          snapshot: {
            id: user.id,
            username: user.username,
            mutedUntil: mute?.until == null ? null : new Date(mute.until).toISOString(),
            indefinitely: mute !== null && mute.until === null,
          },
        }
        return this.decide(tx, debate, user, { mutedUntil }, entry, now)
      },
      { lock: debate.id },
    )
  }

  /** Bans a user site-wide (or lifts the ban); returns whether anything changed. */
  async setBan(user: UserRow, actorId: number, banned: boolean, reason: string | null = null, now = Date.now()): Promise<boolean> {
    if ((user.bannedAt !== null) === banned) return false
    await this.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ bannedAt: banned ? now : null })
        .where(eq(users.id, user.id))
      await ModerationRecords.log(tx, {
        debateId: null,
        actorId,
        action: banned ? 'ban' : 'unban',
        target: { type: 'user', id: user.username },
        reason,
        snapshot: { id: user.id, username: user.username, createdAt: new Date(user.createdAt).toISOString() },
        at: now,
      })
    })
    return true
  }

  /**
   * Writes a decision on a member to their membership (made for it where there is none), with
   * its log entry and the `member.updated` that announces it, in the caller's transaction.
   */
  private async decide(
    tx: Tx,
    debate: DebateRow,
    user: UserRow,
    change: { role: MemberRole } | { mutedUntil: number | null },
    entry: Pick<LogInput, 'actorId' | 'action' | 'reason' | 'snapshot'>,
    now: number,
  ): Promise<Change<void>> {
    await tx
      .insert(debateMembers)
      .values({ debateId: debate.id, userId: user.id, ...change })
      .onConflictDoUpdate({ target: [debateMembers.debateId, debateMembers.userId], set: change })
    await ModerationRecords.log(tx, { ...entry, debateId: debate.id, target: { type: 'user', id: user.username }, at: now })
    return { value: undefined, events: [await this.memberUpdated(tx, debate, user, now)] }
  }

  /** `member.updated`: a member's role or mute changed (delivered to moderators and that member only). */
  private async memberUpdated(tx: Tx, debate: DebateRow, user: UserRow, now: number): Promise<Appended<'member.updated'>> {
    const [member] = await tx
      .select({ role: debateMembers.role, mutedUntil: debateMembers.mutedUntil })
      .from(debateMembers)
      .where(and(eq(debateMembers.debateId, debate.id), eq(debateMembers.userId, user.id)))
    const until = member?.mutedUntil ?? null
    return EventsRepository.append(
      tx,
      debate,
      'member.updated',
      {
        user: { id: user.id, username: user.username },
        role: member?.role ?? 'participant',
        muted: until !== null && until > now,
        mutedUntil: until === null || until >= MUTED_INDEFINITELY ? null : new Date(until).toISOString(),
      },
      now,
    )
  }
}
