/**
 * Moderation of a debate: flags, hiding and pinning, legal removal, the review queue and its
 * resolutions, settings and paragraph locks. Decisions about people (moderators, mutes, bans)
 * are the members repository's.
 *
 * Every action is written with its log entry (actor, target, reason, and the target as it was)
 * and with the events that announce it, in one transaction; the events are returned for the
 * caller to publish after commit. Who may do what is the guardian's business, not this one's.
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, min, or } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import {
  blocks,
  commentVersions,
  comments,
  debates,
  flags,
  moderationLog,
  moderationQueue,
  paragraphLocks,
  users,
  type FlagReason,
} from '../../db/schema.ts'
import { badRequest, conflict, notFound, tooManyRequests } from '../errors.ts'
import type { Comment } from '../schemas/comments.ts'
import type { DebateSettings, SettingsPatch } from '../schemas/debates.ts'
import type { StoredEvent } from '../schemas/live.ts'
import type { LogEntry, QueueActionName, QueueItem } from '../schemas/moderation.ts'
import { countsOf, tallies, type Change, type CommentRow, type CommentsRepository } from './comments.ts'
import type { BlockRow, DebateRow, DebatesRepository } from './debates.ts'
import { EventsRepository } from './events.ts'
import { ModerationRecords, type LogInput, type QueueRow } from './moderation-records.ts'

const DAY = 86_400_000

/** Flags one reader may raise per 24 hours, across all debates. */
export const FLAGS_PER_DAY = 50

export interface LogFilter {
  action?: string
  actorId?: number
}

export class ModerationRepository {
  constructor(
    private readonly db: DB,
    private readonly comments: CommentsRepository,
    private readonly debates: DebatesRepository,
  ) {}

  // Flags

  /**
   * A reader's flag. It opens (or joins) the comment's queue item; once unresolved flags from
   * `flagThreshold` distinct readers stand, the comment is hidden until a moderator reviews it.
   */
  async flag(
    debate: DebateRow,
    comment: CommentRow,
    userId: number,
    reason: FlagReason,
    note: string | null,
    now = Date.now(),
  ): Promise<Change<{ id: number; hidden: boolean }>> {
    if (comment.deletedAt !== null || comment.removedAt !== null) throw conflict('A deleted comment cannot be flagged')
    return this.db.transaction(
      async (tx) => {
        const [recent] = await tx
          .select({ n: count(), oldest: min(flags.createdAt) })
          .from(flags)
          .where(and(eq(flags.userId, userId), gt(flags.createdAt, now - DAY)))
        if (recent && recent.n >= FLAGS_PER_DAY) {
          throw tooManyRequests(`You can flag at most ${FLAGS_PER_DAY} comments a day`, ((recent.oldest ?? now) + DAY - now) / 1000)
        }
        const [flag] = await tx
          .insert(flags)
          .values({ commentId: comment.id, userId, reason, note, createdAt: now })
          .onConflictDoNothing({ target: [flags.commentId, flags.userId] })
          .returning({ id: flags.id })
        if (!flag) throw conflict('You have flagged this comment already')
        const events: StoredEvent[] = []
        if ((await ModerationRecords.openItem(tx, debate.id, comment.id, 'flagged', now)).opened) {
          events.push(await ModerationRecords.announceQueue(tx, debate))
        }
        const [open] = await tx
          .select({ n: count() })
          .from(flags)
          .where(and(eq(flags.commentId, comment.id), isNull(flags.resolvedAt)))
        const flaggers = open?.n ?? 0
        const hide = flaggers >= debate.flagThreshold && comment.hiddenAt === null && comment.status === 'published'
        if (hide) {
          const reasonText = `Hidden after ${flaggers} flags, awaiting review`
          await this.logComment(tx, debate, comment.id, userId, 'auto-hide', reasonText, now)
          events.push(await this.setHidden(tx, debate, comment.id, reasonText, now))
        }
        return { value: { id: flag.id, hidden: hide }, events }
      },
      { lock: debate.id },
    )
  }

  // Acting on comments

  /** Hides a comment with a reason; a flagged one counts as reviewed. */
  async hide(debate: DebateRow, comment: CommentRow, actorId: number, reason: string, now = Date.now()): Promise<Change<Comment>> {
    this.assertLive(comment)
    return this.db.transaction(
      async (tx) => {
        await this.logComment(tx, debate, comment.id, actorId, 'hide', reason, now)
        const events = [await this.setHidden(tx, debate, comment.id, reason, now)]
        events.push(...(await this.reviewed(tx, debate, comment.id, 'hide', now, 'flagged')))
        return { value: await this.comments.view(comment.id, actorId, tx), events }
      },
      { lock: debate.id },
    )
  }

  /** Shows a hidden comment again; its flags count as reviewed. */
  async unhide(debate: DebateRow, comment: CommentRow, actorId: number, now = Date.now()): Promise<Change<Comment>> {
    if (comment.hiddenAt === null) return { value: await this.comments.view(comment.id, actorId), events: [] }
    return this.db.transaction(
      async (tx) => {
        await this.logComment(tx, debate, comment.id, actorId, 'unhide', null, now)
        const events = [await this.setHidden(tx, debate, comment.id, null, now)]
        events.push(...(await this.reviewed(tx, debate, comment.id, 'unhide', now, 'flagged')))
        return { value: await this.comments.view(comment.id, actorId, tx), events }
      },
      { lock: debate.id },
    )
  }

  /** Pins an argument to the top of its paragraph's thread, or unpins it. */
  async pin(debate: DebateRow, comment: CommentRow, actorId: number, pinned: boolean, now = Date.now()): Promise<Change<Comment>> {
    this.assertLive(comment)
    if (comment.parentId !== null) throw badRequest('Only arguments can be pinned, not replies')
    if (pinned && comment.status !== 'published') throw conflict('Approve the comment before pinning it')
    if ((comment.pinnedAt !== null) === pinned) return { value: await this.comments.view(comment.id, actorId), events: [] }
    return this.db.transaction(
      async (tx) => {
        await this.logComment(tx, debate, comment.id, actorId, pinned ? 'pin' : 'unpin', null, now)
        await tx
          .update(comments)
          .set({ pinnedAt: pinned ? now : null })
          .where(eq(comments.id, comment.id))
        const anchor = await this.anchorOf(tx, comment.blockId)
        const event = await EventsRepository.append(tx, debate, 'comment.pinned', { anchor, commentId: comment.id, pinned }, now)
        return { value: await this.comments.view(comment.id, actorId, tx), events: [event] }
      },
      { lock: debate.id },
    )
  }

  /**
   * Legal removal: the body and every earlier wording are erased, a tombstone keeps the
   * replies in place. The log keeps who, when and why, and the comment's metadata, but not
   * its words: content removed on legal grounds must not live on in a copy.
   */
  async removeForGood(debate: DebateRow, comment: CommentRow, actorId: number, reason: string, now = Date.now()): Promise<Change<Comment>> {
    if (comment.removedAt !== null) throw conflict('This comment was removed already')
    return this.db.transaction(
      async (tx) => {
        const before = await this.comments.view(comment.id, null, tx)
        const { body: _body, hiddenReason: _hidden, statusReason: _status, outdatedText: _outdated, ...metadata } = before
        await ModerationRecords.log(tx, {
          debateId: debate.id,
          actorId,
          action: 'remove',
          target: { type: 'comment', id: comment.id },
          reason,
          snapshot: metadata,
          at: now,
        })
        await tx.update(comments).set({ body: '', removedAt: now, pinnedAt: null }).where(eq(comments.id, comment.id))
        await tx.delete(commentVersions).where(eq(commentVersions.commentId, comment.id))
        const events = [await this.updated(tx, debate, comment.id, now)]
        events.push(...(await this.reviewed(tx, debate, comment.id, 'remove', now)))
        return { value: await this.comments.view(comment.id, actorId, tx), events }
      },
      { lock: debate.id },
    )
  }

  // The queue

  /** Open items of a debate, oldest first. */
  async queue(debate: DebateRow): Promise<QueueItem[]> {
    const rows = await this.db
      .select()
      .from(moderationQueue)
      .where(and(eq(moderationQueue.debateId, debate.id), isNull(moderationQueue.resolvedAt)))
      .orderBy(asc(moderationQueue.createdAt), asc(moderationQueue.id))
    const items: QueueItem[] = []
    for (const row of rows) items.push(await this.itemView(this.db, row))
    return items
  }

  async queueSize(debate: DebateRow): Promise<number> {
    return ModerationRecords.queueSize(this.db, debate.id)
  }

  async item(id: number): Promise<QueueRow | undefined> {
    const [row] = await this.db.select().from(moderationQueue).where(eq(moderationQueue.id, id))
    return row
  }

  /**
   * A moderator's decision on an item (see `QueueAction` for what each does). `target` is the
   * paragraph to reattach an outdated comment to.
   */
  async resolve(
    debate: DebateRow,
    item: QueueRow,
    actorId: number,
    action: QueueActionName,
    reason: string | null,
    target?: BlockRow,
    now = Date.now(),
  ): Promise<Change<QueueItem>> {
    if (item.resolvedAt !== null) throw conflict('This item was resolved already')
    if ((action === 'hide' || action === 'return') && !reason) throw badRequest(`body/reason is required to ${action} a comment`)
    if (action === 'reattach') {
      if (item.kind !== 'outdated') throw badRequest('Only outdated comments can be reattached')
      if (!target) throw badRequest('body/anchor is required to reattach a comment')
    }
    return this.db.transaction(
      async (tx) => {
        const comment = await this.comments.byId(item.commentId, tx)
        if (!comment) throw notFound(`No comment ${item.commentId}`)
        if (action !== 'keep' && action !== 'delete' && (comment.deletedAt !== null || comment.removedAt !== null)) {
          throw conflict('The comment was deleted; keep or delete the item')
        }
        // Resolved here and nowhere else, so a second decision on the same item finds it resolved.
        const [resolved] = await tx
          .update(moderationQueue)
          .set({ resolvedAt: now, resolution: action })
          .where(and(eq(moderationQueue.id, item.id), isNull(moderationQueue.resolvedAt)))
          .returning()
        if (!resolved) throw conflict('This item was resolved already')
        const events: StoredEvent[] = []
        const log = (name: string) => this.logComment(tx, debate, comment.id, actorId, name, reason, now)
        switch (action) {
          case 'keep': {
            const approve = comment.status === 'pending'
            const unhide = comment.hiddenAt !== null && (await this.lastHideWasAutomatic(tx, comment.id))
            await log(approve ? 'approve' : 'keep')
            if (approve) {
              await tx.update(comments).set({ status: 'published', statusReason: null }).where(eq(comments.id, comment.id))
              events.push(await this.updated(tx, debate, comment.id, now))
            }
            if (unhide) events.push(await this.setHidden(tx, debate, comment.id, null, now))
            break
          }
          case 'hide':
            await log('hide')
            await tx.update(comments).set({ status: 'published', statusReason: null }).where(eq(comments.id, comment.id))
            events.push(await this.setHidden(tx, debate, comment.id, reason, now))
            break
          case 'delete':
            await log('delete')
            if (comment.deletedAt === null) {
              await tx.update(comments).set({ deletedAt: now }).where(eq(comments.id, comment.id))
              const view = await this.comments.view(comment.id, null, tx)
              const counted = await tallies(tx, debate.id, comment.blockId, view.group?.id)
              events.push(
                await EventsRepository.append(tx, debate, 'comment.deleted', { anchor: view.anchor, comment: view, ...counted }, now),
              )
            }
            break
          case 'return':
            await log('return')
            await tx.update(comments).set({ status: 'returned', statusReason: reason }).where(eq(comments.id, comment.id))
            events.push(await this.updated(tx, debate, comment.id, now))
            break
          case 'reattach':
            events.push(...(await this.reattach(tx, debate, comment, target!, actorId, reason, now)))
            break
        }
        await this.clearFlags(tx, comment.id, now)
        events.push(await ModerationRecords.announceQueue(tx, debate))
        return { value: await this.itemView(tx, resolved), events }
      },
      { lock: debate.id },
    )
  }

  // The debate

  async updateSettings(debate: DebateRow, actorId: number, patch: SettingsPatch, now = Date.now()): Promise<Change<DebateSettings>> {
    const before = this.debates.settingsOf(debate)
    const after: DebateSettings = { ...before, ...patch }
    const lockChanged = after.locked !== before.locked
    const othersChanged = (['slowModeSeconds', 'preModeration', 'flagThreshold'] as const).some((k) => after[k] !== before[k])
    if (!lockChanged && !othersChanged) return { value: before, events: [] }
    return this.db.transaction(
      async (tx) => {
        await tx
          .update(debates)
          .set({
            state: after.locked ? 'locked' : 'open',
            slowModeSeconds: after.slowModeSeconds,
            preModeration: after.preModeration,
            flagThreshold: after.flagThreshold,
          })
          .where(eq(debates.id, debate.id))
        const target = { type: 'debate' as const, id: debate.slug }
        if (lockChanged) {
          await ModerationRecords.log(tx, {
            debateId: debate.id,
            actorId,
            action: after.locked ? 'lock' : 'unlock',
            target,
            snapshot: { before, after },
            at: now,
          })
        }
        if (othersChanged) {
          await ModerationRecords.log(tx, {
            debateId: debate.id,
            actorId,
            action: 'settings',
            target,
            snapshot: { before, after },
            at: now,
          })
        }
        const event = await EventsRepository.append(tx, debate, 'debate.settings', { settings: after }, now)
        return { value: after, events: [event] }
      },
      { lock: debate.id },
    )
  }

  async lockParagraph(debate: DebateRow, block: BlockRow, actorId: number, locked: boolean, now = Date.now()): Promise<Change<boolean>> {
    return this.db.transaction(
      async (tx) => {
        if ((await this.debates.isParagraphLocked(debate.id, block.id, tx)) === locked) return { value: locked, events: [] }
        if (locked) await tx.insert(paragraphLocks).values({ debateId: debate.id, blockId: block.id, lockedBy: actorId, lockedAt: now })
        else await tx.delete(paragraphLocks).where(and(eq(paragraphLocks.debateId, debate.id), eq(paragraphLocks.blockId, block.id)))
        await ModerationRecords.log(tx, {
          debateId: debate.id,
          actorId,
          action: locked ? 'lock-paragraph' : 'unlock-paragraph',
          target: { type: 'paragraph', id: block.anchor },
          snapshot: { anchor: block.anchor, text: block.text },
          at: now,
        })
        const event = await EventsRepository.append(tx, debate, 'paragraph.locked', { anchor: block.anchor, locked }, now)
        return { value: locked, events: [event] }
      },
      { lock: debate.id },
    )
  }

  // The log

  /** A debate's log (or, with null, the site-wide entries such as bans), newest first. */
  async log(debateId: number | null, filter: LogFilter = {}): Promise<LogEntry[]> {
    const rows = await this.db
      .select({ entry: moderationLog, username: users.username })
      .from(moderationLog)
      .innerJoin(users, eq(users.id, moderationLog.actorId))
      .where(
        and(
          debateId === null ? isNull(moderationLog.debateId) : eq(moderationLog.debateId, debateId),
          filter.action === undefined ? undefined : eq(moderationLog.action, filter.action),
          filter.actorId === undefined ? undefined : eq(moderationLog.actorId, filter.actorId),
        ),
      )
      .orderBy(desc(moderationLog.at), desc(moderationLog.id))
    return rows.map(({ entry, username }) => ({
      id: entry.id,
      actor: { id: entry.actorId, username },
      action: entry.action,
      target: { type: entry.targetType, id: entry.targetId },
      reason: entry.reason,
      at: new Date(entry.at).toISOString(),
      snapshot: entry.snapshot === null ? null : (JSON.parse(entry.snapshot) as unknown),
    }))
  }

  /** Records an action that changes nothing else here (e.g. a watched word added), in a transaction of its own. */
  async record(entry: LogInput): Promise<void> {
    await this.db.transaction((tx) => ModerationRecords.log(tx, entry), { lock: entry.debateId ?? undefined })
  }

  // Internals

  private assertLive(comment: CommentRow): void {
    if (comment.deletedAt !== null || comment.removedAt !== null) throw conflict('The comment was deleted')
  }

  private async anchorOf(tx: Tx, blockId: number): Promise<string> {
    const [block] = await tx.select({ anchor: blocks.anchor }).from(blocks).where(eq(blocks.id, blockId))
    return block!.anchor
  }

  /** Logs an action on a comment with the comment as it was before. */
  private async logComment(
    tx: Tx,
    debate: DebateRow,
    commentId: number,
    actorId: number,
    action: string,
    reason: string | null,
    now: number,
  ): Promise<void> {
    await ModerationRecords.log(tx, {
      debateId: debate.id,
      actorId,
      action,
      target: { type: 'comment', id: commentId },
      reason,
      snapshot: await this.comments.view(commentId, null, tx),
      at: now,
    })
  }

  /** Hides (with a reason) or unhides (null) a comment; returns its event. */
  private async setHidden(tx: Tx, debate: DebateRow, commentId: number, reason: string | null, now: number): Promise<StoredEvent> {
    await tx
      .update(comments)
      .set(reason === null ? { hiddenAt: null, hiddenReason: null } : { hiddenAt: now, hiddenReason: reason })
      .where(eq(comments.id, commentId))
    const comment = await this.comments.view(commentId, null, tx)
    const counted = await tallies(tx, debate.id, (await this.comments.byId(commentId, tx))!.blockId, comment.group?.id)
    return EventsRepository.append(
      tx,
      debate,
      reason === null ? 'comment.unhidden' : 'comment.hidden',
      { anchor: comment.anchor, comment, ...counted },
      now,
    )
  }

  /** `comment.updated` with the comment as it is now and its paragraph's counts. */
  private async updated(tx: Tx, debate: DebateRow, commentId: number, now: number): Promise<StoredEvent> {
    const comment = await this.comments.view(commentId, null, tx)
    const counted = await tallies(tx, debate.id, (await this.comments.byId(commentId, tx))!.blockId, comment.group?.id)
    return EventsRepository.append(tx, debate, 'comment.updated', { anchor: comment.anchor, comment, ...counted }, now)
  }

  /** Clears the comment's flags and resolves its open item (of the given kind, if named). */
  private async reviewed(
    tx: Tx,
    debate: DebateRow,
    commentId: number,
    resolution: string,
    now: number,
    kind?: QueueRow['kind'],
  ): Promise<StoredEvent[]> {
    const open = await ModerationRecords.openItemOf(tx, commentId)
    if (kind === 'flagged' || kind === undefined) await this.clearFlags(tx, commentId, now)
    if (!open || (kind !== undefined && open.kind !== kind)) return []
    await ModerationRecords.resolveItemOf(tx, commentId, resolution, now)
    return [await ModerationRecords.announceQueue(tx, debate)]
  }

  private async clearFlags(tx: Tx, commentId: number, now: number): Promise<void> {
    await tx
      .update(flags)
      .set({ resolvedAt: now })
      .where(and(eq(flags.commentId, commentId), isNull(flags.resolvedAt)))
  }

  private async lastHideWasAutomatic(tx: Tx, commentId: number): Promise<boolean> {
    const [last] = await tx
      .select({ action: moderationLog.action })
      .from(moderationLog)
      .where(
        and(
          eq(moderationLog.targetType, 'comment'),
          eq(moderationLog.targetId, String(commentId)),
          or(eq(moderationLog.action, 'hide'), eq(moderationLog.action, 'auto-hide')),
        ),
      )
      .orderBy(desc(moderationLog.at), desc(moderationLog.id))
      .limit(1)
    return last?.action === 'auto-hide'
  }

  /** Moves an outdated argument and its replies to a paragraph of the current version. */
  private async reattach(
    tx: Tx,
    debate: DebateRow,
    comment: CommentRow,
    target: BlockRow,
    actorId: number,
    reason: string | null,
    now: number,
  ): Promise<StoredEvent[]> {
    const fromAnchor = await this.anchorOf(tx, comment.blockId)
    await this.logComment(tx, debate, comment.id, actorId, 'reattach', reason, now)
    const moved = [comment.id]
    for (let i = 0; i < moved.length; i++) {
      for (const reply of await tx.select({ id: comments.id }).from(comments).where(eq(comments.parentId, moved[i]!))) moved.push(reply.id)
    }
    await tx.update(comments).set({ blockId: target.id, outdatedText: null }).where(inArray(comments.id, moved))
    const from = { anchor: fromAnchor, counts: await countsOf(tx, debate.id, comment.blockId) }
    const events: StoredEvent[] = []
    for (const id of moved) {
      const view = await this.comments.view(id, null, tx)
      const counted = await tallies(tx, debate.id, target.id, view.group?.id)
      events.push(
        await EventsRepository.append(tx, debate, 'comment.updated', { anchor: target.anchor, comment: view, ...counted, from }, now),
      )
    }
    return events
  }

  /** An item with its comment in full and its flags (the open ones, or those it resolved). */
  private async itemView(tx: Tx, row: QueueRow): Promise<QueueItem> {
    const flagRows = await tx
      .select({ flag: flags, username: users.username })
      .from(flags)
      .innerJoin(users, eq(users.id, flags.userId))
      .where(
        and(eq(flags.commentId, row.commentId), row.resolvedAt === null ? isNull(flags.resolvedAt) : eq(flags.resolvedAt, row.resolvedAt)),
      )
      .orderBy(asc(flags.createdAt), asc(flags.id))
    return {
      id: row.id,
      kind: row.kind,
      comment: await this.comments.view(row.commentId, null, tx),
      flags: flagRows.map(({ flag, username }) => ({
        reason: flag.reason,
        note: flag.note,
        user: { id: flag.userId, username },
        createdAt: new Date(flag.createdAt).toISOString(),
      })),
      createdAt: new Date(row.createdAt).toISOString(),
      resolvedAt: row.resolvedAt === null ? null : new Date(row.resolvedAt).toISOString(),
      resolution: row.resolution,
    }
  }
}
