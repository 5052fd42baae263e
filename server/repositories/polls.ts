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
import { perHandle, prepare, type DB, type Tx } from '../../db/client.ts'
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
 * The statements a vote runs, prepared once per handle (a class of 200 votes within seconds,
 * each in its own transaction).
 */
const voting = perHandle((db) => {
  const pollId = sql.placeholder('pollId')
  const userId = sql.placeholder('userId')
  return {
    poll: prepare(db, 'polls_poll', db.select().from(polls).where(eq(polls.id, pollId))),
    anchor: prepare(
      db,
      'polls_anchor',
      db
        .select({ anchor: blocks.anchor })
        .from(blocks)
        .where(eq(blocks.id, sql.placeholder('blockId'))),
    ),
    voters: prepare(db, 'polls_voters', db.select({ n: count() }).from(pollVotes).where(eq(pollVotes.pollId, pollId))),
    mine: prepare(
      db,
      'polls_mine',
      db
        .select({ stance: pollVotes.stance })
        .from(pollVotes)
        .where(and(eq(pollVotes.pollId, pollId), eq(pollVotes.userId, userId))),
    ),
    cast: prepare(
      db,
      'polls_cast',
      db
        .insert(pollVotes)
        .values({
          pollId,
          userId,
          stance: sql.placeholder('stance'),
          reason: sql.placeholder('reason'),
          votedAt: sql.placeholder('votedAt'),
        })
        .onConflictDoUpdate({
          target: [pollVotes.pollId, pollVotes.userId],
          set: { stance: sql`excluded.stance`, reason: sql`excluded.reason`, votedAt: sql`excluded.voted_at` },
        }),
    ),
  }
})

export class PollsRepository {
  constructor(private readonly db: DB) {}

  async byId(id: number): Promise<PollRow | undefined> {
    const [row] = await voting(this.db).poll.execute({ pollId: id })
    return row
  }

  /**
   * Opens a poll on a paragraph (or the whole essay, `block` null). An "after" round names its
   * closed "before" round and polls the same paragraph; without a paragraph it takes the
   * earlier one's. 409 while another poll of the debate is open.
   */
  async open(debate: DebateRow, input: { block: BlockRow | null; beforeId?: number | undefined }, openedBy: number): Promise<Change<Poll>> {
    return this.db.transaction(
      async (tx) => {
        const [running] = await tx
          .select({ id: polls.id })
          .from(polls)
          .where(and(eq(polls.debateId, debate.id), eq(polls.status, 'open')))
          .limit(1)
        if (running) throw conflict(`Poll ${running.id} is still open: close it first`)
        let blockId = input.block?.id ?? null
        if (input.beforeId !== undefined) {
          const [before] = await tx.select().from(polls).where(eq(polls.id, input.beforeId))
          if (!before || before.debateId !== debate.id || before.status !== 'closed') {
            throw badRequest(`body/before: poll ${input.beforeId} is not a closed poll of this seminar`)
          }
          if (input.block && input.block.id !== before.blockId) {
            throw badRequest(`body/anchor: an "after" round polls the same paragraph as poll ${before.id}`)
          }
          blockId = before.blockId
        }
        const [row] = await tx
          .insert(polls)
          .values({ debateId: debate.id, blockId, beforeId: input.beforeId ?? null, openedBy, openedAt: Date.now() })
          .returning()
        const poll = await this.view(tx, row!, null)
        const event = await EventsRepository.append(tx, debate, 'poll.opened', { poll })
        return { value: poll, events: [event] }
      },
      { lock: debate.id },
    )
  }

  /**
   * Casts or changes a vote on an open poll. A reason belongs to an "after" round only. The
   * count goes out only when someone voted for the first time: a changed vote must not be
   * observable at all.
   */
  async vote(debate: DebateRow, poll: PollRow, userId: number, stance: Position, reason?: string): Promise<Change<Poll>> {
    return this.db.transaction(
      async (tx) => {
        const statements = voting(tx)
        const [current] = await statements.poll.execute({ pollId: poll.id })
        if (!current || current.status !== 'open') throw conflict(`Poll ${poll.id} is closed`)
        if (reason !== undefined && isBlank(reason)) throw badRequest('body/reason must not be empty: it has no visible characters')
        if (reason !== undefined && current.beforeId === null) {
          throw badRequest('body/reason: a reason is asked only in an "after" round')
        }
        const first = (await statements.mine.execute({ pollId: current.id, userId })).length === 0
        const now = Date.now()
        await statements.cast.execute({ pollId: current.id, userId, stance, reason: reason?.trim() || null, votedAt: now })
        const shown = await this.view(tx, current, userId)
        const events = first ? [await EventsRepository.append(tx, debate, 'poll.count', { poll: current.id, votes: shown.votes }, now)] : []
        return { value: shown, events }
      },
      { lock: debate.id },
    )
  }

  /** Closes an open poll and reveals its outcome; 409 when it is closed already. */
  async close(debate: DebateRow, poll: PollRow): Promise<Change<ClosedPoll>> {
    return this.db.transaction(
      async (tx) => {
        const now = Date.now()
        const [row] = await tx
          .update(polls)
          .set({ status: 'closed', closedAt: now })
          .where(and(eq(polls.id, poll.id), eq(polls.status, 'open')))
          .returning()
        if (!row) throw conflict(`Poll ${poll.id} is closed already`)
        const outcome = await this.outcome(tx, row)
        const shown = await this.view(tx, row, null, outcome)
        const event = await EventsRepository.append(tx, debate, 'poll.closed', { poll: shown }, now)
        return { value: { ...outcome, poll: shown }, events: [event] }
      },
      { lock: debate.id },
    )
  }

  /** One poll as the viewer sees it: their own vote, and the outcome once closed. */
  async get(poll: PollRow, viewerId: number | null): Promise<Poll> {
    return this.view(this.db, poll, viewerId)
  }

  /** The debate's polls, newest first. */
  async list(debate: DebateRow, viewerId: number | null): Promise<Poll[]> {
    const rows = await this.db.select().from(polls).where(eq(polls.debateId, debate.id)).orderBy(desc(polls.openedAt), desc(polls.id))
    const out: Poll[] = []
    for (const row of rows) out.push(await this.view(this.db, row, viewerId))
    return out
  }

  /** What the room shows: the open poll, else the latest closed one, else null. */
  async current(debate: DebateRow, viewerId: number | null, tx: Tx = this.db): Promise<Poll | null> {
    const [open] = await tx
      .select()
      .from(polls)
      .where(and(eq(polls.debateId, debate.id), eq(polls.status, 'open')))
      .limit(1)
    if (open) return this.view(tx, open, viewerId)
    const [closed] = await tx
      .select()
      .from(polls)
      .where(and(eq(polls.debateId, debate.id), eq(polls.status, 'closed')))
      .orderBy(desc(polls.closedAt), desc(polls.id))
      .limit(1)
    return closed ? this.view(tx, closed, viewerId) : null
  }

  private async view(tx: Tx, row: PollRow, viewerId: number | null, outcome?: PollResults): Promise<Poll> {
    const statements = voting(tx)
    const anchor = row.blockId === null ? null : ((await statements.anchor.execute({ blockId: row.blockId }))[0]?.anchor ?? null)
    const [voters] = await statements.voters.execute({ pollId: row.id })
    const poll: Poll = {
      id: row.id,
      anchor,
      before: row.beforeId,
      status: row.status,
      votes: voters?.n ?? 0,
      openedAt: iso(row.openedAt),
      closedAt: row.closedAt === null ? null : iso(row.closedAt),
    }
    if (viewerId !== null) poll.mine = (await statements.mine.execute({ pollId: row.id, userId: viewerId }))[0]?.stance ?? null
    if (row.status === 'closed') Object.assign(poll, outcome ?? (await this.outcome(tx, row)))
    return poll
  }

  /** The counts; for an "after" round also the moves of those who voted in both rounds. */
  private async outcome(tx: Tx, row: PollRow): Promise<PollResults> {
    const votes = await tx.select().from(pollVotes).where(eq(pollVotes.pollId, row.id)).orderBy(asc(pollVotes.votedAt))
    const results = emptyCounts()
    for (const vote of votes) results[vote.stance] += 1
    if (row.beforeId === null) return { results }
    const earlier = new Map<number, Position>()
    for (const vote of await tx.select().from(pollVotes).where(eq(pollVotes.pollId, row.beforeId))) {
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
