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
import { perHandle, prepare, statement, type DB, type Tx } from '../../db/client.ts'
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
import type { DebateRow, ParagraphIds, ParagraphRef } from './debates.ts'
import { emptyCounts } from './debates.ts'
import { groupLetter, GroupsRepository } from './groups.ts'
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
  /** Written during group work: its author's group. */
  groupId?: number | null
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
    c.status, c.status_reason, c.removed_at, c.group_id, g.position as group_position, b.anchor, coalesce(m.display_name, u.username) as username,
    m.pseudonym, u.guest_debate_id is not null as guest, m.role,
    (select 1 from comment_votes v where v.comment_id = c.id and v.user_id = @viewer) as voted
  from comments c
  join users u on u.id = c.author_id
  left join debate_members m on m.debate_id = c.debate_id and m.user_id = c.author_id
  join blocks b on b.id = c.block_id
  left join seminar_groups g on g.id = c.group_id`

export interface JoinedRow {
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
  group_id: number | null
  group_position: number | null
  anchor: string
  username: string
  pseudonym: string | null
  // 0 or 1 on SQLite, a boolean on Postgres.
  guest: number | boolean
  role: MemberRole | null
  voted: number | null
}

/** One comment; the Postgres baseline of the benchmarks reads a new comment back with it too. */
export const view = statement<{ viewer: number | null; id: number }, JoinedRow>('comments_view', `${JOINED} where c.id = @id`)
/** A paragraph's thread, unsorted; the benchmarks' baselines run this same statement. */
export const thread = statement<{ viewer: number | null; debate: number; block: number }, JoinedRow>(
  'comments_thread',
  `${JOINED} where c.debate_id = @debate and c.block_id = @block order by c.created_at, c.id`,
)

/** The arguments written in group work, every group's, for comparing the groups. */
const groupArguments = statement<{ viewer: number | null; debate: number }, JoinedRow>(
  'comments_group_arguments',
  `${JOINED} where c.debate_id = @debate and c.group_id is not null and c.parent_id is null order by c.created_at, c.id`,
)

// Prepared once per handle: posting and reading threads would otherwise have drizzle build,
// and the database compile, the same statements on every request.
const statements = perHandle((db) => ({
  counts: prepare(
    db,
    'comments_counts',
    db
      .select(tally)
      .from(paragraphCounts)
      .where(and(eq(paragraphCounts.debateId, sql.placeholder('debateId')), eq(paragraphCounts.blockId, sql.placeholder('blockId')))),
  ),
  byId: prepare(
    db,
    'comments_by_id',
    db
      .select()
      .from(comments)
      .where(eq(comments.id, sql.placeholder('id'))),
  ),
  byClientKey: prepare(
    db,
    'comments_by_client_key',
    db
      .select()
      .from(comments)
      .where(and(eq(comments.authorId, sql.placeholder('authorId')), eq(comments.clientKey, sql.placeholder('clientKey')))),
  ),
  insert: prepare(
    db,
    'comments_insert',
    db
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
        groupId: sql.placeholder('groupId'),
      })
      .returning({ id: comments.id }),
  ),
  lastPostedAt: prepare(
    db,
    'comments_last_posted_at',
    db
      .select({ at: comments.createdAt })
      .from(comments)
      .where(and(eq(comments.debateId, sql.placeholder('debateId')), eq(comments.authorId, sql.placeholder('userId'))))
      .orderBy(desc(comments.createdAt))
      .limit(1),
  ),
}))

export class CommentsRepository {
  constructor(private readonly db: DB) {}

  async byId(id: number, tx: Tx = this.db): Promise<CommentRow | undefined> {
    const [row] = await statements(tx).byId.execute({ id })
    return row
  }

  /** The author's comment posted with this client key, if any (a retried post). */
  async byClientKey(authorId: number, clientKey: string, tx: Tx = this.db): Promise<CommentRow | undefined> {
    const [row] = await statements(tx).byClientKey.execute({ authorId, clientKey })
    return row
  }

  /** When the user last posted in the debate (ms), for slow mode. */
  async lastPostedAt(debateId: number, userId: number): Promise<number | null> {
    const [row] = await statements(this.db).lastPostedAt.execute({ debateId, userId })
    return row?.at ?? null
  }

  /** The current moderation state of comments, to present live events and replays with. */
  async states(ids: readonly number[]): Promise<Map<number, CommentState>> {
    const out = new Map<number, CommentState>()
    if (ids.length === 0) return out
    for (const row of await this.db
      .select({
        id: comments.id,
        authorId: comments.authorId,
        hiddenAt: comments.hiddenAt,
        hiddenReason: comments.hiddenReason,
        status: comments.status,
        statusReason: comments.statusReason,
        removedAt: comments.removedAt,
        deletedAt: comments.deletedAt,
        groupId: comments.groupId,
      })
      .from(comments)
      .where(inArray(comments.id, [...new Set(ids)]))) {
      out.set(row.id, stateOf(row))
    }
    return out
  }

  /** One comment in the API's shape, in full; `voted` is the viewer's. */
  async view(id: number, viewerId: number | null, tx: Tx = this.db): Promise<Comment> {
    const [row] = await tx.rows(view, { viewer: viewerId, id })
    if (!row) throw notFound(`No comment ${id}`)
    return toComment(row)
  }

  /**
   * A paragraph's thread in full: pinned arguments first, then the rest sorted and filtered,
   * each followed by its replies.
   */
  async thread(at: ParagraphIds, query: ThreadQuery, viewerId: number | null): Promise<Comment[]> {
    const rows = await this.db.rows(thread, { viewer: viewerId, debate: at.debateId, block: at.blockId })
    return arrange(rows.map(toComment), query)
  }

  /** Every argument written in group work (replies not), in full: the caller presents them. */
  async groupArguments(debateId: number): Promise<Comment[]> {
    return (await this.db.rows(groupArguments, { viewer: null, debate: debateId })).map(toComment)
  }

  async create(
    debate: DebateRow,
    block: ParagraphRef,
    authorId: number,
    input: NewCommentInput,
    review: Review = { hold: null },
  ): Promise<Change<{ comment: Comment; created: boolean }>> {
    const body = checkBody(input.body)
    return this.db.transaction(
      async (tx) => {
        if (input.clientKey !== undefined) {
          const existing = await this.byClientKey(authorId, input.clientKey, tx)
          if (existing) return { value: { comment: await this.view(existing.id, authorId, tx), created: false }, events: [] }
        }
        let depth = 0
        const parentId = input.parentId ?? null
        // In group work an argument belongs to its author's group, a reply to its parent's,
        // which a participant may answer only in their own group.
        const working = await GroupsRepository.working(tx, debate.id, authorId)
        let groupId = working?.group ?? null
        if (parentId !== null) {
          const parent = await this.byId(parentId, tx)
          const unseen = working !== undefined && !working.leader && (working.group === null || parent?.groupId !== working.group)
          if (!parent || parent.debateId !== debate.id || parent.blockId !== block.id || unseen) {
            throw badRequest(`body/parentId: comment ${parentId} is not in this paragraph's thread`)
          }
          if (working !== undefined) groupId = parent.groupId
          if (parent.deletedAt !== null || parent.removedAt !== null) throw conflict('The comment you reply to was deleted')
          depth = parent.depth + 1
          if (depth > MAX_DEPTH) throw badRequest(`body/parentId: replies nest at most ${MAX_DEPTH} deep`)
        }
        const now = Date.now()
        const [inserted] = await statements(tx).insert.execute({
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
          groupId,
        })
        const id = inserted!.id
        const comment = await this.view(id, null, tx)
        const events: StoredEvent[] = [
          await EventsRepository.append(tx, debate, 'comment.created', {
            anchor: block.anchor,
            comment,
            ...(await tallies(tx, debate.id, block.id, comment.group?.id)),
          }),
        ]
        if (review.hold !== null) {
          await ModerationRecords.openItem(tx, debate.id, id, 'held', now)
          events.push(await ModerationRecords.announceQueue(tx, debate))
        }
        return { value: { comment, created: true }, events }
      },
      { lock: debate.id },
    )
  }

  /**
   * The author's edit, keeping the earlier wording. A comment returned for revision goes back
   * to the queue once edited, as does one whose new wording a watched word holds.
   */
  async edit(
    debate: DebateRow,
    existing: CommentRow,
    body: string,
    viewerId: number,
    review: Review = { hold: null },
  ): Promise<Change<Comment>> {
    const text = checkBody(body)
    if (existing.deletedAt !== null || existing.removedAt !== null) throw conflict('A deleted comment cannot be edited')
    const resubmitted = existing.status === 'returned'
    return this.db.transaction(
      async (tx) => {
        if (text === existing.body && !resubmitted) return { value: await this.view(existing.id, viewerId, tx), events: [] }
        const now = Date.now()
        if (text !== existing.body) {
          await tx.insert(commentVersions).values({ commentId: existing.id, body: existing.body, replacedAt: now })
        }
        const held = resubmitted || (review.hold !== null && existing.status === 'published')
        await tx
          .update(comments)
          .set({
            body: text,
            editedAt: now,
            ...(held ? { status: 'pending' as const, statusReason: review.hold ?? existing.statusReason } : {}),
          })
          .where(eq(comments.id, existing.id))
        const comment = await this.view(existing.id, null, tx)
        const events: StoredEvent[] = [
          await EventsRepository.append(tx, debate, 'comment.updated', {
            anchor: comment.anchor,
            comment,
            ...(await tallies(tx, debate.id, existing.blockId, comment.group?.id)),
          }),
        ]
        if (held && (await ModerationRecords.openItem(tx, debate.id, existing.id, 'held', now)).opened) {
          events.push(await ModerationRecords.announceQueue(tx, debate))
        }
        return { value: { ...comment, voted: (await this.view(existing.id, viewerId, tx)).voted }, events }
      },
      { lock: debate.id },
    )
  }

  /** Earlier wordings of a comment, oldest first. */
  async versions(commentId: number) {
    return this.db
      .select({ body: commentVersions.body, replacedAt: commentVersions.replacedAt })
      .from(commentVersions)
      .where(eq(commentVersions.commentId, commentId))
      .orderBy(asc(commentVersions.id))
  }

  /**
   * Soft deletion: the placeholder keeps the replies in place, and whatever waited for review
   * no longer does. A moderator deleting someone else's comment is logged with `moderator`.
   */
  async remove(debate: DebateRow, existing: CommentRow, moderator?: { actorId: number; reason?: string | null }): Promise<Change<void>> {
    if (existing.deletedAt !== null) return { value: undefined, events: [] }
    return this.db.transaction(
      async (tx) => {
        const now = Date.now()
        const before = moderator ? await this.view(existing.id, null, tx) : undefined
        await tx.update(comments).set({ deletedAt: now }).where(eq(comments.id, existing.id))
        const comment = await this.view(existing.id, null, tx)
        const events: StoredEvent[] = [
          await EventsRepository.append(tx, debate, 'comment.deleted', {
            anchor: comment.anchor,
            comment,
            ...(await tallies(tx, debate.id, existing.blockId, comment.group?.id)),
          }),
        ]
        if (moderator) {
          await ModerationRecords.log(tx, {
            debateId: debate.id,
            actorId: moderator.actorId,
            action: 'delete',
            target: { type: 'comment', id: existing.id },
            reason: moderator.reason ?? null,
            snapshot: before,
            at: now,
          })
        }
        if (await ModerationRecords.resolveItemOf(tx, existing.id, 'deleted', now))
          events.push(await ModerationRecords.announceQueue(tx, debate))
        return { value: undefined, events }
      },
      { lock: debate.id },
    )
  }

  async vote(debate: DebateRow, existing: CommentRow, userId: number, value: 0 | 1): Promise<Change<number>> {
    if (existing.authorId === userId) throw forbidden('You cannot vote for your own comment')
    if (existing.deletedAt !== null || existing.removedAt !== null) throw conflict('A deleted comment cannot be voted on')
    if (existing.hiddenAt !== null) throw conflict('A hidden comment cannot be voted on')
    return this.db.transaction(
      async (tx) => {
        const changed =
          value === 1
            ? await tx
                .insert(commentVotes)
                .values({ commentId: existing.id, userId })
                .onConflictDoNothing()
                .returning({ id: commentVotes.userId })
            : await tx
                .delete(commentVotes)
                .where(and(eq(commentVotes.commentId, existing.id), eq(commentVotes.userId, userId)))
                .returning({ id: commentVotes.userId })
        if (changed.length === 0) return { value: existing.votes, events: [] }
        const [updated] = await tx
          .update(comments)
          .set({ votes: sql`${comments.votes} + ${value === 1 ? 1 : -1}` })
          .where(eq(comments.id, existing.id))
          .returning({ votes: comments.votes })
        const votes = updated!.votes
        const [block] = await tx.select({ anchor: blocks.anchor }).from(blocks).where(eq(blocks.id, existing.blockId))
        const event = await EventsRepository.append(tx, debate, 'comment.voted', { anchor: block!.anchor, commentId: existing.id, votes })
        return { value: votes, events: [event] }
      },
      { lock: debate.id },
    )
  }

  /** Comment ids among `ids` that the user upvoted. */
  async votedBy(userId: number, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set()
    const rows = await this.db
      .select({ id: commentVotes.commentId })
      .from(commentVotes)
      .where(and(eq(commentVotes.userId, userId), inArray(commentVotes.commentId, ids)))
    return new Set(rows.map((r) => r.id))
  }
}

/**
 * The paragraph's argument counts: every comment that counts (see `counted`), and top-level
 * arguments by stance. Triggers keep them in `paragraph_counts` within each write.
 */
export async function countsOf(tx: Tx, debateId: number, blockId: number): Promise<Counts> {
  const [row] = await statements(tx).counts.execute({ debateId, blockId })
  return toCounts(row)
}

/**
 * The tallies an event about a comment carries: its paragraph's counts, and where the comment
 * was written in group work its group's too, which its group's members see in their place.
 */
export async function tallies(
  tx: Tx,
  debateId: number,
  blockId: number,
  group: number | undefined,
): Promise<{ counts: Counts; groupCounts?: Counts }> {
  const counts = await countsOf(tx, debateId, blockId)
  if (group === undefined) return { counts }
  return { counts, groupCounts: (await GroupsRepository.counts(tx, debateId, group, blockId)).get(blockId) ?? emptyCounts() }
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
  row: Pick<CommentRow, 'authorId' | 'hiddenAt' | 'hiddenReason' | 'status' | 'statusReason' | 'removedAt' | 'deletedAt'> &
    Partial<Pick<CommentRow, 'groupId'>>,
): CommentState {
  return {
    authorId: row.authorId,
    ...(row.groupId === undefined ? {} : { groupId: row.groupId }),
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
      guest: Boolean(row.guest),
      role: row.role,
    },
    body: deleted || removed ? null : row.body,
    stance: row.stance,
    votes: row.votes,
    voted: Boolean(row.voted),
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
    ...(row.group_id === null || row.group_position === null
      ? {}
      : { group: { id: row.group_id, letter: groupLetter(row.group_position) } }),
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
