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
 * - In a seminar's private phase (`hideOthers`) a participant sees only their own arguments and
 *   positions, and counts of their own only: others' comments are absent, `counts` and
 *   `positions` are left out of events, and others' `position.changed` and `comment.voted` are
 *   not delivered.
 * - During a seminar's group work (`group`) a participant sees only their group's arguments,
 *   replies, votes, positions and raised hands, and their group's tallies in place of the
 *   debate's (`groupCounts`, `groupPositions`); a participant in no group sees their own only.
 *   The plenum shows everything again, each comment labelled by its group.
 * - In an anonymous seminar (`pseudonymous`) a participant sees everyone else by pseudonym and
 *   by the per-seminar id that goes with it (policy/pseudonyms.ts), never by account id: a
 *   comment's author and every person an event names (`member`, `queue[].user`, `speaker.user`).
 *   Whether a pseudonym is a guest is not said either: it would tell peers apart. Someone
 *   without a pseudonym there (no longer a member) is a former participant. The viewer sees
 *   themselves as they are; the leaders see real names and ids with the pseudonym beside them.
 * - Every person shown carries, where known, whether they are a guest and their role in the
 *   debate, so that nobody passes for someone with an account or for a leader.
 *
 * Events are presented with the comment's *current* state overriding the one they carry, so
 * replaying an old `comment.created` after the comment was hidden never shows its body. They
 * are presented with the debate's *current* phase too (see `Guardian.viewerOf`).
 */
import type { MemberRole } from '../../db/schema.ts'
import type { CommentState } from '../repositories/comments.ts'
import type { Comment } from '../schemas/comments.ts'
import type { EventType, LiveEvent, StoredEvent } from '../schemas/live.ts'
import type { Person, PersonRecord, QueueEntry, QueueRecord } from '../schemas/seminars.ts'
import { pseudonymId, UNKNOWN_PERSON } from './pseudonyms.ts'

export type { CommentState }

/** Who is looking, as far as visibility goes (see `Guardian.viewerOf`). */
export interface ViewerClass {
  userId: number | null
  moderator: boolean
  /** A seminar in its private phase: this viewer sees only their own arguments and positions. */
  hideOthers?: boolean
  /** An anonymous seminar: this viewer sees others by their pseudonyms. */
  pseudonymous?: boolean
  /** A seminar's group work: this viewer sees only this group's (null: in no group, their own only). */
  group?: number | null
}

/** Whether a comment, vote or position of `group` is hidden from this viewer by group work. */
function otherGroup(group: number | null | undefined, viewer: ViewerClass): boolean {
  return viewer.group !== undefined && (viewer.group === null || group !== viewer.group)
}

/** Whether `person` reaches this viewer by pseudonym: a peer in an anonymous seminar. */
function masked(personId: number, viewer: ViewerClass): boolean {
  return viewer.pseudonymous === true && personId !== viewer.userId
}

/** The guest mark and the role, where the record has them. */
function marks(person: { guest?: boolean; role?: MemberRole | null }, withGuest: boolean): Pick<Person, 'guest' | 'role'> {
  return {
    ...(withGuest && person.guest !== undefined ? { guest: person.guest } : {}),
    ...(person.role !== undefined ? { role: person.role } : {}),
  }
}

/**
 * A person as this viewer may see them: by pseudonym and per-seminar id in an anonymous seminar
 * (except themselves); leaders see the real name and id, and the pseudonym.
 */
export function presentPerson(person: PersonRecord, viewer: ViewerClass): Person {
  if (viewer.moderator) return { id: person.id, name: person.name, pseudonym: person.pseudonym, ...marks(person, true) }
  if (masked(person.id, viewer)) {
    if (person.pseudonym === null) return { ...UNKNOWN_PERSON }
    return { id: pseudonymId(person.pseudonym), name: person.pseudonym, ...marks(person, false) }
  }
  return { id: person.id, name: person.name, ...marks(person, true) }
}

/** A raised hand as this reader may see the person. */
export function presentEntry(entry: QueueRecord, viewer: ViewerClass): QueueEntry {
  return { ...entry, user: presentPerson(entry.user, viewer) }
}

/** The queue and the speaker as this reader may see them: during group work, their group's hands only. */
export function presentQueue(
  state: { queue: readonly QueueRecord[]; speaker: QueueRecord | null },
  viewer: ViewerClass,
): { queue: QueueEntry[]; speaker: QueueEntry | null } {
  return {
    queue: state.queue.filter((e) => !otherGroup(e.group, viewer)).map((e) => presentEntry(e, viewer)),
    speaker: state.speaker ? presentEntry(state.speaker, viewer) : null,
  }
}

/** Events only moderators receive. */
const MODERATOR_EVENTS: ReadonlySet<EventType> = new Set(['moderation.queue', 'join-code.changed'])
/** Events whose fields name people of a seminar, stored as `PersonRecord`s. */
const PERSON_EVENTS: ReadonlySet<EventType> = new Set(['member.joined', 'queue.changed', 'groups.changed'])
/** Events about one member (their role, their mute): for moderators and that member only. */
const MEMBER_EVENTS: ReadonlySet<EventType> = new Set(['member.updated'])

/**
 * An event's fields, read without trusting their shape: the log keeps events written before
 * some of today's fields existed, and one that cannot be read must still not be shown to
 * anyone it was not meant for.
 */
function fieldsOf(event: StoredEvent): Record<string, unknown> {
  return event
}

function memberOf(event: StoredEvent): number | undefined {
  const user = fieldsOf(event).user as { id?: unknown } | undefined
  return typeof user?.id === 'number' ? user.id : undefined
}

function privileged(authorId: number, viewer: ViewerClass): boolean {
  return viewer.moderator || (viewer.userId !== null && viewer.userId === authorId)
}

/** The comment as this viewer may see it, or null when it does not exist for them. */
export function present(full: Comment, viewer: ViewerClass): Comment | null {
  const own = viewer.userId !== null && viewer.userId === full.author.id
  if (viewer.hideOthers && !own) return null
  if (otherGroup(full.group?.id, viewer) && !own) return null
  const insider = privileged(full.author.id, viewer)
  if (full.status !== 'published' && !insider) return null
  const named = viewer.moderator ? full : { ...full, author: authorFor(full.author, own, viewer) }
  if (named.removed) return { ...named, body: null, hiddenReason: null, statusReason: insider ? named.statusReason : null }
  if (insider) return named
  if (named.hidden) return { ...named, body: null, hiddenReason: null, statusReason: null }
  return { ...named, hiddenReason: null, statusReason: null }
}

/** A comment's author for a reader who is not a leader: without the pseudonym, or by it (see `presentPerson`). */
function authorFor(author: Comment['author'], own: boolean, viewer: ViewerClass): Comment['author'] {
  const { pseudonym, ...rest } = author
  if (own || !masked(author.id, viewer)) return rest
  const shown = presentPerson({ ...author, name: author.username, pseudonym: pseudonym ?? null }, viewer)
  return { id: shown.id, username: shown.name, ...marks(shown, false) }
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

function commentOf(event: StoredEvent): Comment | undefined {
  const c = fieldsOf(event).comment
  return c !== null && typeof c === 'object' && typeof (c as { id?: unknown }).id === 'number' ? (c as Comment) : undefined
}

/** The id of the comment an event is about: of the comment it carries, or named alone (a vote, a pin). */
export function commentIdOf(event: StoredEvent): number | undefined {
  const id = commentOf(event)?.id ?? fieldsOf(event).commentId
  return typeof id === 'number' ? id : undefined
}

/**
 * The event as this viewer may see it, or null when they may not see it at all. `current` is
 * the state now of the comment the event is about (by `comment.id` or `commentId`).
 */
export function presentEvent(event: StoredEvent, viewer: ViewerClass, current?: CommentState): LiveEvent | null {
  if (MODERATOR_EVENTS.has(event.type)) return viewer.moderator ? event : null
  if (MEMBER_EVENTS.has(event.type)) {
    return viewer.moderator || (viewer.userId !== null && viewer.userId === memberOf(event)) ? event : null
  }
  if (event.type === 'position.changed') return presentPositionChange(event, viewer)
  if (PERSON_EVENTS.has(event.type)) return withPersons(event, viewer)
  const comment = commentOf(event)
  if (comment) {
    const shown = present(withState(comment, current), viewer)
    return shown ? withoutTallies(groupTallies({ ...event, comment: shown }, viewer), viewer) : null
  }
  if (typeof fieldsOf(event).commentId === 'number') {
    const own = current !== undefined && viewer.userId !== null && current.authorId === viewer.userId
    if (viewer.hideOthers && !own) return null
    if (current && current.status !== 'published' && !privileged(current.authorId, viewer)) return null
    if (viewer.group !== undefined && !own && (!current || otherGroup(current.groupId, viewer))) return null
  }
  return withoutTallies(event, viewer)
}

/** Whose position an event is about, kept for presentation and never delivered. */
function positionTaker(event: StoredEvent): number | undefined {
  const userId = fieldsOf(event).userId
  return typeof userId === 'number' ? userId : undefined
}

function presentPositionChange(event: Extract<StoredEvent, { type: 'position.changed' }>, viewer: ViewerClass): LiveEvent | null {
  const { userId: _taker, group, groupPositions, ...shown } = event
  let rest: LiveEvent = shown
  if (viewer.group !== undefined) {
    // Only the changes of the viewer's group, counted within it (none from before group work).
    if (otherGroup(group, viewer) || !groupPositions) return null
    rest = { ...shown, positions: groupPositions }
  }
  if (!viewer.hideOthers) return rest
  if (viewer.userId === null || positionTaker(event) !== viewer.userId) return null
  return withoutTallies(rest, viewer)
}

/**
 * A comment event as it is delivered: without the group's tallies it was stored with, which
 * during group work stand in for the debate's for the group's members (and for nobody else,
 * nor the tallies of the paragraph a reattached comment left).
 */
function groupTallies(event: StoredEvent & { comment: Comment }, viewer: ViewerClass): LiveEvent {
  const { groupCounts, ...rest } = event as StoredEvent & { comment: Comment; groupCounts?: LiveEvent & { comments: number } }
  if (viewer.group === undefined) return rest as LiveEvent
  const { counts: _counts, from: _from, ...withoutCounts } = rest as typeof rest & { counts?: unknown; from?: unknown }
  return (groupCounts ? { ...withoutCounts, counts: groupCounts } : withoutCounts) as LiveEvent
}

/**
 * In the private phase, others' counts and positions never reach a participant, nor the
 * tallies of the paragraph a reattached comment left (`from`).
 */
function withoutTallies(event: LiveEvent, viewer: ViewerClass): LiveEvent {
  if (!viewer.hideOthers || (!('counts' in event) && !('positions' in event) && !('from' in event))) return event
  const {
    counts: _counts,
    positions: _positions,
    from: _from,
    ...rest
  } = event as LiveEvent & { counts?: unknown; positions?: unknown; from?: unknown }
  return rest as LiveEvent
}

function isPersonRecord(value: unknown): value is PersonRecord {
  const v = value as { id?: unknown; name?: unknown } | null
  return v !== null && typeof v === 'object' && typeof v.id === 'number' && typeof v.name === 'string'
}

function personFor(value: unknown, viewer: ViewerClass): unknown {
  if (!isPersonRecord(value)) return value
  return presentPerson({ ...value, pseudonym: value.pseudonym ?? null }, viewer)
}

function withUser(entry: unknown, viewer: ViewerClass): unknown {
  if (entry === null || typeof entry !== 'object' || !('user' in entry)) return entry
  return { ...entry, user: personFor((entry as { user: unknown }).user, viewer) }
}

function withMembers(group: { members?: unknown }, viewer: ViewerClass): unknown {
  return Array.isArray(group.members) ? { ...group, members: group.members.map((m) => personFor(m, viewer)) } : group
}

/** Every person the event names, as this viewer may see them. */
function withPersons(event: StoredEvent, viewer: ViewerClass): LiveEvent {
  const fields = fieldsOf(event)
  const out = { ...fields }
  if ('member' in fields) out.member = personFor(fields.member, viewer)
  if (Array.isArray(fields.queue)) {
    out.queue = fields.queue
      .filter((entry: { group?: number | null }) => !otherGroup(entry.group, viewer))
      .map((entry) => withUser(entry, viewer))
  }
  if (Array.isArray(fields.groups)) out.groups = fields.groups.map((g: { members?: unknown }) => withMembers(g, viewer))
  if (Array.isArray(fields.ungrouped)) out.ungrouped = fields.ungrouped.map((m) => personFor(m, viewer))
  if ('speaker' in fields) out.speaker = withUser(fields.speaker, viewer)
  return out as LiveEvent
}

/** The ids of the people an event names. */
function personsNamed(event: StoredEvent): number[] {
  const fields = fieldsOf(event)
  const ids: number[] = []
  const add = (value: unknown) => {
    if (isPersonRecord(value)) ids.push(value.id)
  }
  const addUser = (entry: unknown) => {
    if (entry !== null && typeof entry === 'object' && 'user' in entry) add((entry as { user: unknown }).user)
  }
  add(fields.member)
  if (Array.isArray(fields.queue)) fields.queue.forEach(addUser)
  if (Array.isArray(fields.groups)) {
    for (const g of fields.groups as { members?: unknown }[]) if (Array.isArray(g.members)) g.members.forEach(add)
  }
  if (Array.isArray(fields.ungrouped)) fields.ungrouped.forEach(add)
  addUser(fields.speaker)
  return ids
}

/**
 * Viewers with the same key see the same `presentEvent` result for this event, so the hub
 * serialises it once per key: 'mod', the comment's author ('author:<id>'), the member an
 * event is about ('member:<id>'), the one whose position changed or who is named by their own
 * name among pseudonyms ('self:<id>'), or everyone else; in a seminar, qualified by what the
 * seminar hides from its participants.
 */
export function audienceKey(event: StoredEvent, viewer: ViewerClass, current?: CommentState): string {
  if (viewer.moderator) return 'mod'
  const seminar = `${viewer.hideOthers ? ':private' : ''}${viewer.pseudonymous ? ':anonymous' : ''}${viewer.group !== undefined ? `:group${viewer.group}` : ''}`
  const me = viewer.userId
  if (MEMBER_EVENTS.has(event.type)) {
    const memberId = memberOf(event)
    return memberId !== undefined && me === memberId ? `member:${memberId}` : `all${seminar}`
  }
  if (event.type === 'position.changed') {
    return viewer.hideOthers && me !== null && positionTaker(event) === me ? `self:${me}${seminar}` : `all${seminar}`
  }
  if (PERSON_EVENTS.has(event.type)) {
    return viewer.pseudonymous && me !== null && personsNamed(event).includes(me) ? `self:${me}${seminar}` : `all${seminar}`
  }
  const authorId = current?.authorId ?? commentOf(event)?.author?.id
  if (authorId !== undefined && me !== null && me === authorId) return `author:${authorId}${seminar}`
  return `all${seminar}`
}
