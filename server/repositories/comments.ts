/**
 * Arguments on paragraphs: threads, posting (idempotent by clientKey), edits with their
 * history, soft deletion and votes. Every change appends its event to the debate's log in
 * the same transaction and returns it, for the caller to publish after commit.
 *
 * Comments are read here in full (body, hidden reason, status reason); what a given reader
 * may see of them is decided by policy/visibility.ts. A comment held for review is posted
 * as pending with its queue item in the same transaction.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import {
  blocks,
  comments,
  commentVersions,
  commentVotes,
  paragraphCounts,
  type CommentStatus,
  type MemberRole,
  type Stance,
} from '../../db/schema.ts'
import { badRequest, conflict, forbidden, notFound } from '../errors.ts'
import { isBlank } from '../policy/names.ts'
import { MAX_BODY, MAX_DEPTH, type Comment, type Counts, type ThreadQuery } from '../schemas/comments.ts'
import type { StoredEvent } from '../schemas/live.ts'
import type { BlockRow, DebateRow } from './debates.ts'
import { emptyCounts } from './debates.ts'
import { EventsRepository } from './events.ts'
import { ModerationRecords } from './moderation-records.ts'

export type CommentRow = typeof comments.$inferSelect

export interface NewCommentInput {
  body: string
  stance: Stance
  parentId?: number | null
  clientKey?: string
}

/** What a write returns: its value, and the events that announce it, for the caller to publish after commit. */
export interface Change<T> {
  value: T
  events: StoredEvent[]
  /**
   * The slug of the debate whose readers the write may have shut out beyond what its events
   * say (a member removed): the hub asks about them afresh before it delivers anything more.
   */
  accessChanged?: string
}

/** A comment's moderation state now, which overrides whatever an older event says about it. */
export interface CommentState {
  authorId: number
  hidden: boolean
  status: CommentStatus
  removed: boolean
  deleted?: boolean
  hiddenReason?: string | null
  statusReason?: string | null
}

/** What review a new or edited comment needs, as the guardian decided it. */
export interface Review {
  /** Why it waits for a moderator (`pre-moderation`, `watched word "…"`); null: published at once. */
  hold: string | null
}

/**
 * A comment joined with its paragraph's anchor, its author's name (the name the leader gave them
 * in this debate, else the account's) and pseudonym, and whether the viewer voted for it.
 * Reading threads and posting run this on every request, so it is plain SQL prepared once per
 * repository and mapped by hand (`toComment`): drizzle's per-call query building and row
 * mapping cost more than the query itself. A null viewer matches no vote.
 */
const JOINED = `
  select c.id, c.parent_id, c.author_id, c.body, c.stance, c.votes, c.depth, c.created_at,
    c.edited_at, c.deleted_at, c.outdated_text, c.hidden_at, c.hidden_reason, c.pinned_at,
    c.status, c.status_reason, c.removed_at, b.anchor, coalesce(m.display_name, u.username) as username,
    m.pseudonym, u.guest_debate_id is not null as guest, m.role,
    (select 1 from comment_votes v where v.comment_id = c.id and v.user_id = @viewer) as voted
  from comments c
  join users u on u.id = c.author_id
  left join debate_members m on m.debate_id = c.debate_id and m.user_id = c.author_id
  join blocks b on b.id = c.block_id`

interface JoinedRow {
  id: number
  parent_id: number | null
  author_id: number
  body: string
  stance: Stance
  votes: number
  depth: number
  created_at: number
  edited_at: number | null
  deleted_at: number | null
  outdated_text: string | null
  hidden_at: number | null
  hidden_reason: string | null
  pinned_at: number | null
  status: CommentStatus
  status_reason: string | null
  removed_at: number | null
  anchor: string
  username: string
  pseudonym: string | null
  guest: number
  role: MemberRole | null
  voted: number | null
}

// Prepared once per repository: posting and reading threads would otherwise have drizzle
// build, and SQLite compile, the same statements on every request.
function prepare(db: DB) {
  const client = db.$client
  return {
    view: client.prepare<{ viewer: number | null; id: number }, JoinedRow>(`${JOINED} where c.id = @id`),
    thread: client.prepare<{ viewer: number | null; debate: number; block: number }, JoinedRow>(
      `${JOINED} where c.debate_id = @debate and c.block_id = @block order by c.created_at, c.id`,
    ),
    counts: db
      .select(tally)
      .from(paragraphCounts)
      .where(and(eq(paragraphCounts.debateId, sql.placeholder('debateId')), eq(paragraphCounts.blockId, sql.placeholder('blockId'))))
      .prepare(),
    byId: db
      .select()
      .from(comments)
      .where(eq(comments.id, sql.placeholder('id')))
      .prepare(),
    byClientKey: db
      .select()
      .from(comments)
      .where(and(eq(comments.authorId, sql.placeholder('authorId')), eq(comments.clientKey, sql.placeholder('clientKey'))))
      .prepare(),
    insert: db
      .insert(comments)
      .values({
        debateId: sql.placeholder('debateId'),
        blockId: sql.placeholder('blockId'),
        parentId: sql.placeholder('parentId'),
        depth: sql.placeholder('depth'),
        authorId: sql.placeholder('authorId'),
        body: sql.placeholder('body'),
        stance: sql.placeholder('stance'),
        clientKey: sql.placeholder('clientKey'),
        createdAt: sql.placeholder('createdAt'),
        status: sql.placeholder('status'),
        statusReason: sql.placeholder('statusReason'),
      })
      .returning({ id: comments.id })
      .prepare(),
    lastPostedAt: db
      .select({ at: comments.createdAt })
      .from(comments)
      .where(and(eq(comments.debateId, sql.placeholder('debateId')), eq(comments.authorId, sql.placeholder('userId'))))
      .orderBy(desc(comments.createdAt))
      .limit(1)
      .prepare(),
  }
}

export class CommentsRepository {
  private readonly statements: ReturnType<typeof prepare>

  constructor(private readonly db: DB) {
    this.statements = prepare(db)
  }

  // A transaction runs on the same connection, so statements prepared on it serve `tx` too.
  byId(id: number, _tx: Tx | DB = this.db): CommentRow | undefined {
    return this.statements.byId.get({ id })
  }

  /** The author's comment posted with this client key, if any (a retried post). */
  byClientKey(authorId: number, clientKey: string): CommentRow | undefined {
    return this.statements.byClientKey.get({ authorId, clientKey })
  }

  /** When the user last posted in the debate (ms), for slow mode. */
  lastPostedAt(debateId: number, userId: number): number | null {
    return this.statements.lastPostedAt.get({ debateId, userId })?.at ?? null
  }

  /** The current moderation state of comments, to present live events and replays with. */
  states(ids: readonly number[]): Map<number, CommentState> {
    const out = new Map<number, CommentState>()
    if (ids.length === 0) return out
    for (const row of this.db
      .select({
        id: comments.id,
        authorId: comments.authorId,
        hiddenAt: comments.hiddenAt,
        hiddenReason: comments.hiddenReason,
        status: comments.status,
        statusReason: comments.statusReason,
        removedAt: comments.removedAt,
        deletedAt: comments.deletedAt,
      })
      .from(comments)
      .where(inArray(comments.id, [...new Set(ids)]))
      .all()) {
      out.set(row.id, stateOf(row))
    }
    return out
  }

  /** One comment in the API's shape, in full; `voted` is the viewer's. */
  view(id: number, viewerId: number | null, _tx: Tx | DB = this.db): Comment {
    const row = this.statements.view.get({ viewer: viewerId, id })
    if (!row) throw notFound(`No comment ${id}`)
    return toComment(row)
  }

  /**
   * A paragraph's thread in full: pinned arguments first, then the rest sorted and filtered,
   * each followed by its replies.
   */
  thread(debate: DebateRow, block: BlockRow, query: ThreadQuery, viewerId: number | null): Comment[] {
    const rows = this.statements.thread.all({ viewer: viewerId, debate: debate.id, block: block.id }).map(toComment)
    return arrange(rows, query)
  }

  create(
    debate: DebateRow,
    block: BlockRow,
    authorId: number,
    input: NewCommentInput,
    review: Review = { hold: null },
  ): Change<{ comment: Comment; created: boolean }> {
    const body = checkBody(input.body)
    return this.db.transaction((tx) => {
      if (input.clientKey !== undefined) {
        const existing = this.byClientKey(authorId, input.clientKey)
        if (existing) return { value: { comment: this.view(existing.id, authorId, tx), created: false }, events: [] }
      }
      let depth = 0
      const parentId = input.parentId ?? null
      if (parentId !== null) {
        const parent = this.byId(parentId, tx)
        if (!parent || parent.debateId !== debate.id || parent.blockId !== block.id) {
          throw badRequest(`body/parentId: comment ${parentId} is not in this paragraph's thread`)
        }
        if (parent.deletedAt !== null || parent.removedAt !== null) throw conflict('The comment you reply to was deleted')
        depth = parent.depth + 1
        if (depth > MAX_DEPTH) throw badRequest(`body/parentId: replies nest at most ${MAX_DEPTH} deep`)
      }
      const now = Date.now()
      const { id } = this.statements.insert.get({
        debateId: debate.id,
        blockId: block.id,
        parentId,
        depth,
        authorId,
        body,
        stance: input.stance,
        clientKey: input.clientKey ?? null,
        createdAt: now,
        status: review.hold === null ? 'published' : 'pending',
        statusReason: review.hold,
      })!
      const comment = this.view(id, null, tx)
      // Appended through the database's statements, prepared once, which serve this transaction too.
      const events: StoredEvent[] = [
        EventsRepository.append(this.db, debate, 'comment.created', {
          anchor: block.anchor,
          comment,
          counts: this.countsOf(debate.id, block.id),
        }),
      ]
      if (review.hold !== null) {
        ModerationRecords.openItem(tx, debate.id, id, 'held', now)
        events.push(ModerationRecords.announceQueue(tx, debate))
      }
      return { value: { comment, created: true }, events }
    })
  }

  /**
   * The author's edit, keeping the earlier wording. A comment returned for revision goes back
   * to the queue once edited, as does one whose new wording a watched word holds.
   */
  edit(debate: DebateRow, existing: CommentRow, body: string, viewerId: number, review: Review = { hold: null }): Change<Comment> {
    const text = checkBody(body)
    if (existing.deletedAt !== null || existing.removedAt !== null) throw conflict('A deleted comment cannot be edited')
    const resubmitted = existing.status === 'returned'
    return this.db.transaction((tx) => {
      if (text === existing.body && !resubmitted) return { value: this.view(existing.id, viewerId, tx), events: [] }
      const now = Date.now()
      if (text !== existing.body) {
        tx.insert(commentVersions).values({ commentId: existing.id, body: existing.body, replacedAt: now }).run()
      }
      const held = resubmitted || (review.hold !== null && existing.status === 'published')
      tx.update(comments)
        .set({
          body: text,
          editedAt: now,
          ...(held ? { status: 'pending' as const, statusReason: review.hold ?? existing.statusReason } : {}),
        })
        .where(eq(comments.id, existing.id))
        .run()
      const comment = this.view(existing.id, null, tx)
      const events: StoredEvent[] = [
        EventsRepository.append(tx, debate, 'comment.updated', {
          anchor: comment.anchor,
          comment,
          counts: countsOf(tx, debate.id, existing.blockId),
        }),
      ]
      if (held && ModerationRecords.openItem(tx, debate.id, existing.id, 'held', now).opened) {
        events.push(ModerationRecords.announceQueue(tx, debate))
      }
      return { value: { ...comment, voted: this.view(existing.id, viewerId, tx).voted }, events }
    })
  }

  /** Earlier wordings of a comment, oldest first. */
  versions(commentId: number) {
    return this.db
      .select({ body: commentVersions.body, replacedAt: commentVersions.replacedAt })
      .from(commentVersions)
      .where(eq(commentVersions.commentId, commentId))
      .orderBy(asc(commentVersions.id))
      .all()
  }

  /**
   * Soft deletion: the placeholder keeps the replies in place, and whatever waited for review
   * no longer does. A moderator deleting someone else's comment is logged with `moderator`.
   */
  remove(debate: DebateRow, existing: CommentRow, moderator?: { actorId: number; reason?: string | null }): Change<void> {
    if (existing.deletedAt !== null) return { value: undefined, events: [] }
    return this.db.transaction((tx) => {
      const now = Date.now()
      const before = moderator ? this.view(existing.id, null, tx) : undefined
      tx.update(comments).set({ deletedAt: now }).where(eq(comments.id, existing.id)).run()
      const comment = this.view(existing.id, null, tx)
      const events: StoredEvent[] = [
        EventsRepository.append(tx, debate, 'comment.deleted', {
          anchor: comment.anchor,
          comment,
          counts: countsOf(tx, debate.id, existing.blockId),
        }),
      ]
      if (moderator) {
        ModerationRecords.log(tx, {
          debateId: debate.id,
          actorId: moderator.actorId,
          action: 'delete',
          target: { type: 'comment', id: existing.id },
          reason: moderator.reason ?? null,
          snapshot: before,
          at: now,
        })
      }
      if (ModerationRecords.resolveItemOf(tx, existing.id, 'deleted', now)) events.push(ModerationRecords.announceQueue(tx, debate))
      return { value: undefined, events }
    })
  }

  vote(debate: DebateRow, existing: CommentRow, userId: number, value: 0 | 1): Change<number> {
    if (existing.authorId === userId) throw forbidden('You cannot vote for your own comment')
    if (existing.deletedAt !== null || existing.removedAt !== null) throw conflict('A deleted comment cannot be voted on')
    if (existing.hiddenAt !== null) throw conflict('A hidden comment cannot be voted on')
    return this.db.transaction((tx) => {
      const changed =
        value === 1
          ? tx.insert(commentVotes).values({ commentId: existing.id, userId }).onConflictDoNothing().run().changes
          : tx
              .delete(commentVotes)
              .where(and(eq(commentVotes.commentId, existing.id), eq(commentVotes.userId, userId)))
              .run().changes
      if (changed === 0) return { value: existing.votes, events: [] }
      const { votes } = tx
        .update(comments)
        .set({ votes: sql`${comments.votes} + ${value === 1 ? 1 : -1}` })
        .where(eq(comments.id, existing.id))
        .returning({ votes: comments.votes })
        .get()!
      const anchor = tx.select({ anchor: blocks.anchor }).from(blocks).where(eq(blocks.id, existing.blockId)).get()!.anchor
      const event = EventsRepository.append(tx, debate, 'comment.voted', { anchor, commentId: existing.id, votes })
      return { value: votes, events: [event] }
    })
  }

  /** `countsOf` through the prepared statement, for the hot path of posting. */
  private countsOf(debateId: number, blockId: number): Counts {
    return toCounts(this.statements.counts.get({ debateId, blockId }))
  }

  /** Comment ids among `ids` that the user upvoted. */
  votedBy(userId: number, ids: number[]): Set<number> {
    if (ids.length === 0) return new Set()
    return new Set(
      this.db
        .select({ id: commentVotes.commentId })
        .from(commentVotes)
        .where(and(eq(commentVotes.userId, userId), inArray(commentVotes.commentId, ids)))
        .all()
        .map((r) => r.id),
    )
  }
}

/**
 * The paragraph's argument counts: every comment that counts (see `counted`), and top-level
 * arguments by stance. Triggers keep them in `paragraph_counts` within each write.
 */
export function countsOf(tx: Tx | DB, debateId: number, blockId: number): Counts {
  const row = tx
    .select(tally)
    .from(paragraphCounts)
    .where(and(eq(paragraphCounts.debateId, debateId), eq(paragraphCounts.blockId, blockId)))
    .get()
  return toCounts(row)
}

const tally = {
  all: paragraphCounts.comments,
  pro: paragraphCounts.pro,
  contra: paragraphCounts.contra,
  neutral: paragraphCounts.neutral,
}

function toCounts(row: { all: number; pro: number; contra: number; neutral: number } | undefined): Counts {
  return row ? { comments: row.all, pro: row.pro, contra: row.contra, neutral: row.neutral } : emptyCounts()
}

function checkBody(body: string): string {
  const text = body.trim()
  if (isBlank(text)) throw badRequest('body/body must not be empty: it has no visible characters')
  if (text.length > MAX_BODY) throw badRequest(`body/body must be at most ${MAX_BODY} characters after trimming (it has ${text.length})`)
  return text
}

export function stateOf(
  row: Pick<CommentRow, 'authorId' | 'hiddenAt' | 'hiddenReason' | 'status' | 'statusReason' | 'removedAt' | 'deletedAt'>,
): CommentState {
  return {
    authorId: row.authorId,
    hidden: row.hiddenAt !== null,
    hiddenReason: row.hiddenReason,
    status: row.status,
    statusReason: row.statusReason,
    removed: row.removedAt !== null,
    deleted: row.deletedAt !== null,
  }
}

function toComment(row: JoinedRow): Comment {
  const deleted = row.deleted_at !== null
  const removed = row.removed_at !== null
  return {
    id: row.id,
    parentId: row.parent_id,
    anchor: row.anchor,
    author: {
      id: row.author_id,
      username: row.username,
      ...(row.pseudonym === null ? {} : { pseudonym: row.pseudonym }),
      guest: row.guest === 1,
      role: row.role,
    },
    body: deleted || removed ? null : row.body,
    stance: row.stance,
    votes: row.votes,
    voted: row.voted === 1,
    depth: row.depth,
    createdAt: new Date(row.created_at).toISOString(),
    editedAt: row.edited_at === null ? null : new Date(row.edited_at).toISOString(),
    deleted,
    outdated: row.outdated_text !== null,
    outdatedText: row.outdated_text,
    hidden: row.hidden_at !== null,
    hiddenReason: row.hidden_reason,
    pinned: row.pinned_at !== null,
    status: row.status,
    statusReason: row.status_reason,
    removed,
  }
}

/** Sorts siblings, keeps each reply under its parent, and filters arguments by stance. */
function arrange(all: Comment[], query: ThreadQuery): Comment[] {
  const children = new Map<number | null, Comment[]>()
  for (const c of all) {
    const siblings = children.get(c.parentId) ?? []
    siblings.push(c)
    children.set(c.parentId, siblings)
  }
  const order = comparator(query.sort ?? 'new')
  // Replies read as a conversation: oldest first, unless the reader asked for the strongest.
  const replyOrder = comparator(query.sort === 'top' ? 'top' : 'old')
  const out: Comment[] = []
  const visit = (c: Comment) => {
    out.push(c)
    for (const reply of (children.get(c.id) ?? []).sort(replyOrder)) visit(reply)
  }
  const roots = (children.get(null) ?? []).filter((c) => !query.stance || c.stance === query.stance)
  for (const root of roots.sort((a, b) => Number(b.pinned) - Number(a.pinned) || order(a, b))) visit(root)
  return out
}

function comparator(sort: 'new' | 'top' | 'old'): (a: Comment, b: Comment) => number {
  const newest = (a: Comment, b: Comment) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id
  if (sort === 'old') return (a, b) => -newest(a, b)
  if (sort === 'top') return (a, b) => b.votes - a.votes || newest(a, b)
  return newest
}
