/**
 * The debate's sequenced event log. Appending happens inside the transaction of the change
 * it announces, so a rolled-back change is never announced and a committed one always is.
 */
import { and, asc, eq, gt, lt, or, sql } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { debates, events } from '../../db/schema.ts'
import type { LiveEvent } from '../schemas/live.ts'

export interface DebateRef {
  id: number
  slug: string
}

export class EventsRepository {
  constructor(private readonly db: DB) {}

  /** Appends an event in the caller's transaction and returns it as it will be delivered. */
  static append(tx: Tx | DB, debate: DebateRef, type: string, payload: Record<string, unknown>, now = Date.now()): LiveEvent {
    const row = tx
      .update(debates)
      .set({ seq: sql`${debates.seq} + 1` })
      .where(eq(debates.id, debate.id))
      .returning({ seq: debates.seq })
      .get()
    if (!row) throw new Error(`No debate ${debate.id}`)
    tx.insert(events).values({ debateId: debate.id, seq: row.seq, type, payload: JSON.stringify(payload), createdAt: now }).run()
    return { ...payload, type, debate: debate.slug, seq: row.seq }
  }

  /**
   * `append` through statements prepared once on the connection, for the writes that run on
   * every post; the returned function serves any transaction on `db`, which shares it.
   */
  static appender(db: DB): (debate: DebateRef, type: string, payload: Record<string, unknown>, now?: number) => LiveEvent {
    const bump = db
      .update(debates)
      .set({ seq: sql`${debates.seq} + 1` })
      .where(eq(debates.id, sql.placeholder('debateId')))
      .returning({ seq: debates.seq })
      .prepare()
    const insert = db
      .insert(events)
      .values({
        debateId: sql.placeholder('debateId'),
        seq: sql.placeholder('seq'),
        type: sql.placeholder('type'),
        payload: sql.placeholder('payload'),
        createdAt: sql.placeholder('createdAt'),
      })
      .prepare()
    return (debate, type, payload, now = Date.now()) => {
      const row = bump.get({ debateId: debate.id })
      if (!row) throw new Error(`No debate ${debate.id}`)
      insert.run({ debateId: debate.id, seq: row.seq, type, payload: JSON.stringify(payload), createdAt: now })
      return { ...payload, type, debate: debate.slug, seq: row.seq }
    }
  }

  currentSeq(debateId: number): number {
    return this.db.select({ seq: debates.seq }).from(debates).where(eq(debates.id, debateId)).get()?.seq ?? 0
  }

  /** The oldest retained seq of a debate (0 when the log is empty). */
  oldestSeq(debateId: number): number {
    const row = this.db
      .select({ seq: sql<number | null>`min(${events.seq})` })
      .from(events)
      .where(eq(events.debateId, debateId))
      .get()
    return row?.seq ?? 0
  }

  /** Events after `since`, in order. */
  since(debate: DebateRef, since: number, limit = 10_000): LiveEvent[] {
    return this.db
      .select()
      .from(events)
      .where(and(eq(events.debateId, debate.id), gt(events.seq, since)))
      .orderBy(asc(events.seq))
      .limit(limit)
      .all()
      .map((e) => ({ ...(JSON.parse(e.payload) as Record<string, unknown>), type: e.type, debate: debate.slug, seq: e.seq }))
  }

  /**
   * Drops events older than `olderThan`, and events more than `keepLast` behind their debate's
   * newest, always keeping each debate's newest so its oldest retained seq stays known.
   */
  prune(olderThan: number, keepLast = Number.MAX_SAFE_INTEGER): number {
    const newest = sql`(select ${debates.seq} from ${debates} where ${debates.id} = ${events.debateId})`
    return this.db
      .delete(events)
      .where(and(lt(events.seq, newest), or(lt(events.createdAt, olderThan), sql`${events.seq} <= ${newest} - ${keepLast}`)))
      .run().changes
  }
}
