/**
 * The two records moderation keeps, written inside the caller's transaction: the review
 * queue (one open item per comment) and the log of every moderation action. Kept apart from
 * the moderation repository so that the comments repository can queue a held comment in the
 * transaction that posts it, without the two repositories depending on each other.
 */
import { and, count, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../db/client.ts'
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
  async openItem(
    tx: Tx,
    debateId: number,
    commentId: number,
    kind: QueueKind,
    now = Date.now(),
  ): Promise<{ item: QueueRow; opened: boolean }> {
    const existing = await ModerationRecords.openItemOf(tx, commentId)
    if (existing) return { item: existing, opened: false }
    const [item] = await tx.insert(moderationQueue).values({ debateId, commentId, kind, createdAt: now }).returning()
    return { item: item!, opened: true }
  },

  async openItemOf(tx: Tx, commentId: number): Promise<QueueRow | undefined> {
    const [item] = await tx
      .select()
      .from(moderationQueue)
      .where(and(eq(moderationQueue.commentId, commentId), isNull(moderationQueue.resolvedAt)))
      .limit(1)
    return item
  },

  /** Resolves the comment's open item, if any; returns whether there was one. */
  async resolveItemOf(tx: Tx, commentId: number, resolution: string, now = Date.now()): Promise<boolean> {
    const resolved = await tx
      .update(moderationQueue)
      .set({ resolvedAt: now, resolution })
      .where(and(eq(moderationQueue.commentId, commentId), isNull(moderationQueue.resolvedAt)))
      .returning({ id: moderationQueue.id })
    return resolved.length > 0
  },

  /** Open items of a debate. */
  async queueSize(tx: Tx, debateId: number): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(moderationQueue)
      .where(and(eq(moderationQueue.debateId, debateId), isNull(moderationQueue.resolvedAt)))
    return row?.n ?? 0
  },

  /** Appends `moderation.queue` with the debate's open size (delivered to moderators only). */
  async announceQueue(tx: Tx, debate: DebateRef): Promise<StoredEvent> {
    return EventsRepository.append(tx, debate, 'moderation.queue', { size: await ModerationRecords.queueSize(tx, debate.id) })
  },

  async log(tx: Tx, entry: LogInput): Promise<void> {
    await tx.insert(moderationLog).values({
      debateId: entry.debateId,
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.target.type,
      targetId: String(entry.target.id),
      reason: entry.reason ?? null,
      snapshot: entry.snapshot === undefined ? null : JSON.stringify(entry.snapshot),
      at: entry.at ?? Date.now(),
    })
  },
}
