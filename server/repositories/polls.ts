/**
 * Stance polls of a seminar: one open poll per debate at a time, votes that stay secret until
 * the poll closes, and the result of an "after" round compared with its "before" round (who
 * moved from which side to which, and the reasons they gave, without names).
 *
 * While a poll is open nothing here announces how anyone voted: `poll.count` carries only how
 * many have voted, and only when that number changed. Results, shift and reasons exist from
 * the moment the poll closes, in the `poll.closed` event and in every answer after it.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { blocks, polls, pollVotes, POSITIONS, type Position } from '../../db/schema.ts'
import { badRequest, conflict } from '../errors.ts'
import { isBlank } from '../policy/names.ts'
import type { Poll, Shift, StanceCounts } from '../schemas/seminars.ts'
import type { Change } from './comments.ts'
import type { BlockRow, DebateRow } from './debates.ts'
import { EventsRepository } from './events.ts'

export type PollRow = typeof polls.$inferSelect

export interface ShiftReason {
  from: Position
  to: Position
  reason: string
}

/** A closed poll's outcome: the counts, and for an "after" round the moves and reasons. */
export interface PollResults {
  results: StanceCounts
  shift?: Shift
  reasons?: ShiftReason[]
}

export interface ClosedPoll extends PollResults {
  poll: Poll
}

const emptyCounts = (): StanceCounts => ({ pro: 0, contra: 0, undecided: 0 })
const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The statements a vote runs, prepared once on the connection (a class of 200 votes within
 * seconds, each in its own transaction on the same connection, which shares them).
 */
function prepareVoting(db: DB) {
  const pollId = sql.placeholder('pollId')
  const userId = sql.placeholder('userId')
  return {
    poll: db.select().from(polls).where(eq(polls.id, pollId)).prepare(),
    anchor: db
      .select({ anchor: blocks.anchor })
      .from(blocks)
      .where(eq(blocks.id, sql.placeholder('blockId')))
      .prepare(),
    voters: db.select({ n: count() }).from(pollVotes).where(eq(pollVotes.pollId, pollId)).prepare(),
    mine: db
      .select({ stance: pollVotes.stance })
      .from(pollVotes)
      .where(and(eq(pollVotes.pollId, pollId), eq(pollVotes.userId, userId)))
      .prepare(),
    cast: db
      .insert(pollVotes)
      .values({ pollId, userId, stance: sql.placeholder('stance'), reason: sql.placeholder('reason'), votedAt: sql.placeholder('votedAt') })
      .onConflictDoUpdate({
        target: [pollVotes.pollId, pollVotes.userId],
        set: { stance: sql`excluded.stance`, reason: sql`excluded.reason`, votedAt: sql`excluded.voted_at` },
      })
      .prepare(),
  }
}

export class PollsRepository {
  private readonly voting: ReturnType<typeof prepareVoting>

  constructor(private readonly db: DB) {
    this.voting = prepareVoting(db)
  }

  byId(id: number): PollRow | undefined {
    return this.voting.poll.get({ pollId: id })
  }

  /**
   * Opens a poll on a paragraph (or the whole essay, `block` null). An "after" round names its
   * closed "before" round and polls the same paragraph; without a paragraph it takes the
   * earlier one's. 409 while another poll of the debate is open.
   */
  open(debate: DebateRow, input: { block: BlockRow | null; beforeId?: number | undefined }, openedBy: number): Change<Poll> {
    return this.db.transaction((tx) => {
      const running = tx
        .select({ id: polls.id })
        .from(polls)
        .where(and(eq(polls.debateId, debate.id), eq(polls.status, 'open')))
        .get()
      if (running) throw conflict(`Poll ${running.id} is still open: close it first`)
      let blockId = input.block?.id ?? null
      if (input.beforeId !== undefined) {
        const before = tx.select().from(polls).where(eq(polls.id, input.beforeId)).get()
        if (!before || before.debateId !== debate.id || before.status !== 'closed') {
          throw badRequest(`body/before: poll ${input.beforeId} is not a closed poll of this seminar`)
        }
        if (input.block && input.block.id !== before.blockId) {
          throw badRequest(`body/anchor: an "after" round polls the same paragraph as poll ${before.id}`)
        }
        blockId = before.blockId
      }
      const row = tx
        .insert(polls)
        .values({ debateId: debate.id, blockId, beforeId: input.beforeId ?? null, openedBy, openedAt: Date.now() })
        .returning()
        .get()
      const poll = this.view(tx, row, null)
      const event = EventsRepository.append(tx, debate, 'poll.opened', { poll })
      return { value: poll, events: [event] }
    })
  }

  /**
   * Casts or changes a vote on an open poll. A reason belongs to an "after" round only. The
   * count goes out only when someone voted for the first time: a changed vote must not be
   * observable at all.
   */
  vote(debate: DebateRow, poll: PollRow, userId: number, stance: Position, reason?: string): Change<Poll> {
    return this.db.transaction((tx) => {
      const current = this.voting.poll.get({ pollId: poll.id })
      if (!current || current.status !== 'open') throw conflict(`Poll ${poll.id} is closed`)
      if (reason !== undefined && isBlank(reason)) throw badRequest('body/reason must not be empty: it has no visible characters')
      if (reason !== undefined && current.beforeId === null) {
        throw badRequest('body/reason: a reason is asked only in an "after" round')
      }
      const first = this.voting.mine.get({ pollId: current.id, userId }) === undefined
      const now = Date.now()
      this.voting.cast.run({ pollId: current.id, userId, stance, reason: reason?.trim() || null, votedAt: now })
      const shown = this.view(tx, current, userId)
      // Through the database's statements, prepared once, which serve this transaction too.
      const events = first ? [EventsRepository.append(this.db, debate, 'poll.count', { poll: current.id, votes: shown.votes }, now)] : []
      return { value: shown, events }
    })
  }

  /** Closes an open poll and reveals its outcome; 409 when it is closed already. */
  close(debate: DebateRow, poll: PollRow): Change<ClosedPoll> {
    return this.db.transaction((tx) => {
      const now = Date.now()
      const row = tx
        .update(polls)
        .set({ status: 'closed', closedAt: now })
        .where(and(eq(polls.id, poll.id), eq(polls.status, 'open')))
        .returning()
        .get()
      if (!row) throw conflict(`Poll ${poll.id} is closed already`)
      const outcome = this.outcome(tx, row)
      const shown = this.view(tx, row, null, outcome)
      const event = EventsRepository.append(tx, debate, 'poll.closed', { poll: shown }, now)
      return { value: { ...outcome, poll: shown }, events: [event] }
    })
  }

  /** One poll as the viewer sees it: their own vote, and the outcome once closed. */
  get(poll: PollRow, viewerId: number | null): Poll {
    return this.view(this.db, poll, viewerId)
  }

  /** The debate's polls, newest first. */
  list(debate: DebateRow, viewerId: number | null): Poll[] {
    return this.db
      .select()
      .from(polls)
      .where(eq(polls.debateId, debate.id))
      .orderBy(desc(polls.openedAt), desc(polls.id))
      .all()
      .map((row) => this.view(this.db, row, viewerId))
  }

  /** What the room shows: the open poll, else the latest closed one, else null. */
  current(debate: DebateRow, viewerId: number | null): Poll | null {
    const row =
      this.db
        .select()
        .from(polls)
        .where(and(eq(polls.debateId, debate.id), eq(polls.status, 'open')))
        .get() ??
      this.db
        .select()
        .from(polls)
        .where(and(eq(polls.debateId, debate.id), eq(polls.status, 'closed')))
        .orderBy(desc(polls.closedAt), desc(polls.id))
        .limit(1)
        .get()
    return row ? this.view(this.db, row, viewerId) : null
  }

  private view(db: DB | Tx, row: PollRow, viewerId: number | null, outcome?: PollResults): Poll {
    const anchor = row.blockId === null ? null : (this.voting.anchor.get({ blockId: row.blockId })?.anchor ?? null)
    const poll: Poll = {
      id: row.id,
      anchor,
      before: row.beforeId,
      status: row.status,
      votes: this.voters(row.id),
      openedAt: iso(row.openedAt),
      closedAt: row.closedAt === null ? null : iso(row.closedAt),
    }
    if (viewerId !== null) poll.mine = this.voting.mine.get({ pollId: row.id, userId: viewerId })?.stance ?? null
    if (row.status === 'closed') Object.assign(poll, outcome ?? this.outcome(db, row))
    return poll
  }

  private voters(pollId: number): number {
    return this.voting.voters.get({ pollId })?.n ?? 0
  }

  /** The counts; for an "after" round also the moves of those who voted in both rounds. */
  private outcome(db: DB | Tx, row: PollRow): PollResults {
    const votes = db.select().from(pollVotes).where(eq(pollVotes.pollId, row.id)).orderBy(asc(pollVotes.votedAt)).all()
    const results = emptyCounts()
    for (const vote of votes) results[vote.stance] += 1
    if (row.beforeId === null) return { results }
    const earlier = new Map<number, Position>()
    for (const vote of db.select().from(pollVotes).where(eq(pollVotes.pollId, row.beforeId)).all()) {
      earlier.set(vote.userId, vote.stance)
    }
    const shift = Object.fromEntries(POSITIONS.map((from) => [from, emptyCounts()])) as Shift
    const reasons: ShiftReason[] = []
    for (const vote of votes) {
      const from = earlier.get(vote.userId)
      if (from === undefined) continue
      shift[from][vote.stance] += 1
      if (from !== vote.stance && vote.reason !== null) reasons.push({ from, to: vote.stance, reason: vote.reason })
    }
    return { results, shift, reasons }
  }
}
