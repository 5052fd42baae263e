/**
 * A seminar's small groups: forming them (at random, balanced by stance, or empty for the
 * leader to fill by hand), moving a member, placing a late joiner in the smallest group,
 * starting and ending group work, and the tallies of one group. Each change is written with a
 * `groups.changed` event carrying every group with its members, in one transaction under the
 * debate's lock; the caller publishes after commit.
 *
 * The groups are fixed once group work starts: a comment written then carries its author's
 * group (`comments.group_id`), which alone sees it until the plenum, and which labels it after.
 * A group's positions are its members' positions, counted by who is in it now.
 */
import { randomInt } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { blocks, comments, debateMembers, debates, pollVotes, polls, positions, seminarGroups, type GroupState } from '../../db/schema.ts'
import { badRequest, conflict, notFound } from '../errors.ts'
import { presentPerson, type ViewerClass } from '../policy/visibility.ts'
import type { Comment, Counts, Positions } from '../schemas/comments.ts'
import type { Comparison, FormGroups, GroupRecords } from '../schemas/groups.ts'
import type { Groups, PersonRecord } from '../schemas/seminars.ts'
import type { Change } from './comments.ts'
import { countWhere, counted, emptyCounts, emptyPositions, type DebateRow } from './debates.ts'
import { EventsRepository, type Appended } from './events.ts'
import { MembersRepository } from './members.ts'

/** A group's letter by its place: A … Z, then AA, AB, … as spreadsheet columns are named. */
export function groupLetter(position: number): string {
  const letter = (n: number) => String.fromCharCode(65 + n)
  return position < 26 ? letter(position) : letter(Math.floor(position / 26) - 1) + letter(position % 26)
}

/** The side a participant is put on when groups are balanced. */
type Side = 'pro' | 'contra' | 'undecided'

/** `items` in a random order (Fisher–Yates with `crypto.randomInt`). */
function shuffled<T>(items: readonly T[]): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * Deals participants into `count` groups: each side shuffled, then the sides one after the
 * other round the groups, so that every group's size and its number of each side differ from
 * any other's by one at most.
 */
export function deal(participants: readonly number[], count: number, sides?: ReadonlyMap<number, Side>): number[][] {
  const groups: number[][] = Array.from({ length: count }, () => [])
  const order = sides
    ? (['pro', 'contra', 'undecided'] as const).flatMap((side) =>
        shuffled(participants.filter((p) => (sides.get(p) ?? 'undecided') === side)),
      )
    : shuffled(participants)
  order.forEach((p, i) => groups[i % count]!.push(p))
  return groups
}

export class GroupsRepository {
  constructor(private readonly db: DB) {}

  /** The groups in order, each with its members as stored. */
  static async records(tx: Tx, debateId: number): Promise<GroupRecords> {
    const groups = await tx
      .select({ id: seminarGroups.id, position: seminarGroups.position })
      .from(seminarGroups)
      .where(eq(seminarGroups.debateId, debateId))
      .orderBy(asc(seminarGroups.position))
    if (groups.length === 0) return []
    const members = await tx
      .select({ userId: debateMembers.userId, groupId: debateMembers.groupId })
      .from(debateMembers)
      .where(and(eq(debateMembers.debateId, debateId), isNotNull(debateMembers.groupId)))
      .orderBy(asc(debateMembers.createdAt), asc(debateMembers.userId))
    const people = await MembersRepository.people(
      tx,
      debateId,
      members.map((m) => m.userId),
    )
    return groups.map((g) => ({
      id: g.id,
      letter: groupLetter(g.position),
      members: members.filter((m) => m.groupId === g.id).map((m) => people.get(m.userId)!),
    }))
  }

  /** The participants in no group, while the seminar has groups (`state`). */
  static async ungrouped(tx: Tx, debateId: number, state: GroupState | null): Promise<PersonRecord[]> {
    if (state === null) return []
    const rows = await tx
      .select({ userId: debateMembers.userId })
      .from(debateMembers)
      .where(and(eq(debateMembers.debateId, debateId), eq(debateMembers.role, 'participant'), isNull(debateMembers.groupId)))
      .orderBy(asc(debateMembers.createdAt), asc(debateMembers.userId))
    const people = await MembersRepository.people(
      tx,
      debateId,
      rows.map((r) => r.userId),
    )
    return rows.map((r) => people.get(r.userId)!)
  }

  /**
   * The groups as this reader sees them, with their own group (none for the leaders); `debate`
   * as read on `tx`, so its state of group work is current.
   */
  async groups(debate: DebateRow, viewer: ViewerClass, tx: Tx = this.db): Promise<Groups> {
    if (debate.groups === null) return { state: null, groups: [], mine: null, ungrouped: [] }
    const records = await GroupsRepository.records(tx, debate.id)
    const mine = viewer.moderator ? undefined : records.find((g) => g.members.some((m) => m.id === viewer.userId))
    const shown = (people: readonly PersonRecord[]) => people.map((m) => presentPerson(m, viewer))
    return {
      state: debate.groups,
      groups: records.map((g) => ({ ...g, members: shown(g.members) })),
      mine: mine?.id ?? null,
      ungrouped: shown(await GroupsRepository.ungrouped(tx, debate.id, debate.groups)),
    }
  }

  /**
   * Forms the groups afresh, replacing any formed before, while group work has not started: by
   * `size` (about so many in each) or `count`; at random, balanced by stance, or empty (manual).
   * Only participants are placed; the leaders see every group.
   */
  async form(debate: DebateRow, input: FormGroups, now = Date.now()): Promise<Change<GroupRecords>> {
    if ((input.size === undefined) === (input.count === undefined)) {
      throw badRequest("body: give either the groups' size or their count")
    }
    if (input.balance !== undefined && input.mode !== 'balanced') throw badRequest('body/balance: only balanced groups have a balance')
    return this.db.transaction(
      async (tx) => {
        await this.notStarted(tx, debate)
        const participants = (
          await tx
            .select({ userId: debateMembers.userId })
            .from(debateMembers)
            .where(and(eq(debateMembers.debateId, debate.id), eq(debateMembers.role, 'participant')))
            .orderBy(asc(debateMembers.createdAt), asc(debateMembers.userId))
        ).map((r) => r.userId)
        const count = input.count ?? Math.max(1, Math.floor(participants.length / input.size!))
        await tx.update(debateMembers).set({ groupId: null }).where(eq(debateMembers.debateId, debate.id))
        await tx.delete(seminarGroups).where(eq(seminarGroups.debateId, debate.id))
        const made = await tx
          .insert(seminarGroups)
          .values(Array.from({ length: count }, (_, position) => ({ debateId: debate.id, position, createdAt: now })))
          .returning({ id: seminarGroups.id, position: seminarGroups.position })
        made.sort((a, b) => a.position - b.position)
        if (input.mode !== 'manual') {
          const sides = input.mode === 'balanced' ? await sidesOf(tx, debate.id, participants, input.balance ?? 'positions') : undefined
          const dealt = deal(participants, count, sides)
          for (const [i, members] of dealt.entries()) {
            if (members.length === 0) continue
            await tx
              .update(debateMembers)
              .set({ groupId: made[i]!.id })
              .where(and(eq(debateMembers.debateId, debate.id), inArray(debateMembers.userId, members)))
          }
        }
        return this.changed(tx, debate, 'forming', now)
      },
      { lock: debate.id },
    )
  }

  /** Puts a participant in another group (null: in none), while group work has not started. */
  async move(debate: DebateRow, userId: number, groupId: number | null, now = Date.now()): Promise<Change<GroupRecords>> {
    return this.db.transaction(
      async (tx) => {
        const state = await this.notStarted(tx, debate)
        if (state === null) throw conflict('The seminar has no groups: form them first')
        if (groupId !== null) {
          const [group] = await tx
            .select({ id: seminarGroups.id })
            .from(seminarGroups)
            .where(and(eq(seminarGroups.id, groupId), eq(seminarGroups.debateId, debate.id)))
          if (!group) throw badRequest(`body/group: there is no group ${groupId} in this seminar`)
        }
        const moved = await tx
          .update(debateMembers)
          .set({ groupId })
          .where(and(eq(debateMembers.debateId, debate.id), eq(debateMembers.userId, userId), eq(debateMembers.role, 'participant')))
          .returning({ userId: debateMembers.userId })
        if (moved.length === 0) throw notFound(`No participant ${userId} in debate "${debate.slug}"`)
        return this.changed(tx, debate, 'forming', now)
      },
      { lock: debate.id },
    )
  }

  /**
   * Starts group work (from forming; whoever is in no group yet is placed in the smallest) or
   * ends it in the plenum. The same state again changes nothing.
   */
  async setState(debate: DebateRow, state: 'working' | 'plenum', now = Date.now()): Promise<Change<GroupRecords>> {
    return this.db.transaction(
      async (tx) => {
        const current = await stateOf(tx, debate.id)
        if (current === state) return { value: await GroupsRepository.records(tx, debate.id), events: [] }
        if (state === 'working') {
          if (current !== 'forming') throw conflict(current === null ? 'Form the groups first' : 'Group work has ended already')
          const ungrouped = await tx
            .select({ userId: debateMembers.userId })
            .from(debateMembers)
            .where(and(eq(debateMembers.debateId, debate.id), eq(debateMembers.role, 'participant'), sql`${debateMembers.groupId} is null`))
            .orderBy(asc(debateMembers.createdAt), asc(debateMembers.userId))
          for (const { userId } of ungrouped) await placeInSmallest(tx, debate.id, userId)
        } else if (current !== 'working') {
          throw conflict('Group work has not started')
        }
        return this.changed(tx, debate, state, now)
      },
      { lock: debate.id },
    )
  }

  /** Takes the groups apart, while group work has not started. */
  async disband(debate: DebateRow, now = Date.now()): Promise<Change<GroupRecords>> {
    return this.db.transaction(
      async (tx) => {
        if ((await this.notStarted(tx, debate)) === null) return { value: [], events: [] }
        await tx.update(debateMembers).set({ groupId: null }).where(eq(debateMembers.debateId, debate.id))
        await tx.delete(seminarGroups).where(eq(seminarGroups.debateId, debate.id))
        return this.changed(tx, debate, null, now)
      },
      { lock: debate.id },
    )
  }

  /**
   * A participant who joined while the seminar has groups (forming or working) goes into the
   * smallest of them; returns the event saying so, or null where there are none. On `tx`, under
   * the debate's lock.
   */
  static async placeLateJoiner(tx: Tx, debate: DebateRow, userId: number, now = Date.now()): Promise<Appended<'groups.changed'> | null> {
    const state = await stateOf(tx, debate.id)
    if (state !== 'forming' && state !== 'working') return null
    if (!(await placeInSmallest(tx, debate.id, userId))) return null
    return GroupsRepository.event(tx, debate, state, now)
  }

  /**
   * Where group work is under way, the group of `userId` (null: in none) and whether they lead
   * the seminar (and so see every group); undefined when it is not under way.
   */
  static async working(tx: Tx, debateId: number, userId: number): Promise<{ group: number | null; leader: boolean } | undefined> {
    const [row] = await tx
      .select({ state: debates.groups, groupId: debateMembers.groupId, role: debateMembers.role })
      .from(debates)
      .leftJoin(debateMembers, and(eq(debateMembers.debateId, debates.id), eq(debateMembers.userId, userId)))
      .where(eq(debates.id, debateId))
    if (row?.state !== 'working') return undefined
    return { group: row.groupId ?? null, leader: row.role === 'owner' || row.role === 'moderator' }
  }

  /** A group's tally of arguments on each paragraph (or on one), as `paragraph_counts` counts the whole debate's. */
  static async counts(tx: Tx, debateId: number, groupId: number, blockId?: number): Promise<Map<number, Counts>> {
    const out = new Map<number, Counts>()
    for (const row of await tx
      .select({
        blockId: comments.blockId,
        comments: sql<number>`count(*)`.mapWith(Number),
        pro: countWhere(sql`${comments.parentId} is null and ${comments.stance} = 'pro'`).mapWith(Number),
        contra: countWhere(sql`${comments.parentId} is null and ${comments.stance} = 'contra'`).mapWith(Number),
        neutral: countWhere(sql`${comments.parentId} is null and ${comments.stance} = 'neutral'`).mapWith(Number),
      })
      .from(comments)
      .where(
        and(
          eq(comments.debateId, debateId),
          eq(comments.groupId, groupId),
          counted,
          blockId === undefined ? undefined : eq(comments.blockId, blockId),
        ),
      )
      .groupBy(comments.blockId)) {
      out.set(row.blockId, { comments: row.comments, pro: row.pro, contra: row.contra, neutral: row.neutral })
    }
    return out
  }

  /** A group's positions on each paragraph (or on one): its members' positions. */
  static async positions(tx: Tx, debateId: number, groupId: number, blockId?: number): Promise<Map<number, Positions>> {
    const out = new Map<number, Positions>()
    for (const row of await tx
      .select({ blockId: positions.blockId, stance: positions.stance, n: sql<number>`count(*)`.mapWith(Number) })
      .from(positions)
      .innerJoin(debateMembers, and(eq(debateMembers.debateId, positions.debateId), eq(debateMembers.userId, positions.userId)))
      .where(
        and(
          eq(positions.debateId, debateId),
          eq(debateMembers.groupId, groupId),
          blockId === undefined ? undefined : eq(positions.blockId, blockId),
        ),
      )
      .groupBy(positions.blockId, positions.stance)) {
      const tally = out.get(row.blockId) ?? emptyPositions()
      tally[row.stance] = row.n
      out.set(row.blockId, tally)
    }
    return out
  }

  /** One group's tallies of one paragraph: what its members see during group work. */
  static async tallyOf(tx: Tx, debateId: number, groupId: number, blockId: number): Promise<{ counts: Counts; positions: Positions }> {
    return {
      counts: (await GroupsRepository.counts(tx, debateId, groupId, blockId)).get(blockId) ?? emptyCounts(),
      positions: (await GroupsRepository.positions(tx, debateId, groupId, blockId)).get(blockId) ?? emptyPositions(),
    }
  }

  /**
   * Per current paragraph, each group's balance, positions and strongest argument (the most
   * votes, then the oldest) among `args`, the group arguments its viewer may see.
   */
  async comparison(debate: DebateRow, args: readonly Comment[]): Promise<Comparison> {
    const paragraphs = await this.db
      .select({ id: blocks.id, anchor: blocks.anchor })
      .from(blocks)
      .where(and(eq(blocks.essayId, debate.essayId), eq(blocks.kind, 'paragraph'), isNull(blocks.removedAt)))
      .orderBy(asc(blocks.position))
    const groups = await this.db
      .select({ id: seminarGroups.id })
      .from(seminarGroups)
      .where(eq(seminarGroups.debateId, debate.id))
      .orderBy(asc(seminarGroups.position))
    const tallies = await Promise.all(
      groups.map(async (g) => ({
        id: g.id,
        counts: await GroupsRepository.counts(this.db, debate.id, g.id),
        positions: await GroupsRepository.positions(this.db, debate.id, g.id),
      })),
    )
    const strongest = new Map<string, Comment>()
    for (const c of args) {
      const key = `${c.anchor} ${c.group?.id}`
      const best = strongest.get(key)
      if (!best || c.votes > best.votes) strongest.set(key, c)
    }
    return {
      paragraphs: paragraphs.map((p) => ({
        anchor: p.anchor,
        groups: tallies.map((t) => ({
          group: t.id,
          counts: t.counts.get(p.id) ?? emptyCounts(),
          positions: t.positions.get(p.id) ?? emptyPositions(),
          strongest: strongest.get(`${p.anchor} ${t.id}`) ?? null,
        })),
      })),
    }
  }

  async positionsOf(debate: DebateRow, groupId: number, blockId: number): Promise<Positions> {
    return (await GroupsRepository.positions(this.db, debate.id, groupId, blockId)).get(blockId) ?? emptyPositions()
  }

  /** Who is in which group: user id to group id. */
  async memberGroups(debateId: number): Promise<Map<number, number>> {
    const rows = await this.db
      .select({ userId: debateMembers.userId, groupId: debateMembers.groupId })
      .from(debateMembers)
      .where(and(eq(debateMembers.debateId, debateId), isNotNull(debateMembers.groupId)))
    return new Map(rows.map((r) => [r.userId, r.groupId!]))
  }

  /** The state of group work, read afresh (the debate row the caller holds may be older). */
  async state(debate: DebateRow): Promise<GroupState | null> {
    return stateOf(this.db, debate.id)
  }

  /** Forming may go on (and returns the state, forming or none) unless group work has started or ended. */
  private async notStarted(tx: Tx, debate: DebateRow): Promise<'forming' | null> {
    const state = await stateOf(tx, debate.id)
    if (state === 'working') throw conflict('Group work has started: the groups stay as they are until it ends')
    if (state === 'plenum') throw conflict('Group work has ended: the groups stay as the labels of what they wrote')
    return state
  }

  private async changed(tx: Tx, debate: DebateRow, state: GroupState | null, now: number): Promise<Change<GroupRecords>> {
    await tx.update(debates).set({ groups: state }).where(eq(debates.id, debate.id))
    const event = await GroupsRepository.event(tx, debate, state, now)
    return { value: event.groups, events: [event] }
  }

  private static async event(tx: Tx, debate: DebateRow, state: GroupState | null, now: number): Promise<Appended<'groups.changed'>> {
    const groups = await GroupsRepository.records(tx, debate.id)
    const ungrouped = await GroupsRepository.ungrouped(tx, debate.id, state)
    return EventsRepository.append(tx, debate, 'groups.changed', { state, groups, ungrouped }, now)
  }
}

async function stateOf(tx: Tx, debateId: number): Promise<GroupState | null> {
  const [row] = await tx.select({ groups: debates.groups }).from(debates).where(eq(debates.id, debateId))
  return row?.groups ?? null
}

/** Puts a member in the group with the fewest members (the first of those); false where there is none. */
async function placeInSmallest(tx: Tx, debateId: number, userId: number): Promise<boolean> {
  const sizes = await tx
    .select({
      id: seminarGroups.id,
      n: sql<number>`(select count(*) from ${debateMembers} where ${debateMembers.debateId} = ${debateId} and ${debateMembers.groupId} = ${seminarGroups.id})`.mapWith(
        Number,
      ),
    })
    .from(seminarGroups)
    .where(eq(seminarGroups.debateId, debateId))
    .orderBy(asc(seminarGroups.position))
  const smallest = sizes.reduce<(typeof sizes)[number] | undefined>((best, g) => (best === undefined || g.n < best.n ? g : best), undefined)
  if (!smallest) return false
  await tx
    .update(debateMembers)
    .set({ groupId: smallest.id })
    .where(and(eq(debateMembers.debateId, debateId), eq(debateMembers.userId, userId)))
  return true
}

/**
 * Each participant's side, for balancing: by their positions, the side they took on more
 * paragraphs (undecided on a tie or none); or by their vote in the last closed poll.
 */
async function sidesOf(tx: Tx, debateId: number, participants: readonly number[], by: 'positions' | 'poll'): Promise<Map<number, Side>> {
  const sides = new Map<number, Side>()
  if (participants.length === 0) return sides
  if (by === 'poll') {
    const [last] = await tx
      .select({ id: polls.id })
      .from(polls)
      .where(and(eq(polls.debateId, debateId), eq(polls.status, 'closed')))
      .orderBy(desc(polls.closedAt), desc(polls.id))
      .limit(1)
    if (!last) throw conflict('No poll has closed yet: balance the groups by positions instead')
    for (const row of await tx
      .select({ userId: pollVotes.userId, stance: pollVotes.stance })
      .from(pollVotes)
      .where(and(eq(pollVotes.pollId, last.id), inArray(pollVotes.userId, [...participants])))) {
      sides.set(row.userId, row.stance)
    }
    return sides
  }
  const taken = new Map<number, { pro: number; contra: number }>()
  for (const row of await tx
    .select({ userId: positions.userId, stance: positions.stance, n: sql<number>`count(*)`.mapWith(Number) })
    .from(positions)
    .where(and(eq(positions.debateId, debateId), inArray(positions.userId, [...participants])))
    .groupBy(positions.userId, positions.stance)) {
    const t = taken.get(row.userId) ?? { pro: 0, contra: 0 }
    if (row.stance !== 'undecided') t[row.stance] += row.n
    taken.set(row.userId, t)
  }
  for (const [userId, t] of taken) sides.set(userId, t.pro > t.contra ? 'pro' : t.contra > t.pro ? 'contra' : 'undecided')
  return sides
}
