/**
 * The two records moderation keeps, written inside the caller's transaction: the review
 * queue (one open item per comment) and the log of every moderation action. Kept apart from
 * the moderation repository so that the comments repository can queue a held comment in the
 * transaction that posts it, without the two repositories depending on each other.
 */
import { and, count, eq, isNull } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { moderationLog, moderationQueue, type QueueKind } from '../../db/schema.ts'
import type { StoredEvent } from '../schemas/live.ts'
import { EventsRepository, type DebateRef } from './events.ts'

export type QueueRow = typeof moderationQueue.$inferSelect
export type LogTarget = (typeof moderationLog.$inferInsert)['targetType']

export interface LogInput {
  debateId: number | null
  actorId: number
  action: string
  target: { type: LogTarget; id: string | number }
  reason?: string | null
  /** The target as it was at that moment; stored as JSON. */
  snapshot?: unknown
  at?: number
}

export const ModerationRecords = {
  /** Opens an item for the comment unless one is open already (returned: the open item). */
  openItem(tx: Tx | DB, debateId: number, commentId: number, kind: QueueKind, now = Date.now()): { item: QueueRow; opened: boolean } {
    const existing = ModerationRecords.openItemOf(tx, commentId)
    if (existing) return { item: existing, opened: false }
    const item = tx.insert(moderationQueue).values({ debateId, commentId, kind, createdAt: now }).returning().get()
    return { item, opened: true }
  },

  openItemOf(tx: Tx | DB, commentId: number): QueueRow | undefined {
    return tx
      .select()
      .from(moderationQueue)
      .where(and(eq(moderationQueue.commentId, commentId), isNull(moderationQueue.resolvedAt)))
      .get()
  },

  /** Resolves the comment's open item, if any; returns whether there was one. */
  resolveItemOf(tx: Tx | DB, commentId: number, resolution: string, now = Date.now()): boolean {
    return (
      tx
        .update(moderationQueue)
        .set({ resolvedAt: now, resolution })
        .where(and(eq(moderationQueue.commentId, commentId), isNull(moderationQueue.resolvedAt)))
        .run().changes > 0
    )
  },

  /** Open items of a debate. */
  queueSize(tx: Tx | DB, debateId: number): number {
    return (
      tx
        .select({ n: count() })
        .from(moderationQueue)
        .where(and(eq(moderationQueue.debateId, debateId), isNull(moderationQueue.resolvedAt)))
        .get()?.n ?? 0
    )
  },

  /** Appends `moderation.queue` with the debate's open size (delivered to moderators only). */
  announceQueue(tx: Tx | DB, debate: DebateRef): StoredEvent {
    return EventsRepository.append(tx, debate, 'moderation.queue', { size: ModerationRecords.queueSize(tx, debate.id) })
  },

  log(tx: Tx | DB, entry: LogInput): void {
    tx.insert(moderationLog)
      .values({
        debateId: entry.debateId,
        actorId: entry.actorId,
        action: entry.action,
        targetType: entry.target.type,
        targetId: String(entry.target.id),
        reason: entry.reason ?? null,
        snapshot: entry.snapshot === undefined ? null : JSON.stringify(entry.snapshot),
        at: entry.at ?? Date.now(),
      })
      .run()
  },
}
