/**
 * The speaker queue of a seminar and the speaker's timer. Participants raise a hand on a
 * paragraph (one waiting hand each: raising again replaces it) and lower it; the leaders call
 * the next speaker, take hands down and time the speaker.
 *
 * Speaking order: points of order first, then by when the hand went up, then by id. Each
 * change announces the whole queue and the speaker (`queue.changed`), so a client that missed
 * nothing never has to merge. People are stored in events as records (name and pseudonym);
 * what a reader sees of them is decided on the way out (policy/visibility.ts).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { blocks, debateMembers, debates, speakerQueue, type SpeakerKind } from '../../db/schema.ts'
import { notFound } from '../errors.ts'
import type { StoredEvent } from '../schemas/live.ts'
import type { QueueRecord, Timer } from '../schemas/seminars.ts'
import type { Change } from './comments.ts'
import type { BlockRow, DebateRow } from './debates.ts'
import { EventsRepository, type Appended } from './events.ts'
import { MembersRepository } from './members.ts'

export type SpeakerRow = typeof speakerQueue.$inferSelect

/** The queue and the speaker, each hand with its person as stored (see `presentQueue` for a reader's view). */
export interface QueueRecords {
  queue: QueueRecord[]
  speaker: QueueRecord | null
}

const iso = (ms: number) => new Date(ms).toISOString()
// Points of order jump the queue; otherwise first come, first served.
const speakingOrder = [sql`case when ${speakerQueue.kind} = 'order' then 0 else 1 end`, asc(speakerQueue.raisedAt), asc(speakerQueue.id)]

export class SpeakersRepository {
  constructor(private readonly db: DB) {}

  /** Raises the user's hand, replacing a hand of theirs still waiting. */
  async raise(
    debate: DebateRow,
    block: BlockRow,
    userId: number,
    kind: SpeakerKind,
  ): Promise<Change<QueueRecords & { entry: QueueRecord }>> {
    return this.db.transaction(
      async (tx) => {
        const now = Date.now()
        await this.withdrawWaiting(tx, debate.id, userId)
        const [row] = await tx
          .insert(speakerQueue)
          .values({ debateId: debate.id, userId, blockId: block.id, kind, raisedAt: now })
          .returning({ id: speakerQueue.id })
        const state = await recordsOf(tx, debate.id)
        const entry = state.queue.find((e) => e.id === row!.id)
        if (!entry) throw new Error(`Raised hand ${row!.id} is not in the queue`)
        return { value: { ...state, entry }, events: [await queueChanged(tx, debate, state, now)] }
      },
      { lock: debate.id },
    )
  }

  /** Lowers the user's waiting hand, if they have one. */
  async lower(debate: DebateRow, userId: number): Promise<Change<QueueRecords>> {
    return this.db.transaction(
      async (tx) => {
        const lowered = await this.withdrawWaiting(tx, debate.id, userId)
        const state = await recordsOf(tx, debate.id)
        return { value: state, events: lowered ? [await queueChanged(tx, debate, state)] : [] }
      },
      { lock: debate.id },
    )
  }

  /** Takes a hand down (a leader's decision): a waiting hand, or the one speaking. 404 for any other. */
  async remove(debate: DebateRow, id: number): Promise<Change<QueueRecords>> {
    return this.db.transaction(
      async (tx) => {
        const now = Date.now()
        const [row] = await tx
          .update(speakerQueue)
          .set({ status: 'withdrawn', doneAt: now })
          .where(and(eq(speakerQueue.id, id), eq(speakerQueue.debateId, debate.id), inArray(speakerQueue.status, ['waiting', 'speaking'])))
          .returning({ id: speakerQueue.id })
        if (!row) throw notFound(`No raised hand ${id} in "${debate.slug}"`)
        const state = await recordsOf(tx, debate.id)
        return { value: state, events: [await queueChanged(tx, debate, state, now)] }
      },
      { lock: debate.id },
    )
  }

  /**
   * The current speaker is done and the first waiting hand speaks. With `seconds` the
   * speaker's timer starts; without, a running timer stops.
   */
  async next(debate: DebateRow, seconds: number | undefined): Promise<Change<QueueRecords & { timer: Timer | null }>> {
    return this.db.transaction(
      async (tx) => {
        const now = Date.now()
        const events: StoredEvent[] = []
        const done = await tx
          .update(speakerQueue)
          .set({ status: 'done', doneAt: now })
          .where(and(eq(speakerQueue.debateId, debate.id), eq(speakerQueue.status, 'speaking')))
          .returning({ id: speakerQueue.id })
        const [first] = await tx
          .select({ id: speakerQueue.id })
          .from(speakerQueue)
          .where(and(eq(speakerQueue.debateId, debate.id), eq(speakerQueue.status, 'waiting')))
          .orderBy(...speakingOrder)
          .limit(1)
        if (first) await tx.update(speakerQueue).set({ status: 'speaking', calledAt: now }).where(eq(speakerQueue.id, first.id))
        const state = await recordsOf(tx, debate.id)
        if (done.length > 0 || first) events.push(await queueChanged(tx, debate, state, now))
        const timer = await this.time(tx, debate, seconds ?? null, now, events)
        return { value: { ...state, timer }, events }
      },
      { lock: debate.id },
    )
  }

  /** Starts the speaker's timer afresh, or stops it (`seconds` null). */
  async setTimer(debate: DebateRow, seconds: number | null): Promise<Change<Timer | null>> {
    return this.db.transaction(
      async (tx) => {
        const events: StoredEvent[] = []
        const timer = await this.time(tx, debate, seconds, Date.now(), events)
        return { value: timer, events }
      },
      { lock: debate.id },
    )
  }

  /**
   * Takes down every hand of someone leaving the seminar (waiting or speaking), in the caller's
   * transaction; the `queue.changed` event when anything changed, else null.
   */
  static async leave(tx: Tx, debate: DebateRow, userId: number, now = Date.now()): Promise<Appended<'queue.changed'> | null> {
    const changed = await tx
      .update(speakerQueue)
      .set({ status: 'withdrawn', doneAt: now })
      .where(
        and(eq(speakerQueue.debateId, debate.id), eq(speakerQueue.userId, userId), inArray(speakerQueue.status, ['waiting', 'speaking'])),
      )
      .returning({ id: speakerQueue.id })
    if (changed.length === 0) return null
    return queueChanged(tx, debate, await recordsOf(tx, debate.id), now)
  }

  /**
   * Ends the floor of a seminar that closes, in the caller's transaction: the speaker is done,
   * every waiting hand comes down and a running timer stops; the events of what changed.
   */
  static async close(tx: Tx, debate: DebateRow, now = Date.now()): Promise<StoredEvent[]> {
    const events: StoredEvent[] = []
    const open = (status: 'waiting' | 'speaking') => and(eq(speakerQueue.debateId, debate.id), eq(speakerQueue.status, status))
    const done = await tx
      .update(speakerQueue)
      .set({ status: 'done', doneAt: now })
      .where(open('speaking'))
      .returning({ id: speakerQueue.id })
    const withdrawn = await tx
      .update(speakerQueue)
      .set({ status: 'withdrawn', doneAt: now })
      .where(open('waiting'))
      .returning({ id: speakerQueue.id })
    if (done.length + withdrawn.length > 0) events.push(await queueChanged(tx, debate, await recordsOf(tx, debate.id), now))
    await stopTimer(tx, debate, now, events)
    return events
  }

  /** The queue in speaking order and the speaker, as stored. */
  async state(debateId: number, tx: Tx = this.db): Promise<QueueRecords> {
    return recordsOf(tx, debateId)
  }

  /** The running timer of a debate (one that ran out stays until it is stopped or replaced). */
  timer(debate: Pick<DebateRow, 'timerStartedAt' | 'timerEndsAt'>): Timer | null {
    return timerOf(debate.timerStartedAt, debate.timerEndsAt)
  }

  private async withdrawWaiting(tx: Tx, debateId: number, userId: number): Promise<boolean> {
    const withdrawn = await tx
      .update(speakerQueue)
      .set({ status: 'withdrawn', doneAt: Date.now() })
      .where(and(eq(speakerQueue.debateId, debateId), eq(speakerQueue.userId, userId), eq(speakerQueue.status, 'waiting')))
      .returning({ id: speakerQueue.id })
    return withdrawn.length > 0
  }

  private async time(tx: Tx, debate: DebateRow, seconds: number | null, now: number, events: StoredEvent[]): Promise<Timer | null> {
    if (seconds === null) {
      await stopTimer(tx, debate, now, events)
      return null
    }
    const endsAt = now + seconds * 1000
    await tx.update(debates).set({ timerStartedAt: now, timerEndsAt: endsAt }).where(eq(debates.id, debate.id))
    const timer = timerOf(now, endsAt)!
    events.push(await EventsRepository.append(tx, debate, 'timer.started', { timer }, now))
    return timer
  }
}

/** Stops the debate's timer if one runs, with its event. */
async function stopTimer(tx: Tx, debate: DebateRow, now: number, events: StoredEvent[]): Promise<void> {
  const stopped = await tx
    .update(debates)
    .set({ timerStartedAt: null, timerEndsAt: null })
    .where(and(eq(debates.id, debate.id), sql`${debates.timerStartedAt} is not null`))
    .returning({ id: debates.id })
  if (stopped.length > 0) events.push(await EventsRepository.append(tx, debate, 'timer.stopped', {}, now))
}

async function queueChanged(tx: Tx, debate: DebateRow, state: QueueRecords, now = Date.now()): Promise<Appended<'queue.changed'>> {
  return EventsRepository.append(tx, debate, 'queue.changed', { queue: state.queue, speaker: state.speaker }, now)
}

/** The waiting hands in speaking order and the speaker, with their people as stored. */
async function recordsOf(tx: Tx, debateId: number): Promise<QueueRecords> {
  const rows = await tx
    .select({
      id: speakerQueue.id,
      userId: speakerQueue.userId,
      anchor: blocks.anchor,
      kind: speakerQueue.kind,
      status: speakerQueue.status,
      raisedAt: speakerQueue.raisedAt,
      groupId: debateMembers.groupId,
    })
    .from(speakerQueue)
    .innerJoin(blocks, eq(blocks.id, speakerQueue.blockId))
    .leftJoin(debateMembers, and(eq(debateMembers.debateId, speakerQueue.debateId), eq(debateMembers.userId, speakerQueue.userId)))
    .where(and(eq(speakerQueue.debateId, debateId), inArray(speakerQueue.status, ['waiting', 'speaking'])))
    .orderBy(...speakingOrder)
  const persons = await MembersRepository.people(
    tx,
    debateId,
    rows.map((r) => r.userId),
  )
  const record = (r: (typeof rows)[number]): QueueRecord => ({
    id: r.id,
    user: persons.get(r.userId) ?? { id: r.userId, name: 'Unknown', pseudonym: null },
    anchor: r.anchor,
    kind: r.kind,
    raisedAt: iso(r.raisedAt),
    ...(r.groupId === null ? {} : { group: r.groupId }),
  })
  const speaking = rows.find((r) => r.status === 'speaking')
  return { queue: rows.filter((r) => r.status === 'waiting').map(record), speaker: speaking ? record(speaking) : null }
}

function timerOf(startedAt: number | null, endsAt: number | null): Timer | null {
  if (startedAt === null || endsAt === null) return null
  return { startedAt: iso(startedAt), endsAt: iso(endsAt), seconds: Math.round((endsAt - startedAt) / 1000) }
}
