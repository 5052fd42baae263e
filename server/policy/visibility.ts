/**
 * What each reader may see of a comment, in REST answers and in live events alike. Pure
 * functions over the API's comment shape, so the routes and the live hub cannot disagree.
 *
 * - A comment that is not published (pending approval, returned for revision) exists only for
 *   its author and the moderators; for everyone else it is absent: not in threads, not in
 *   counts, no live event.
 * - A hidden comment reaches readers as a placeholder (`hidden: true`, no body, no reason);
 *   its author and the moderators still get the body and the reason.
 * - A removed comment (legal removal) is a tombstone for everyone.
 * - Moderators' notices (the queue's size) go to moderators only, and news about one member
 *   (their role, their mute) to moderators and that member only.
 *
 * Events are presented with the comment's *current* state overriding the one they carry, so
 * replaying an old `comment.created` after the comment was hidden never shows its body.
 */
import type { CommentState } from '../repositories/comments.ts'
import type { Comment } from '../schemas/comments.ts'
import type { LiveEvent } from '../schemas/live.ts'
import type { Person } from '../schemas/seminars.ts'

export type { CommentState }

/** Who is looking, as far as visibility goes (see `Guardian.viewerOf`). */
export interface ViewerClass {
  userId: number | null
  moderator: boolean
  /** A seminar in its private phase: this viewer sees only their own arguments and positions. */
  hideOthers?: boolean
  /** An anonymous seminar: this viewer sees others by their pseudonyms. */
  pseudonymous?: boolean
}

/** Someone in a debate as stored: the name shown (the leader's rename, else the account's) and a pseudonym. */
export interface PersonRecord {
  id: number
  name: string
  pseudonym: string | null
}

/**
 * A person as this viewer may see them: by pseudonym in an anonymous seminar (except
 * themselves); leaders see the real name and the pseudonym.
 */
export function presentPerson(person: PersonRecord, viewer: ViewerClass): Person {
  if (viewer.moderator) return { id: person.id, name: person.name, pseudonym: person.pseudonym }
  if (viewer.pseudonymous && person.id !== viewer.userId && person.pseudonym !== null) {
    return { id: person.id, name: person.pseudonym }
  }
  return { id: person.id, name: person.name }
}

/** Events only moderators receive. */
const MODERATOR_EVENTS = new Set(['moderation.queue'])
/** Events about one member (their role, their mute): for moderators and that member only. */
const MEMBER_EVENTS = new Set(['member.updated'])

function memberOf(event: LiveEvent): number | undefined {
  const user = event.user as { id?: unknown } | undefined
  return typeof user?.id === 'number' ? user.id : undefined
}

function privileged(authorId: number, viewer: ViewerClass): boolean {
  return viewer.moderator || (viewer.userId !== null && viewer.userId === authorId)
}

/** The comment as this viewer may see it, or null when it does not exist for them. */
export function present(full: Comment, viewer: ViewerClass): Comment | null {
  const insider = privileged(full.author.id, viewer)
  if (full.status !== 'published' && !insider) return null
  if (full.removed) return { ...full, body: null, hiddenReason: null, statusReason: insider ? full.statusReason : null }
  if (insider) return full
  if (full.hidden) return { ...full, body: null, hiddenReason: null, statusReason: null }
  return { ...full, hiddenReason: null, statusReason: null }
}

/**
 * A thread (parents before their replies) as this viewer sees it. Replies under a comment the
 * viewer cannot see are left out with it, so no reply hangs without its parent.
 */
export function presentThread(thread: readonly Comment[], viewer: ViewerClass): Comment[] {
  const dropped = new Set<number>()
  const out: Comment[] = []
  for (const full of thread) {
    const shown = full.parentId !== null && dropped.has(full.parentId) ? null : present(full, viewer)
    if (shown) out.push(shown)
    else dropped.add(full.id)
  }
  return out
}

/** The comment an event carries, with the current state laid over it. */
function withState(comment: Comment, current: CommentState | undefined): Comment {
  // Events written before moderation existed may lack the newer fields.
  const base: Comment = {
    ...comment,
    hidden: comment.hidden ?? false,
    hiddenReason: comment.hiddenReason ?? null,
    pinned: comment.pinned ?? false,
    status: comment.status ?? 'published',
    statusReason: comment.statusReason ?? null,
    removed: comment.removed ?? false,
  }
  if (!current) return base
  const merged: Comment = {
    ...base,
    hidden: current.hidden,
    status: current.status,
    removed: current.removed,
    deleted: current.deleted ?? base.deleted,
    hiddenReason: current.hiddenReason !== undefined ? current.hiddenReason : current.hidden ? base.hiddenReason : null,
    statusReason: current.statusReason !== undefined ? current.statusReason : base.statusReason,
  }
  if (merged.removed || merged.deleted) merged.body = null
  return merged
}

function commentOf(event: LiveEvent): Comment | undefined {
  const c = event.comment
  return c !== null && typeof c === 'object' && typeof (c as { id?: unknown }).id === 'number' ? (c as Comment) : undefined
}

/**
 * The event as this viewer may see it, or null when they may not see it at all. `current` is
 * the state now of the comment the event is about (by `comment.id` or `commentId`).
 */
export function presentEvent(event: LiveEvent, viewer: ViewerClass, current?: CommentState): LiveEvent | null {
  if (MODERATOR_EVENTS.has(event.type)) return viewer.moderator ? event : null
  if (MEMBER_EVENTS.has(event.type)) {
    return viewer.moderator || (viewer.userId !== null && viewer.userId === memberOf(event)) ? event : null
  }
  const comment = commentOf(event)
  if (comment) {
    const shown = present(withState(comment, current), viewer)
    return shown ? { ...event, comment: shown } : null
  }
  if (typeof event.commentId === 'number' && current && current.status !== 'published' && !privileged(current.authorId, viewer)) {
    return null
  }
  return event
}

/**
 * Viewers with the same key see the same `presentEvent` result for this event, so the hub
 * serialises it once per key: 'mod', the comment's author ('author:<id>'), the member an
 * event is about ('member:<id>'), or everyone else.
 */
export function audienceKey(event: LiveEvent, viewer: ViewerClass, current?: CommentState): string {
  if (viewer.moderator) return 'mod'
  if (MEMBER_EVENTS.has(event.type)) {
    const memberId = memberOf(event)
    return memberId !== undefined && viewer.userId === memberId ? `member:${memberId}` : 'all'
  }
  const authorId = current?.authorId ?? commentOf(event)?.author?.id
  if (authorId !== undefined && viewer.userId !== null && viewer.userId === authorId) return `author:${authorId}`
  return 'all'
}
