/**
 * The debate's sequenced event log. Appending happens inside the transaction of the change
 * it announces, so a rolled-back change is never announced and a committed one always is.
 */
import { and, asc, eq, gt, lt, or, sql } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { debates, events } from '../../db/schema.ts'
import type { EventType, Payload, StoredEvent } from '../schemas/live.ts'

export interface DebateRef {
  id: number
  slug: string
}

/** The event an append of `type` returns, as it is stored and published. */
export type Appended<T extends EventType> = Extract<StoredEvent, { type: T }>

type Append = <T extends EventType>(debate: DebateRef, type: T, payload: Payload<T>, now?: number) => Appended<T>

/**
 * The two statements of an append, prepared once per handle: a database's serve every
 * transaction on its connection, which is why the writes that run on every post append
 * through the database rather than through their transaction.
 */
const appenders = new WeakMap<DB | Tx, Append>()

function prepareAppend(db: DB | Tx): Append {
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
    return { ...payload, type, debate: debate.slug, seq: row.seq } as Appended<typeof type>
  }
}

export class EventsRepository {
  constructor(private readonly db: DB) {}

  /**
   * Appends an event in the caller's transaction (`tx`, or the database whose connection it
   * runs on) and returns it as it is published. The payload is checked against the event's
   * schema (server/schemas/live.ts) by the compiler.
   */
  static append<T extends EventType>(tx: Tx | DB, debate: DebateRef, type: T, payload: Payload<T>, now = Date.now()): Appended<T> {
    let append = appenders.get(tx)
    if (!append) {
      append = prepareAppend(tx)
      appenders.set(tx, append)
    }
    return append(debate, type, payload, now)
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
  since(debate: DebateRef, since: number, limit = 10_000): StoredEvent[] {
    return this.db
      .select()
      .from(events)
      .where(and(eq(events.debateId, debate.id), gt(events.seq, since)))
      .orderBy(asc(events.seq))
      .limit(limit)
      .all()
      .map((e) => ({ ...(JSON.parse(e.payload) as object), type: e.type, debate: debate.slug, seq: e.seq }) as StoredEvent)
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
