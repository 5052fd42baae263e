/**
 * The live protocol's messages: what a client may send, what the server sends back, and the
 * events of a debate's log. This module is the protocol's source of truth; docs/live-protocol.md
 * describes it in prose.
 *
 * Client messages are validated against their schemas by the hub. Server messages and events
 * are built by the server and not validated as they go out: their schemas are the contract a
 * browser imports as types (`ServerFrame`, `LiveEvent`, `EventFrame`), and the payload each
 * append to the log must match (`StoredEvent`, `Payload`).
 *
 * An event has two shapes where presentation changes it. `StoredEvent` is what the log holds
 * and a write returns for publishing: people as records (name and pseudonym, see
 * `PersonRecord`), whose position changed, and always the tallies. `LiveEvent` is what a
 * socket receives once policy/visibility.ts has presented it to one reader: people as that
 * reader may see them, no position taker, in a seminar's private phase no `counts` or
 * `positions`, and during group work a participant's own group's tallies in their place (the
 * stored `groupCounts`, `groupPositions`). A comment in either is the REST shape, shown as that
 * reader may see it.
 */
import { Type, type Static, type TProperties } from 'typebox'
import { Counts, Positions, type Comment } from './comments.ts'
import { Anchor, MemberRole, Slug, Stance, Timestamp } from './common.ts'
import type { DebateSettings } from './debates.ts'
import { GroupLetter, GroupRecords, GroupState } from './groups.ts'
import { JoinCodeResponse, Phase, PersonRecord, QueueRecord, type Room, type SeminarRefs } from './seminars.ts'

// Client messages

export const SubscribeMessage = Type.Object(
  {
    type: Type.Literal('subscribe'),
    debate: Slug,
    since: Type.Optional(Type.Integer({ minimum: 0, description: 'The last seq the client has applied' })),
  },
  { additionalProperties: false },
)
export const UnsubscribeMessage = Type.Object({ type: Type.Literal('unsubscribe'), debate: Slug }, { additionalProperties: false })
export const FocusMessage = Type.Object(
  { type: Type.Literal('focus'), debate: Slug, anchor: Type.Union([Anchor, Type.Null()]) },
  { additionalProperties: false },
)
export const TypingMessage = Type.Object(
  { type: Type.Literal('typing'), debate: Slug, anchor: Anchor, stance: Stance },
  { additionalProperties: false },
)
/** An application-level heartbeat: browsers cannot see WebSocket pings, so they ask for a pong. */
export const PingMessage = Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false })

/** Each client message by its `type`, so a bad frame is reported against the schema it meant. */
export const CLIENT_MESSAGES = {
  subscribe: SubscribeMessage,
  unsubscribe: UnsubscribeMessage,
  focus: FocusMessage,
  typing: TypingMessage,
  ping: PingMessage,
} as const

export const ClientMessage = Type.Union([SubscribeMessage, UnsubscribeMessage, FocusMessage, TypingMessage, PingMessage])
export type ClientMessage = Static<typeof ClientMessage>

/** `GET /api/live?clientId=…`: the tab's id, the same it sends as X-Client-Id on REST writes. */
export const LiveQuery = Type.Object(
  { clientId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })) },
  { additionalProperties: false },
)

// Events of a debate's log

/** An event of the log: its type, its debate, its place in the debate's log, and its payload. */
function event<T extends string, P extends TProperties>(type: T, payload: P) {
  return Type.Object({
    type: Type.Literal(type),
    debate: Slug,
    seq: Type.Integer({ minimum: 1, description: 'Its place in the debate’s log: 1, 2, 3, … without gaps' }),
    ...payload,
  })
}

const CommentRef = Type.Ref('Comment')
const PollRef = Type.Ref('Poll')
const CommentId = Type.Integer()

/** A comment as it is after the change, with its paragraph's tallies. */
const CommentChange = { anchor: Anchor, comment: CommentRef, counts: Counts }
/** As stored: a comment written in group work also carries its group's tallies of the paragraph. */
const StoredCommentChange = {
  ...CommentChange,
  groupCounts: Type.Optional(Counts),
}
/** A comment a moderator moved to another paragraph also names the one it left. */
const Reattached = {
  from: Type.Optional(Type.Object({ anchor: Anchor, counts: Counts }, { description: 'The paragraph a reattached comment left' })),
}
/** As a reader receives it: in a seminar's private phase without the tallies. */
const ShownCommentChange = { ...CommentChange, counts: Type.Optional(Counts) }

const CommentCreated = event('comment.created', ShownCommentChange)
const CommentUpdated = event('comment.updated', { ...ShownCommentChange, ...Reattached })
const CommentDeleted = event('comment.deleted', ShownCommentChange)
const CommentHidden = event('comment.hidden', ShownCommentChange)
const CommentUnhidden = event('comment.unhidden', ShownCommentChange)
const CommentVoted = event('comment.voted', { anchor: Anchor, commentId: CommentId, votes: Type.Integer() })
const CommentPinned = event('comment.pinned', { anchor: Anchor, commentId: CommentId, pinned: Type.Boolean() })
const PositionChanged = event('position.changed', { anchor: Anchor, positions: Type.Optional(Positions) })
const ParagraphLocked = event('paragraph.locked', { anchor: Anchor, locked: Type.Boolean() })
const EssayUpdated = event('essay.updated', {
  essay: Slug,
  edited: Type.Array(Anchor, { description: 'Paragraphs lightly edited: same anchor, new wording' }),
  added: Type.Array(Anchor),
  removed: Type.Array(Anchor),
})
const DebateSettingsChanged = event('debate.settings', { settings: Type.Ref('DebateSettings') })
/** For moderators only. */
const ModerationQueue = event('moderation.queue', { size: Type.Integer({ description: 'Open items of the review queue' }) })
/** For moderators and that member only. */
const MemberUpdated = event('member.updated', {
  user: Type.Object({ id: Type.Integer(), username: Type.String() }),
  role: MemberRole,
  muted: Type.Boolean(),
  mutedUntil: Type.Union([Timestamp, Type.Null()], { description: 'When the mute ends; null when not muted or muted indefinitely' }),
})
const MemberJoined = event('member.joined', {
  member: Type.Ref('Person'),
  role: MemberRole,
  members: Type.Integer({ description: 'How many have joined' }),
})
/** For the leaders only. */
const JoinCodeChanged = event('join-code.changed', JoinCodeResponse.properties)
const PhaseChanged = event('phase.changed', { phase: Phase })
const SpotlightChanged = event('spotlight.changed', { anchor: Type.Union([Anchor, Type.Null()]) })
const PollOpened = event('poll.opened', { poll: PollRef })
/** How many have voted, never how; sent only when that number changed. */
const PollCount = event('poll.count', { poll: Type.Integer({ description: 'The poll’s id' }), votes: Type.Integer() })
const PollClosed = event('poll.closed', { poll: PollRef })
const QueueChanged = event('queue.changed', {
  queue: Type.Array(Type.Ref('QueueEntry'), { description: 'Raised hands in speaking order: points of order first' }),
  speaker: Type.Union([Type.Ref('QueueEntry'), Type.Null()]),
})
const TimerStarted = event('timer.started', { timer: Type.Ref('Timer') })
const TimerStopped = event('timer.stopped', {})
/** The seminar's groups as they are now: formed, reshuffled, a member moved or placed, work started or ended. */
const GroupsChanged = event('groups.changed', {
  state: Type.Union([GroupState, Type.Null()]),
  groups: Type.Array(Type.Object({ id: Type.Integer(), letter: GroupLetter, members: Type.Array(Type.Ref('Person')) })),
  ungrouped: Type.Array(Type.Ref('Person')),
})
/** The leader released the marks (or took them back); each participant then reads their own from the record. */
const GradesReleased = event('grades.released', {
  releasedAt: Type.Union([Timestamp, Type.Null()], { description: 'When they were released; null: taken back' }),
})

/** The events that are the same stored and shown. */
const UNCHANGED = [
  CommentVoted,
  CommentPinned,
  ParagraphLocked,
  EssayUpdated,
  DebateSettingsChanged,
  ModerationQueue,
  MemberUpdated,
  JoinCodeChanged,
  PhaseChanged,
  SpotlightChanged,
  PollOpened,
  PollCount,
  PollClosed,
  TimerStarted,
  TimerStopped,
  GradesReleased,
] as const

/** A sequenced event as one reader receives it (see the module's comment), without `clientId`. */
export const LiveEvent = Type.Union([
  CommentCreated,
  CommentUpdated,
  CommentDeleted,
  CommentHidden,
  CommentUnhidden,
  PositionChanged,
  MemberJoined,
  QueueChanged,
  GroupsChanged,
  ...UNCHANGED,
])
export type LiveEvent = Static<typeof LiveEvent, LiveRefs>

/** A sequenced event as the log stores it and a write returns it for publishing. */
export const StoredEvent = Type.Union([
  event('comment.created', StoredCommentChange),
  event('comment.updated', { ...StoredCommentChange, ...Reattached }),
  event('comment.deleted', StoredCommentChange),
  event('comment.hidden', StoredCommentChange),
  event('comment.unhidden', StoredCommentChange),
  event('position.changed', {
    anchor: Anchor,
    positions: Positions,
    userId: Type.Integer({ description: 'Whose position changed, so the private phase shows it to them alone; never delivered' }),
    group: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'In group work: the taker’s group; never delivered' })),
    groupPositions: Type.Optional(Positions),
  }),
  event('member.joined', { ...MemberJoined.properties, member: PersonRecord }),
  event('queue.changed', { queue: Type.Array(QueueRecord), speaker: Type.Union([QueueRecord, Type.Null()]) }),
  event('groups.changed', { state: Type.Union([GroupState, Type.Null()]), groups: GroupRecords, ungrouped: Type.Array(PersonRecord) }),
  ...UNCHANGED,
])
export type StoredEvent = Static<typeof StoredEvent, LiveRefs>

export type EventType = StoredEvent['type']

/** What an append of `type` writes: every field of the stored event besides type, debate and seq. */
export type Payload<T extends EventType> = Omit<Extract<StoredEvent, { type: T }>, 'type' | 'debate' | 'seq'>

const ClientId = Type.Union([Type.String(), Type.Null()], {
  description: 'The writing tab’s id on that tab’s own socket; null everywhere else and on replay',
})

/** An event as a socket receives it: `clientId` names the tab whose write caused it (null on replay). */
export const EventFrame = Type.Intersect([LiveEvent, Type.Object({ clientId: ClientId })])
export type EventFrame = Static<typeof EventFrame, LiveRefs>

// Server messages

/** The first answer to `subscribe`; `room`: for a seminar, its state as of `seq` (as `GET /api/debates/:debate/room`). */
export const SubscribedMessage = Type.Object({
  type: Type.Literal('subscribed'),
  debate: Slug,
  seq: Type.Integer({ minimum: 0 }),
  room: Type.Optional(Type.Ref('Room')),
})
/** Refetch over REST: the events up to `seq` cannot be served exactly; live ones follow from it. */
export const ResetMessage = Type.Object({ type: Type.Literal('reset'), debate: Slug, seq: Type.Integer({ minimum: 0 }) })
/** Stands in for an event this reader may not see, so their seq has no gap. */
export const SkipMessage = Type.Object({ type: Type.Literal('skip'), debate: Slug, seq: Type.Integer({ minimum: 1 }) })
export const UnsubscribedMessage = Type.Object({
  type: Type.Literal('unsubscribed'),
  debate: Slug,
  reason: Type.Union([Type.Literal('requested'), Type.Literal('forbidden')]),
})
/** Not sequenced: who reads the debate, and how many per paragraph (paragraphs nobody reads left out). */
export const PresenceMessage = Type.Object({
  type: Type.Literal('presence'),
  debate: Slug,
  online: Type.Integer({ minimum: 0 }),
  readers: Type.Record(Type.String(), Type.Integer({ minimum: 1 })),
})
/** Not sequenced, names no one: someone writes an argument of this stance, for `expiresIn` ms unless repeated. */
export const TypingNotice = Type.Object({
  type: Type.Literal('typing'),
  debate: Slug,
  anchor: Anchor,
  stance: Stance,
  expiresIn: Type.Integer({ minimum: 0 }),
})
/** A frame that could not be read, or a request that cannot be served (`debate` then names it). */
export const ErrorMessage = Type.Object({
  type: Type.Literal('error'),
  message: Type.String(),
  debate: Type.Optional(Type.String()),
})
export const PongMessage = Type.Object({ type: Type.Literal('pong') })

/** Every message the server sends that is not a sequenced event. */
export const ServerMessage = Type.Union([
  SubscribedMessage,
  ResetMessage,
  SkipMessage,
  UnsubscribedMessage,
  PresenceMessage,
  TypingNotice,
  ErrorMessage,
  PongMessage,
])
export type ServerMessage = Static<typeof ServerMessage, LiveRefs>

/** Everything a socket receives. */
export const ServerFrame = Type.Union([ServerMessage, EventFrame])
export type ServerFrame = Static<typeof ServerFrame, LiveRefs>

/** The registered schemas the live messages refer to by `$ref`, for their static types. */
export type LiveRefs = SeminarRefs & {
  Comment: typeof Comment
  DebateSettings: typeof DebateSettings
  Room: typeof Room
}

/** The close codes the server uses besides the standard ones (1001, 1008, 1009). */
export const CLOSE_SESSION_ENDED = 4001
