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
import { blocks, debates, speakerQueue, type SpeakerKind } from '../../db/schema.ts'
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
  raise(debate: DebateRow, block: BlockRow, userId: number, kind: SpeakerKind): Change<QueueRecords & { entry: QueueRecord }> {
    return this.db.transaction((tx) => {
      const now = Date.now()
      this.withdrawWaiting(tx, debate.id, userId)
      const row = tx.insert(speakerQueue).values({ debateId: debate.id, userId, blockId: block.id, kind, raisedAt: now }).returning().get()
      const state = recordsOf(tx, debate.id)
      const entry = state.queue.find((e) => e.id === row.id)
      if (!entry) throw new Error(`Raised hand ${row.id} is not in the queue`)
      return { value: { ...state, entry }, events: [this.changed(tx, debate, state, now)] }
    })
  }

  /** Lowers the user's waiting hand, if they have one. */
  lower(debate: DebateRow, userId: number): Change<QueueRecords> {
    return this.db.transaction((tx) => {
      const lowered = this.withdrawWaiting(tx, debate.id, userId)
      const state = recordsOf(tx, debate.id)
      return { value: state, events: lowered ? [this.changed(tx, debate, state)] : [] }
    })
  }

  /** Takes a hand down (a leader's decision): a waiting hand, or the one speaking. 404 for any other. */
  remove(debate: DebateRow, id: number): Change<QueueRecords> {
    return this.db.transaction((tx) => {
      const now = Date.now()
      const row = tx
        .update(speakerQueue)
        .set({ status: 'withdrawn', doneAt: now })
        .where(and(eq(speakerQueue.id, id), eq(speakerQueue.debateId, debate.id), inArray(speakerQueue.status, ['waiting', 'speaking'])))
        .returning({ id: speakerQueue.id })
        .get()
      if (!row) throw notFound(`No raised hand ${id} in "${debate.slug}"`)
      const state = recordsOf(tx, debate.id)
      return { value: state, events: [this.changed(tx, debate, state, now)] }
    })
  }

  /**
   * The current speaker is done and the first waiting hand speaks. With `seconds` the
   * speaker's timer starts; without, a running timer stops.
   */
  next(debate: DebateRow, seconds: number | undefined): Change<QueueRecords & { timer: Timer | null }> {
    return this.db.transaction((tx) => {
      const now = Date.now()
      const events: StoredEvent[] = []
      const done = tx
        .update(speakerQueue)
        .set({ status: 'done', doneAt: now })
        .where(and(eq(speakerQueue.debateId, debate.id), eq(speakerQueue.status, 'speaking')))
        .run().changes
      const first = tx
        .select({ id: speakerQueue.id })
        .from(speakerQueue)
        .where(and(eq(speakerQueue.debateId, debate.id), eq(speakerQueue.status, 'waiting')))
        .orderBy(...speakingOrder)
        .limit(1)
        .get()
      if (first) tx.update(speakerQueue).set({ status: 'speaking', calledAt: now }).where(eq(speakerQueue.id, first.id)).run()
      const state = recordsOf(tx, debate.id)
      if (done > 0 || first) events.push(this.changed(tx, debate, state, now))
      const timer = this.time(tx, debate, seconds ?? null, now, events)
      return { value: { ...state, timer }, events }
    })
  }

  /** Starts the speaker's timer afresh, or stops it (`seconds` null). */
  setTimer(debate: DebateRow, seconds: number | null): Change<Timer | null> {
    return this.db.transaction((tx) => {
      const events: StoredEvent[] = []
      const timer = this.time(tx, debate, seconds, Date.now(), events)
      return { value: timer, events }
    })
  }

  /**
   * Takes down every hand of someone leaving the seminar (waiting or speaking), in the caller's
   * transaction; the `queue.changed` event when anything changed, else null.
   */
  static leave(tx: Tx, debate: DebateRow, userId: number, now = Date.now()): Appended<'queue.changed'> | null {
    const changed = tx
      .update(speakerQueue)
      .set({ status: 'withdrawn', doneAt: now })
      .where(
        and(eq(speakerQueue.debateId, debate.id), eq(speakerQueue.userId, userId), inArray(speakerQueue.status, ['waiting', 'speaking'])),
      )
      .run().changes
    if (changed === 0) return null
    return queueChanged(tx, debate, recordsOf(tx, debate.id), now)
  }

  /**
   * Ends the floor of a seminar that closes, in the caller's transaction: the speaker is done,
   * every waiting hand comes down and a running timer stops; the events of what changed.
   */
  static close(tx: Tx, debate: DebateRow, now = Date.now()): StoredEvent[] {
    const events: StoredEvent[] = []
    const open = (status: 'waiting' | 'speaking') => and(eq(speakerQueue.debateId, debate.id), eq(speakerQueue.status, status))
    const done = tx.update(speakerQueue).set({ status: 'done', doneAt: now }).where(open('speaking')).run().changes
    const withdrawn = tx.update(speakerQueue).set({ status: 'withdrawn', doneAt: now }).where(open('waiting')).run().changes
    if (done + withdrawn > 0) events.push(queueChanged(tx, debate, recordsOf(tx, debate.id), now))
    stopTimer(tx, debate, now, events)
    return events
  }

  /** The queue in speaking order and the speaker, as stored. */
  state(debateId: number): QueueRecords {
    return recordsOf(this.db, debateId)
  }

  /** The running timer of a debate (one that ran out stays until it is stopped or replaced). */
  timer(debate: Pick<DebateRow, 'timerStartedAt' | 'timerEndsAt'>): Timer | null {
    return timerOf(debate.timerStartedAt, debate.timerEndsAt)
  }

  private withdrawWaiting(tx: Tx, debateId: number, userId: number): boolean {
    return (
      tx
        .update(speakerQueue)
        .set({ status: 'withdrawn', doneAt: Date.now() })
        .where(and(eq(speakerQueue.debateId, debateId), eq(speakerQueue.userId, userId), eq(speakerQueue.status, 'waiting')))
        .run().changes > 0
    )
  }

  private time(tx: Tx, debate: DebateRow, seconds: number | null, now: number, events: StoredEvent[]): Timer | null {
    if (seconds === null) {
      stopTimer(tx, debate, now, events)
      return null
    }
    const endsAt = now + seconds * 1000
    tx.update(debates).set({ timerStartedAt: now, timerEndsAt: endsAt }).where(eq(debates.id, debate.id)).run()
    const timer = timerOf(now, endsAt)!
    events.push(EventsRepository.append(tx, debate, 'timer.started', { timer }, now))
    return timer
  }

  private changed(tx: Tx, debate: DebateRow, state: QueueRecords, now = Date.now()): Appended<'queue.changed'> {
    return queueChanged(tx, debate, state, now)
  }
}

/** Stops the debate's timer if one runs, with its event. */
function stopTimer(tx: Tx, debate: DebateRow, now: number, events: StoredEvent[]): void {
  const stopped = tx
    .update(debates)
    .set({ timerStartedAt: null, timerEndsAt: null })
    .where(and(eq(debates.id, debate.id), sql`${debates.timerStartedAt} is not null`))
    .run().changes
  if (stopped > 0) events.push(EventsRepository.append(tx, debate, 'timer.stopped', {}, now))
}

function queueChanged(tx: Tx, debate: DebateRow, state: QueueRecords, now: number): Appended<'queue.changed'> {
  return EventsRepository.append(tx, debate, 'queue.changed', { queue: state.queue, speaker: state.speaker }, now)
}

/** The waiting hands in speaking order and the speaker, with their people as stored. */
function recordsOf(db: DB | Tx, debateId: number): QueueRecords {
  const rows = db
    .select({
      id: speakerQueue.id,
      userId: speakerQueue.userId,
      anchor: blocks.anchor,
      kind: speakerQueue.kind,
      status: speakerQueue.status,
      raisedAt: speakerQueue.raisedAt,
    })
    .from(speakerQueue)
    .innerJoin(blocks, eq(blocks.id, speakerQueue.blockId))
    .where(and(eq(speakerQueue.debateId, debateId), inArray(speakerQueue.status, ['waiting', 'speaking'])))
    .orderBy(...speakingOrder)
    .all()
  const persons = MembersRepository.people(
    db,
    debateId,
    rows.map((r) => r.userId),
  )
  const record = (r: (typeof rows)[number]): QueueRecord => ({
    id: r.id,
    user: persons.get(r.userId) ?? { id: r.userId, name: 'Unknown', pseudonym: null },
    anchor: r.anchor,
    kind: r.kind,
    raisedAt: iso(r.raisedAt),
  })
  const speaking = rows.find((r) => r.status === 'speaking')
  return { queue: rows.filter((r) => r.status === 'waiting').map(record), speaker: speaking ? record(speaking) : null }
}

function timerOf(startedAt: number | null, endsAt: number | null): Timer | null {
  if (startedAt === null || endsAt === null) return null
  return { startedAt: iso(startedAt), endsAt: iso(endsAt), seconds: Math.round((endsAt - startedAt) / 1000) }
}
