/**
 * The debate's sequenced event log. Appending happens inside the transaction of the change
 * it announces, so a rolled-back change is never announced and a committed one always is.
 */
import { and, asc, eq, gt, isNotNull, lt, notInArray, or, sql } from 'drizzle-orm'
import { perHandle, prepare, type DB, type Tx } from '../../db/client.ts'
import { debates, events } from '../../db/schema.ts'
import type { EventType, Payload, StoredEvent } from '../schemas/live.ts'

export interface DebateRef {
  id: number
  slug: string
}

/** The event an append of `type` returns, as it is stored and published. */
export type Appended<T extends EventType> = Extract<StoredEvent, { type: T }>

/** The two statements of an append, prepared once per handle. */
const appendStatements = perHandle((db) => ({
  bump: prepare(
    db,
    'events_bump',
    db
      .update(debates)
      .set({ seq: sql`${debates.seq} + 1` })
      .where(eq(debates.id, sql.placeholder('debateId')))
      .returning({ seq: debates.seq }),
  ),
  insert: prepare(
    db,
    'events_insert',
    db.insert(events).values({
      debateId: sql.placeholder('debateId'),
      seq: sql.placeholder('seq'),
      type: sql.placeholder('type'),
      payload: sql.placeholder('payload'),
      createdAt: sql.placeholder('createdAt'),
    }),
  ),
}))

export class EventsRepository {
  constructor(private readonly db: DB) {}

  /**
   * Appends an event in the caller's transaction (`tx`, or the database whose connection it
   * runs on) and returns it as it is published. The payload is checked against the event's
   * schema (server/schemas/live.ts) by the compiler.
   */
  static async append<T extends EventType>(
    tx: Tx,
    debate: DebateRef,
    type: T,
    payload: Payload<T>,
    now = Date.now(),
  ): Promise<Appended<T>> {
    const { bump, insert } = appendStatements(tx)
    const [row] = await bump.execute({ debateId: debate.id })
    if (!row) throw new Error(`No debate ${debate.id}`)
    await insert.execute({ debateId: debate.id, seq: row.seq, type, payload: JSON.stringify(payload), createdAt: now })
    return { ...payload, type, debate: debate.slug, seq: row.seq } as Appended<T>
  }

  /** The oldest retained seq of a debate (0 when the log is empty). */
  async oldestSeq(debateId: number): Promise<number> {
    const [row] = await this.db
      .select({ seq: sql<number | null>`min(${events.seq})` })
      .from(events)
      .where(eq(events.debateId, debateId))
    return row?.seq ?? 0
  }

  /** Events after `since`, in order. */
  async since(debate: DebateRef, since: number, limit = 10_000): Promise<StoredEvent[]> {
    const rows = await this.db
      .select()
      .from(events)
      .where(and(eq(events.debateId, debate.id), gt(events.seq, since)))
      .orderBy(asc(events.seq))
      .limit(limit)
    return rows.map((e) => stored(debate, e))
  }

  /** Events after `since` with when each was written (ms), in order: what a replay scrubs through. */
  async timed(debate: DebateRef, since = 0, limit = 100_000): Promise<{ event: StoredEvent; at: number }[]> {
    const rows = await this.db
      .select()
      .from(events)
      .where(and(eq(events.debateId, debate.id), gt(events.seq, since)))
      .orderBy(asc(events.seq))
      .limit(limit)
    return rows.map((e) => ({ event: stored(debate, e), at: e.createdAt }))
  }

  /**
   * Drops events older than `olderThan`, and events more than `keepLast` behind their debate's
   * newest, always keeping each debate's newest so its oldest retained seq stays known. A
   * seminar's log is kept whole for as long as the seminar exists: its record and replay are
   * made from it.
   */
  async prune(olderThan: number, keepLast = Number.MAX_SAFE_INTEGER): Promise<number> {
    const newest = sql`(select ${debates.seq} from ${debates} where ${debates.id} = ${events.debateId})`
    return this.db.transaction(async (tx) => {
      const dropped = await tx
        .delete(events)
        .where(
          and(
            lt(events.seq, newest),
            or(lt(events.createdAt, olderThan), sql`${events.seq} <= ${newest} - ${keepLast}`),
            notInArray(events.debateId, tx.select({ id: debates.id }).from(debates).where(isNotNull(debates.phase))),
          ),
        )
        .returning({ seq: events.seq })
      return dropped.length
    })
  }
}

function stored(debate: DebateRef, row: typeof events.$inferSelect): StoredEvent {
  return { ...(JSON.parse(row.payload) as object), type: row.type, debate: debate.slug, seq: row.seq } as StoredEvent
}
