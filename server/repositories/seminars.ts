/**
 * Seminars: private debates a leader steers. This repository owns creating them, their join
 * codes, joining (as an account, or as a guest made on the spot), the pseudonyms of an
 * anonymous seminar, the phase and the spotlight, renaming and removing members, and the
 * numbers of the leader's overview. Each change is written with the event that announces it,
 * in one transaction; the caller publishes after commit.
 *
 * Join codes are stored as shown to the leaders (8 characters of `JOIN_CODE_ALPHABET`, unique
 * across debates); what a participant types is normalised before the lookup.
 */
import { randomBytes, randomInt } from 'node:crypto'
import { and, count, eq, notExists, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { DB, Tx } from '../../db/client.ts'
import { comments, debateMembers, debates, positions, sessions, users, type MemberRole, type SeminarPhase } from '../../db/schema.ts'
import { conflict, notFound } from '../errors.ts'
import { checkedName, skeleton } from '../policy/names.ts'
import { ADJECTIVES, ANIMALS, FALLBACK_PSEUDONYM } from '../policy/pseudonyms.ts'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type PersonRecord } from '../schemas/seminars.ts'
import type { Change } from './comments.ts'
import { counted, type BlockRow, type DebateRow, type DebatesRepository } from './debates.ts'
import { EventsRepository } from './events.ts'
import { GroupsRepository } from './groups.ts'
import { MembersRepository } from './members.ts'
import { SpeakersRepository } from './speakers.ts'
import { UsersRepository, type UserRow } from './users.ts'

const MINUTE = 60_000
/** A join code's lifetime unless the leader asks for another. */
export const DEFAULT_JOIN_CODE_MINUTES = 24 * 60

export interface JoinCode {
  joinCode: string
  expiresAt: number
}

export interface Joined {
  user: UserRow
  /** A guest was made for this join: the caller starts their session. */
  guest: boolean
}

export interface OverviewMember {
  person: PersonRecord
  role: MemberRole
  guest: boolean
  positions: number
  comments: number
}

/** What a participant typed, as stored: upper case, without spaces and dashes. */
/** The debate's current join code, or null when it has none or it expired. */
export function currentCode(debate: DebateRow, now = Date.now()): JoinCode | null {
  if (debate.joinCode === null || debate.joinCodeExpiresAt === null || debate.joinCodeExpiresAt <= now) return null
  return { joinCode: debate.joinCode, expiresAt: debate.joinCodeExpiresAt }
}

/** A join code as the API and the `join-code.changed` event show it; nulls when there is none. */
export function shownCode(code: JoinCode): { joinCode: string; expiresAt: string }
export function shownCode(code: JoinCode | null): { joinCode: string | null; expiresAt: string | null }
export function shownCode(code: JoinCode | null): { joinCode: string | null; expiresAt: string | null } {
  return code === null ? { joinCode: null, expiresAt: null } : { joinCode: code.joinCode, expiresAt: iso(code.expiresAt) }
}

export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '')
}

/** A fresh join code, drawn with `crypto.randomInt` from the unambiguous alphabet. */
export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}

/** A slug from a title: ascii a-z, 0-9 and dashes, at most 40 characters, and a random tail. */
export function seminarSlug(title: string): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'seminar'
  let tail = ''
  for (let i = 0; i < 5; i++) tail += randomInt(36).toString(36)
  return `${base}-${tail}`
}

/**
 * A display name as stored in the debate, by the rules of policy/names.ts; 400 saying what is
 * wrong. Neither an account's name nor the name another member of the debate goes by, nor a
 * look-alike of either; `own` (the member being named, if any) may keep their own.
 */
async function chosenName(tx: Tx, debateId: number, input: string, own: number | null): Promise<string> {
  const field = 'body/displayName'
  // The rules that need no database first, then the names in use; checkedName words a refusal either way.
  const name = checkedName(input, field, () => null)
  const holder = await nameHolder(tx, debateId, skeleton(name), own)
  return holder === null ? name : checkedName(input, field, () => holder)
}

/** Who bears a name with this skeleton, other than `own`: an account, a member of the debate, or nobody (null). */
async function nameHolder(tx: Tx, debateId: number, wanted: string, own: number | null): Promise<string | null> {
  const account = await UsersRepository.accountLike(tx, wanted)
  if (account !== undefined && account.id !== own) return "an account's name"
  const members = await tx
    .select({ id: users.id, name: sql<string>`coalesce(${debateMembers.displayName}, ${users.username})` })
    .from(debateMembers)
    .innerJoin(users, eq(users.id, debateMembers.userId))
    .where(eq(debateMembers.debateId, debateId))
  return members.some((m) => m.id !== own && skeleton(m.name) === wanted) ? 'the name of someone in this seminar' : null
}

/** Another debate, for asking whether a join code is taken. */
const taken = alias(debates, 'taken')

export class SeminarsRepository {
  constructor(
    private readonly db: DB,
    private readonly debates: DebatesRepository,
  ) {}

  /** A private debate in its reading phase, its owner, and its first join code. */
  async create(
    input: { essayId: number; ownerId: number; title: string; anonymous: boolean },
    now = Date.now(),
  ): Promise<{ debate: DebateRow; code: JoinCode }> {
    return this.db.transaction(async (tx) => {
      let debate: DebateRow | undefined
      // A slug taken already is drawn again (its random tail makes that rare).
      for (let attempt = 0; !debate; attempt++) {
        if (attempt > 10) throw new Error(`No free slug for the seminar "${input.title}"`)
        const [row] = await tx
          .insert(debates)
          .values({
            slug: seminarSlug(input.title),
            title: input.title,
            essayId: input.essayId,
            visibility: 'private',
            phase: 'reading',
            anonymous: input.anonymous,
          })
          .onConflictDoNothing({ target: debates.slug })
          .returning()
        debate = row
      }
      await this.addMember(tx, debate, input.ownerId, 'owner')
      const code = await this.storeCode(tx, debate.id, DEFAULT_JOIN_CODE_MINUTES, now)
      return { debate: { ...debate, joinCode: code.joinCode, joinCodeExpiresAt: code.expiresAt }, code }
    })
  }

  /** A new join code in place of the old one, which stops working at once. */
  async rotateCode(debate: DebateRow, ttlMinutes = DEFAULT_JOIN_CODE_MINUTES, now = Date.now()): Promise<Change<JoinCode>> {
    return this.db.transaction(
      async (tx) => {
        const code = await this.storeCode(tx, debate.id, ttlMinutes, now)
        const event = await EventsRepository.append(tx, debate, 'join-code.changed', shownCode(code), now)
        return { value: code, events: [event] }
      },
      { lock: debate.id },
    )
  }

  /** The join code stops working; nobody new can join until a new one is made. */
  async revokeCode(debate: DebateRow, now = Date.now()): Promise<Change<void>> {
    return this.db.transaction(
      async (tx) => {
        await tx.update(debates).set({ joinCode: null, joinCodeExpiresAt: null }).where(eq(debates.id, debate.id))
        const event = await EventsRepository.append(tx, debate, 'join-code.changed', shownCode(null), now)
        return { value: undefined, events: [event] }
      },
      { lock: debate.id },
    )
  }

  /** The seminar a code opens, when the code is current. */
  async byCode(input: string, now = Date.now()): Promise<DebateRow | undefined> {
    const code = normaliseJoinCode(input)
    if (code.length !== JOIN_CODE_LENGTH) return undefined
    const [debate] = await this.db.select().from(debates).where(eq(debates.joinCode, code)).limit(1)
    if (!debate || debate.phase === null || debate.joinCodeExpiresAt === null || debate.joinCodeExpiresAt <= now) return undefined
    return debate
  }

  /**
   * Joins `user` to the seminar as a participant; without a user (or with a guest of another
   * seminar) a guest is made, named `displayName`. Joining again changes nothing.
   */
  async join(debate: DebateRow, user: UserRow | null, displayName: string | undefined, now = Date.now()): Promise<Change<Joined>> {
    return this.db.transaction(
      async (tx) => {
        let member = user
        let guest = false
        if (!member || (member.guestDebateId !== null && member.guestDebateId !== debate.id)) {
          const name = displayName ?? member?.username
          if (name === undefined) throw new Error('A guest needs a name')
          const [made] = await tx
            .insert(users)
            .values({
              username: await chosenName(tx, debate.id, name, null),
              // Never an account's key (those match ^[a-z0-9_.-]+$), so a guest can never log in or be looked up by name.
              usernameKey: `guest:${randomBytes(12).toString('base64url')}`,
              passwordHash: null,
              guestDebateId: debate.id,
            })
            .returning()
          member = made!
          guest = true
        } else if (await this.debates.membership(debate.id, member.id, tx)) {
          return { value: { user: member, guest }, events: [] }
        }
        await this.addMember(tx, debate, member.id, 'participant')
        const person = (await MembersRepository.people(tx, debate.id, [member.id])).get(member.id)!
        const event = await EventsRepository.append(
          tx,
          debate,
          'member.joined',
          { member: person, role: 'participant', members: await this.count(tx, debate.id) },
          now,
        )
        // While the seminar has groups, a late joiner goes into the smallest.
        const placed = await GroupsRepository.placeLateJoiner(tx, debate, member.id, now)
        return { value: { user: member, guest }, events: placed ? [event, placed] : [event] }
      },
      { lock: debate.id },
    )
  }

  /** How many have joined the seminar, its leaders included. */
  async members(debateId: number): Promise<number> {
    return this.count(this.db, debateId)
  }

  async setPhase(debate: DebateRow, phase: SeminarPhase, now = Date.now()): Promise<Change<SeminarPhase>> {
    if (debate.phase === phase) return { value: phase, events: [] }
    return this.db.transaction(
      async (tx) => {
        await tx.update(debates).set({ phase }).where(eq(debates.id, debate.id))
        const changed = await EventsRepository.append(tx, debate, 'phase.changed', { phase }, now)
        // A closed seminar has nobody speaking and nobody waiting to.
        return { value: phase, events: [changed, ...(phase === 'closed' ? await SpeakersRepository.close(tx, debate, now) : [])] }
      },
      { lock: debate.id },
    )
  }

  /** Focuses a paragraph for everyone, or (null) none. */
  async setSpotlight(debate: DebateRow, block: BlockRow | null, now = Date.now()): Promise<Change<string | null>> {
    const anchor = block?.anchor ?? null
    if (debate.spotlight === anchor) return { value: anchor, events: [] }
    return this.db.transaction(
      async (tx) => {
        await tx.update(debates).set({ spotlight: anchor }).where(eq(debates.id, debate.id))
        return { value: anchor, events: [await EventsRepository.append(tx, debate, 'spotlight.changed', { anchor }, now)] }
      },
      { lock: debate.id },
    )
  }

  /**
   * The name a member goes by in this debate; null goes back to their own. The name follows
   * the rules of a guest's (policy/names.ts), except that a member may bear their own account's.
   */
  async rename(debate: DebateRow, userId: number, displayName: string | null): Promise<PersonRecord> {
    return this.db.transaction(
      async (tx) => {
        const changed = await tx
          .update(debateMembers)
          .set({ displayName: displayName === null ? null : await chosenName(tx, debate.id, displayName, userId) })
          .where(and(eq(debateMembers.debateId, debate.id), eq(debateMembers.userId, userId)))
          .returning({ userId: debateMembers.userId })
        if (changed.length === 0) throw notFound(`No member ${userId} in debate "${debate.slug}"`)
        return (await MembersRepository.people(tx, debate.id, [userId])).get(userId)!
      },
      { lock: debate.id },
    )
  }

  /**
   * Removes a member and takes down their raised hands. A guest of this seminar can take part
   * nowhere else, so their sessions end too; returns those sessions' ids, for their sockets to
   * be closed.
   */
  async remove(debate: DebateRow, userId: number): Promise<Change<string[]>> {
    return this.db.transaction(
      async (tx) => {
        const [member] = await tx
          .select({ role: debateMembers.role, guestDebateId: users.guestDebateId })
          .from(debateMembers)
          .innerJoin(users, eq(users.id, debateMembers.userId))
          .where(and(eq(debateMembers.debateId, debate.id), eq(debateMembers.userId, userId)))
        if (!member) throw notFound(`No member ${userId} in debate "${debate.slug}"`)
        if (member.role === 'owner') throw conflict('The owner cannot be removed from their seminar')
        await tx.delete(debateMembers).where(and(eq(debateMembers.debateId, debate.id), eq(debateMembers.userId, userId)))
        const lowered = await SpeakersRepository.leave(tx, debate, userId)
        const events = lowered ? [lowered] : []
        // A removed account may no longer read the private seminar.
        const accessChanged = debate.slug
        if (member.guestDebateId !== debate.id) return { value: [], events, accessChanged }
        const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id })
        return { value: ended.map((r) => r.id), events, accessChanged }
      },
      { lock: debate.id },
    )
  }

  /** Every member with how many paragraphs they took a position on and how many comments they wrote. */
  async overview(debate: DebateRow): Promise<OverviewMember[]> {
    const positionsOf = sql<number>`(select count(*) from ${positions} where ${positions.debateId} = ${debate.id} and ${positions.userId} = ${users.id})`
    const commentsOf = sql<number>`(select count(*) from ${comments} where ${comments.debateId} = ${debate.id} and ${comments.authorId} = ${users.id} and ${counted})`
    const rows = await this.db
      .select({
        id: users.id,
        username: users.username,
        displayName: debateMembers.displayName,
        pseudonym: debateMembers.pseudonym,
        role: debateMembers.role,
        guestDebateId: users.guestDebateId,
        positions: positionsOf.mapWith(Number),
        comments: commentsOf.mapWith(Number),
      })
      .from(debateMembers)
      .innerJoin(users, eq(users.id, debateMembers.userId))
      .where(eq(debateMembers.debateId, debate.id))
      .orderBy(debateMembers.createdAt, users.id)
    return rows.map((r) => ({
      person: { id: r.id, name: r.displayName ?? r.username, pseudonym: r.pseudonym, guest: r.guestDebateId !== null, role: r.role },
      role: r.role,
      guest: r.guestDebateId !== null,
      positions: r.positions,
      comments: r.comments,
    }))
  }

  private async count(tx: Tx, debateId: number): Promise<number> {
    const [row] = await tx.select({ n: count() }).from(debateMembers).where(eq(debateMembers.debateId, debateId))
    return row?.n ?? 0
  }

  private async addMember(tx: Tx, debate: DebateRow, userId: number, role: MemberRole): Promise<void> {
    const pseudonym = debate.anonymous ? await this.pseudonymFor(tx, debate.id) : null
    await tx.insert(debateMembers).values({ debateId: debate.id, userId, role, pseudonym }).onConflictDoNothing()
  }

  /** A pseudonym no one else in the debate has: an adjective and an animal, else "Participant N". */
  private async pseudonymFor(tx: Tx, debateId: number): Promise<string> {
    const rows = await tx.select({ pseudonym: debateMembers.pseudonym }).from(debateMembers).where(eq(debateMembers.debateId, debateId))
    const taken = new Set(rows.map((r) => r.pseudonym))
    for (let attempt = 0; attempt < 50; attempt++) {
      const name = `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${ANIMALS[randomInt(ANIMALS.length)]}`
      if (!taken.has(name)) return name
    }
    for (let n = taken.size + 1; ; n++) if (!taken.has(`${FALLBACK_PSEUDONYM} ${n}`)) return `${FALLBACK_PSEUDONYM} ${n}`
  }

  /**
   * Stores a fresh code, drawing again should another debate have it. The code is stored only
   * where no other debate has it, rather than caught as a unique violation, which would end
   * the whole transaction on Postgres.
   */
  private async storeCode(tx: Tx, debateId: number, ttlMinutes: number, now: number): Promise<JoinCode> {
    const expiresAt = now + ttlMinutes * MINUTE
    for (let attempt = 0; attempt <= 10; attempt++) {
      const joinCode = newJoinCode()
      const stored = await tx
        .update(debates)
        .set({ joinCode, joinCodeExpiresAt: expiresAt })
        .where(and(eq(debates.id, debateId), notExists(tx.select({ id: taken.id }).from(taken).where(eq(taken.joinCode, joinCode)))))
        .returning({ id: debates.id })
      if (stored.length > 0) return { joinCode, expiresAt }
    }
    throw new Error(`No free join code for debate ${debateId}`)
  }
}
function iso(ms: number): string {
  return new Date(ms).toISOString()
}
