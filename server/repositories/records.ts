/**
 * The seminar record: what a debate produced, assembled from its tables and its event log.
 * Participation is counted per person over every table a contribution lands in; marks follow
 * the leader's grading rule, with the leader's adjustments; the timeline is the log's steering
 * events. Reading only, but for the grading rule and the marks, which are the leader's writes.
 *
 * What counts: an argument or reply counts while it is published and neither deleted, hidden nor
 * removed (the rule paragraph tallies follow); activity times include everything a person did.
 * Where the seminar has small groups, each person and comment carries its group's letter, and
 * each paragraph each group's tallies, counted as the groups' comparison counts them.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import { statement, type DB } from '../../db/client.ts'
import { blocks, grades, gradingRules, seminarGroups, users, type GradingMode } from '../../db/schema.ts'
import type { Counts, Positions } from '../schemas/comments.ts'
import type { StoredEvent } from '../schemas/live.ts'
import type { GradingRule, Mark, Participation, RecordArgument, RecordGroupTally, RecordReply, TimelineEntry } from '../schemas/record.ts'
import { emptyCounts, emptyPositions, type DebateRow } from './debates.ts'
import { EventsRepository, type Appended } from './events.ts'
import { GroupsRepository, groupLetter } from './groups.ts'
import { MembersRepository } from './members.ts'

type Row = Record<string, number | string | null>

/** Per person: what they wrote, as counted for the record. */
const WRITTEN = statement<{ debate: number }, Row>(
  'records_written',
  `select author_id as user_id,
    sum(case when parent_id is null and ${countedSql('c')} then 1 else 0 end) as arguments,
    sum(case when parent_id is not null and ${countedSql('c')} then 1 else 0 end) as replies,
    sum(case when parent_id is null and stance = 'pro' and ${countedSql('c')} then 1 else 0 end) as pro,
    sum(case when parent_id is null and stance = 'contra' and ${countedSql('c')} then 1 else 0 end) as contra,
    sum(case when parent_id is null and stance = 'neutral' and ${countedSql('c')} then 1 else 0 end) as neutral,
    sum(case when ${countedSql('c')} then c.votes else 0 end) as votes_received,
    min(created_at) as first_at, max(coalesce(edited_at, created_at)) as last_at
  from comments c where c.debate_id = @debate group by author_id`,
)

const VOTED = statement<{ debate: number }, Row>(
  'records_voted',
  `select v.user_id, count(*) as n, min(v.created_at) as first_at, max(v.created_at) as last_at
  from comment_votes v join comments c on c.id = v.comment_id
  where c.debate_id = @debate group by v.user_id`,
)

const POSITIONED = statement<{ debate: number }, Row>(
  'records_positioned',
  `select p.user_id, count(*) as n,
    (select min(pc.at) from position_changes pc where pc.debate_id = p.debate_id and pc.user_id = p.user_id) as first_at,
    max(p.updated_at) as last_at
  from positions p where p.debate_id = @debate group by p.user_id, p.debate_id`,
)

/** Poll votes, and the "after" rounds in which the voter's side differs from their "before" vote. */
const POLLED = statement<{ debate: number }, Row>(
  'records_polled',
  `select v.user_id, count(*) as n,
    sum(case when b.stance is not null and b.stance <> v.stance then 1 else 0 end) as shifts,
    min(v.voted_at) as first_at, max(v.voted_at) as last_at
  from poll_votes v join polls p on p.id = v.poll_id
  left join poll_votes b on b.poll_id = p.before_id and b.user_id = v.user_id
  where p.debate_id = @debate group by v.user_id`,
)

const SPOKE = statement<{ debate: number }, Row>(
  'records_spoke',
  `select user_id, sum(case when called_at is not null then 1 else 0 end) as n, min(raised_at) as first_at,
    max(coalesce(done_at, called_at, raised_at)) as last_at
  from speaker_queue where debate_id = @debate group by user_id`,
)

const FLAGGED = statement<{ debate: number }, Row>(
  'records_flagged',
  `select c.author_id as user_id, count(*) as n from flags f join comments c on c.id = f.comment_id
  where c.debate_id = @debate group by c.author_id`,
)

/** Every member, with the place of their small group (null: in none). */
const MEMBERS = statement<{ debate: number }, Row>(
  'records_members',
  `select m.user_id, g.position as group_position
  from debate_members m left join seminar_groups g on g.id = m.group_id where m.debate_id = @debate`,
)

/**
 * Every comment of the debate with its paragraph, author, the place of the small group it was
 * written in (null: none) and number of earlier wordings, in thread order.
 */
const CONTRIBUTIONS = statement<{ debate: number }, Row>(
  'records_contributions',
  `select c.id, c.parent_id, c.author_id, c.body, c.stance, c.votes, c.depth, c.created_at, c.edited_at,
    c.deleted_at, c.hidden_at, c.removed_at, c.status, b.anchor, g.position as group_position,
    (select count(*) from comment_versions v where v.comment_id = c.id) as edits
  from comments c join blocks b on b.id = c.block_id left join seminar_groups g on g.id = c.group_id
  where c.debate_id = @debate order by c.created_at, c.id`,
)

/** The log's events that steer a seminar, for its timeline. */
const STEERING = statement<{ debate: number }, { seq: number; type: string; payload: string; created_at: number }>(
  'records_steering',
  `select seq, type, payload, created_at from events where debate_id = @debate and type in
    ('phase.changed', 'spotlight.changed', 'queue.changed', 'timer.started', 'timer.stopped', 'poll.opened', 'poll.closed', 'paragraph.locked')
  order by seq`,
)

function countedSql(alias: string): string {
  return `(${alias}.status = 'published' and ${alias}.deleted_at is null and ${alias}.hidden_at is null and ${alias}.removed_at is null)`
}

const iso = (ms: number | string | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString()

/** The letter of a group from its place as a query returns it (null: no group). */
const letterAt = (position: number | string | null | undefined): string | null =>
  position === null || position === undefined ? null : groupLetter(Number(position))

/** A comment of the record with its author's id, before names are given. */
export interface ContributionRow extends RecordReply {
  authorId: number
}

export interface GradingState {
  rule: GradingRule | null
  releasedAt: number | null
}

export class RecordsRepository {
  constructor(private readonly db: DB) {}

  /**
   * Everyone who took part or is a member, with what they did. `only` limits it to one person
   * (a participant's own summary). Marks are added by `withMarks`.
   */
  async participation(debate: DebateRow, only?: number): Promise<Participation[]> {
    const params = { debate: debate.id }
    const [written, voted, positioned, polled, spoke, flagged, members] = await this.db.snapshot(async (tx) => [
      await tx.rows(WRITTEN, params),
      await tx.rows(VOTED, params),
      await tx.rows(POSITIONED, params),
      await tx.rows(POLLED, params),
      await tx.rows(SPOKE, params),
      await tx.rows(FLAGGED, params),
      await tx.rows(MEMBERS, params),
    ])
    const rows = new Map<number, Participation & { first: number | null; last: number | null }>()
    const of = (id: number) => {
      let row = rows.get(id)
      if (!row) {
        row = { ...emptyParticipation(id), first: null, last: null }
        rows.set(id, row)
      }
      return row
    }
    const active = (row: { first: number | null; last: number | null }, r: Row) => {
      const first = r.first_at === null || r.first_at === undefined ? null : Number(r.first_at)
      const last = r.last_at === null || r.last_at === undefined ? null : Number(r.last_at)
      if (first !== null && (row.first === null || first < row.first)) row.first = first
      if (last !== null && (row.last === null || last > row.last)) row.last = last
    }
    for (const r of members) of(Number(r.user_id)).group = letterAt(r.group_position)
    for (const r of written) {
      const row = of(Number(r.user_id))
      row.arguments = Number(r.arguments)
      row.replies = Number(r.replies)
      row.pro = Number(r.pro)
      row.contra = Number(r.contra)
      row.neutral = Number(r.neutral)
      row.votesReceived = Number(r.votes_received)
      active(row, r)
    }
    for (const r of voted) active(Object.assign(of(Number(r.user_id)), { votesGiven: Number(r.n) }), r)
    for (const r of positioned) active(Object.assign(of(Number(r.user_id)), { positions: Number(r.n) }), r)
    for (const r of polled) active(Object.assign(of(Number(r.user_id)), { pollVotes: Number(r.n), stanceShifts: Number(r.shifts) }), r)
    for (const r of spoke) active(Object.assign(of(Number(r.user_id)), { speakingTurns: Number(r.n) }), r)
    for (const r of flagged) of(Number(r.user_id)).flagsReceived = Number(r.n)

    const ids = [...rows.keys()].filter((id) => only === undefined || id === only)
    const people = await MembersRepository.people(this.db, debate.id, ids)
    const usernames = new Map(
      ids.length === 0
        ? []
        : (await this.db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ids))).map(
            (u) => [u.id, u.username] as const,
          ),
    )
    return ids
      .map((id) => {
        const { first, last, ...row } = rows.get(id)!
        const person = people.get(id)
        return {
          ...row,
          person: {
            id,
            username: usernames.get(id) ?? '',
            name: person?.name ?? '?',
            pseudonym: person?.pseudonym ?? null,
            guest: person?.guest ?? false,
            role: person?.role ?? 'participant',
          },
          firstActivity: iso(first),
          lastActivity: iso(last),
        }
      })
      .sort((a, b) => a.person.name.localeCompare(b.person.name) || a.person.id - b.person.id)
  }

  /** Every comment of the debate, in thread order, each with its author's id; bodies of deleted and removed ones are gone. */
  async contributions(debate: DebateRow): Promise<ContributionRow[]> {
    const rows = await this.db.rows(CONTRIBUTIONS, { debate: debate.id })
    return threadOrder(
      rows.map((r) => {
        const state = stateOf(r)
        return {
          id: Number(r.id),
          parentId: r.parent_id === null ? null : Number(r.parent_id),
          anchor: String(r.anchor),
          authorId: Number(r.author_id),
          author: '',
          group: letterAt(r.group_position),
          stance: r.stance as RecordReply['stance'],
          body: state === 'deleted' || state === 'removed' ? null : String(r.body),
          votes: Number(r.votes),
          depth: Number(r.depth),
          createdAt: iso(r.created_at)!,
          editedAt: iso(r.edited_at),
          edits: Number(r.edits),
          state,
        }
      }),
    )
  }

  /**
   * Per paragraph anchor, each small group's tallies in the groups' order: its arguments written
   * in group work and its members' positions, as the groups' comparison counts them. Empty
   * where the seminar has no groups.
   */
  async groupTallies(debate: DebateRow): Promise<Map<string, RecordGroupTally[]>> {
    const out = new Map<string, RecordGroupTally[]>()
    const groups = await this.db
      .select({ id: seminarGroups.id, position: seminarGroups.position })
      .from(seminarGroups)
      .where(eq(seminarGroups.debateId, debate.id))
      .orderBy(asc(seminarGroups.position))
    if (groups.length === 0) return out
    const paragraphs = await this.db
      .select({ id: blocks.id, anchor: blocks.anchor })
      .from(blocks)
      .where(and(eq(blocks.essayId, debate.essayId), eq(blocks.kind, 'paragraph'), isNull(blocks.removedAt)))
    const tallies: { letter: string; counts: Map<number, Counts>; positions: Map<number, Positions> }[] = []
    for (const g of groups) {
      tallies.push({
        letter: groupLetter(g.position),
        counts: await GroupsRepository.counts(this.db, debate.id, g.id),
        positions: await GroupsRepository.positions(this.db, debate.id, g.id),
      })
    }
    for (const p of paragraphs) {
      out.set(
        p.anchor,
        tallies.map((t) => ({
          letter: t.letter,
          counts: t.counts.get(p.id) ?? emptyCounts(),
          positions: t.positions.get(p.id) ?? emptyPositions(),
        })),
      )
    }
    return out
  }

  /** The steering steps of the log, oldest first. */
  async timeline(debate: DebateRow): Promise<TimelineEntry[]> {
    const out: TimelineEntry[] = []
    let speaker: number | null = null
    for (const row of await this.db.rows(STEERING, { debate: debate.id })) {
      const event = { ...(JSON.parse(row.payload) as object), type: row.type } as StoredEvent
      const base = { seq: Number(row.seq), at: new Date(Number(row.created_at)).toISOString() }
      switch (event.type) {
        case 'phase.changed':
          out.push({ ...base, type: 'phase', phase: event.phase })
          break
        case 'spotlight.changed':
          out.push({ ...base, type: 'spotlight', anchor: event.anchor })
          break
        case 'queue.changed':
          // The queue changes with every raised hand; the timeline keeps only who has the floor.
          if ((event.speaker?.id ?? null) !== speaker) {
            speaker = event.speaker?.id ?? null
            out.push({ ...base, type: 'speaker', speaker: event.speaker?.user.name ?? null, anchor: event.speaker?.anchor ?? null })
          }
          break
        case 'timer.started':
          out.push({ ...base, type: 'timer', seconds: event.timer.seconds })
          break
        case 'timer.stopped':
          out.push({ ...base, type: 'timer', seconds: null })
          break
        case 'poll.opened':
        case 'poll.closed':
          out.push({
            ...base,
            type: event.type === 'poll.opened' ? 'poll-opened' : 'poll-closed',
            poll: event.poll.id,
            anchor: event.poll.anchor,
          })
          break
        case 'paragraph.locked':
          out.push({ ...base, type: event.locked ? 'paragraph-locked' : 'paragraph-unlocked', anchor: event.anchor })
          break
      }
    }
    return out
  }

  async grading(debate: DebateRow): Promise<GradingState> {
    const [row] = await this.db.select().from(gradingRules).where(eq(gradingRules.debateId, debate.id))
    if (!row) return { rule: null, releasedAt: null }
    return {
      rule: { arguments: row.arguments, replies: row.replies, mode: row.mode, points: row.points },
      releasedAt: row.releasedAt,
    }
  }

  /** Sets the rule; marks already released stay released, and follow the new rule. */
  async setRule(debate: DebateRow, rule: GradingRule, now = Date.now()): Promise<GradingState> {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(gradingRules)
        .values({ debateId: debate.id, ...rule, updatedAt: now })
        .onConflictDoUpdate({ target: gradingRules.debateId, set: { ...rule, updatedAt: now } })
    })
    return this.grading(debate)
  }

  /** The leader's adjusted mark and comment for one person (both null: back to the computed mark). */
  async setGrade(debate: DebateRow, userId: number, adjusted: number | null, comment: string | null, now = Date.now()): Promise<void> {
    const text = comment?.trim() || null
    await this.db.transaction(async (tx) => {
      if (adjusted === null && text === null) {
        await tx.delete(grades).where(and(eq(grades.debateId, debate.id), eq(grades.userId, userId)))
        return
      }
      await tx
        .insert(grades)
        .values({ debateId: debate.id, userId, adjusted, comment: text, updatedAt: now })
        .onConflictDoUpdate({ target: [grades.debateId, grades.userId], set: { adjusted, comment: text, updatedAt: now } })
    })
  }

  /** Releases the marks to the participants (or takes them back), announcing it in the debate's log. */
  async release(debate: DebateRow, released: boolean, now = Date.now()) {
    return this.db.transaction(
      async (tx) => {
        const releasedAt = released ? now : null
        await tx.update(gradingRules).set({ releasedAt, updatedAt: now }).where(eq(gradingRules.debateId, debate.id))
        const event: Appended<'grades.released'> = await EventsRepository.append(
          tx,
          debate,
          'grades.released',
          { releasedAt: iso(releasedAt) },
          now,
        )
        return { value: releasedAt, events: [event] }
      },
      { lock: debate.id },
    )
  }

  /** The rows with their marks under the rule (none without a rule). */
  async withMarks(debate: DebateRow, rows: Participation[], rule: GradingRule | null): Promise<Participation[]> {
    if (!rule) return rows
    const given = new Map((await this.db.select().from(grades).where(eq(grades.debateId, debate.id))).map((g) => [g.userId, g] as const))
    return rows.map((row) => {
      const grade = given.get(row.person.id)
      const computed = computeMark(rule, row.arguments, row.replies)
      const mark: Mark = {
        computed,
        adjusted: grade?.adjusted ?? null,
        mark: grade?.adjusted ?? computed,
        comment: grade?.comment ?? null,
      }
      return { ...row, mark }
    })
  }
}

/**
 * What the rule gives for this many arguments and replies: scaled, each required one earns its
 * share (more than required earns no more); all-or-nothing, full marks once all are there.
 * A rule that requires nothing gives full marks.
 */
export function computeMark(
  rule: { arguments: number; replies: number; mode: GradingMode; points: number },
  args: number,
  replies: number,
): number {
  const required = rule.arguments + rule.replies
  if (required === 0) return rule.points
  const met = Math.min(args, rule.arguments) + Math.min(replies, rule.replies)
  const share = rule.mode === 'all-or-nothing' ? (met === required ? 1 : 0) : met / required
  return Math.round(share * rule.points * 100) / 100
}

function emptyParticipation(id: number): Participation {
  return {
    person: { id, username: '', name: '', pseudonym: null, guest: false, role: 'participant' },
    group: null,
    arguments: 0,
    replies: 0,
    pro: 0,
    contra: 0,
    neutral: 0,
    votesGiven: 0,
    votesReceived: 0,
    positions: 0,
    pollVotes: 0,
    stanceShifts: 0,
    speakingTurns: 0,
    flagsReceived: 0,
    firstActivity: null,
    lastActivity: null,
  }
}

function stateOf(r: Row): RecordReply['state'] {
  if (r.removed_at !== null) return 'removed'
  if (r.deleted_at !== null) return 'deleted'
  if (r.hidden_at !== null) return 'hidden'
  return r.status as 'published' | 'pending' | 'returned'
}

/** Each argument followed by its replies, depth first, in the order they were written. */
function threadOrder<T extends { id: number; parentId: number | null }>(all: T[]): T[] {
  const children = new Map<number | null, T[]>()
  for (const c of all) {
    const siblings = children.get(c.parentId)
    if (siblings) siblings.push(c)
    else children.set(c.parentId, [c])
  }
  const out: T[] = []
  const walk = (parent: number | null) => {
    for (const c of children.get(parent) ?? []) {
      out.push(c)
      walk(c.id)
    }
  }
  walk(null)
  return out
}

/**
 * The published arguments of one paragraph with the most votes (ties: the earlier first), each
 * with every reply under it but removed ones. `comments` are in thread order (`contributions`).
 */
export function strongest(comments: readonly RecordReply[], anchor: string, limit: number): RecordArgument[] {
  const threads: RecordArgument[] = []
  for (const c of comments) {
    if (c.anchor !== anchor) continue
    if (c.parentId === null) threads.push({ ...c, replies: [] })
    else if (c.state !== 'removed') threads.at(-1)?.replies.push(c)
  }
  return threads
    .filter((t) => t.state === 'published')
    .sort((a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt) || a.id - b.id)
    .slice(0, limit)
}
