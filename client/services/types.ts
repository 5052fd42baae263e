/**
 * The contract between the page and the server: the JSON the REST API answers with and takes,
 * in one place. Where a TypeBox schema in server/schemas/ describes it, the type is that
 * schema's static type, imported as a type only (nothing of the server reaches the bundle), so
 * that a change to the server's answers fails the client's typecheck rather than a reader's
 * page. The rest is the page's own vocabulary for what it asks of the server.
 */
import type { User as UserSchema } from '../../server/schemas/auth.ts'
import type {
  Comment as CommentSchema,
  Counts,
  NewComment as NewCommentBody,
  Positions,
  ThreadQuery,
} from '../../server/schemas/comments.ts'
import type { MemberRole, PositionStance, Stance } from '../../server/schemas/common.ts'
import type { LiveEvent as LiveEventSchema, ServerMessage } from '../../server/schemas/live.ts'
import type {
  Block as BlockSchema,
  DebateInfo as DebateInfoSchema,
  DebateSettings,
  DebateSummary,
  Essay as EssaySchema,
  SeminarInfo,
} from '../../server/schemas/debates.ts'
import type {
  FlagReason,
  LogEntry as LogEntrySchema,
  Member as MemberSchema,
  QueueActionName,
  QueueItem as QueueItemSchema,
  WatchedWord,
} from '../../server/schemas/moderation.ts'
import type {
  GradingRule,
  Mark,
  Participation,
  RecordArgument,
  RecordGrading,
  RecordModeration,
  RecordParagraph,
  RecordPerson,
  RecordReply,
  RecordLog,
  RecordResponse,
  TimelineEntry,
} from '../../server/schemas/record.ts'
import type { Comparison, FormGroups } from '../../server/schemas/groups.ts'
import type {
  Groups,
  GroupState,
  JoinCode,
  Person,
  Phase,
  Poll,
  PollClosed,
  QueueEntry,
  QueueState,
  Room,
  SeminarCreated,
  Shift,
  ShiftReason,
  SpeakerKind,
  StanceCounts,
  Timer,
} from '../../server/schemas/seminars.ts'

export type {
  Counts,
  DebateSettings,
  DebateSummary,
  Comparison,
  FlagReason,
  FormGroups,
  GradingRule,
  Groups,
  GroupState,
  JoinCode,
  Mark,
  Participation,
  Person,
  Phase,
  Poll,
  PollClosed,
  PositionStance,
  Positions,
  QueueActionName,
  QueueEntry,
  QueueState,
  RecordArgument,
  RecordGrading,
  RecordModeration,
  RecordParagraph,
  RecordPerson,
  RecordReply,
  RecordResponse,
  Room,
  SeminarCreated,
  SeminarInfo,
  Shift,
  ShiftReason,
  SpeakerKind,
  Stance,
  StanceCounts,
  Timer,
  TimelineEntry,
  WatchedWord,
}

/**
 * Where the server always sends a field that the page reads as absent when it is missing
 * (false, null, nothing to show), the page's type leaves it optional, so that what builds
 * these values without the server (the tests' fixtures) need not repeat every field.
 */
type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>

export type User = Optional<UserSchema, 'guest'>
export type Block = Optional<BlockSchema, 'locked'>
export type Essay = Omit<EssaySchema, 'blocks'> & { blocks: Block[] }
export type DebateInfo = Optional<DebateInfoSchema, 'settings' | 'role' | 'muted' | 'mutedUntil' | 'seminar'>
export type Comment = Optional<CommentSchema, 'hidden' | 'hiddenReason' | 'pinned' | 'status' | 'statusReason' | 'removed'>
export type QueueItem = Omit<QueueItemSchema, 'comment'> & { comment: Comment }
/** One person in a debate's member list, as moderators see it. */
export type Member = Optional<MemberSchema, 'guest' | 'pseudonym' | 'displayName'>
/** One member of a seminar's roster: the member list with the seminar's fields. */
export type RosterMember = MemberSchema
export type LogEntry = Optional<LogEntrySchema, 'snapshot'>
export type Role = MemberRole
export type WatchAction = WatchedWord['action']
export type DebateRef = SeminarCreated['debate']

/** The orders a reader sorts a thread by; the page loads a thread oldest first. */
export type ThreadSort = Exclude<NonNullable<ThreadQuery['sort']>, 'old'>

/** The page always names the parent (null for an argument) and sends a key, where the server lets a caller leave both out. */
export type NewComment = Required<NewCommentBody>

/** What a moderator can do to a comment from its menu. */
export type CommentModeration = 'hide' | 'unhide' | 'pin' | 'unpin' | 'delete' | 'remove'

/** What a moderator can change about a member; bans are site-wide and for admins. */
export type MemberChange = 'appoint' | 'dismiss' | 'mute' | 'unmute' | 'ban' | 'unban'

// The join page's and the overview's answers are declared in their routes, not in server/schemas/.

export interface JoinPreview {
  debate: DebateRef
  anonymous: boolean
  signedIn: boolean
}

export interface Joined {
  debate: DebateRef
  user: User
}

export interface OverviewMember {
  user: Person
  role: Role
  guest: boolean
  /** Paragraphs with a position. */
  positions: number
  comments: number
  /** What the seminar record counts for them. */
  participation: {
    arguments: number
    replies: number
    votesGiven: number
    votesReceived: number
    pollVotes: number
    speakingTurns: number
  }
  online?: boolean
}

export interface OverviewParagraph {
  anchor: string
  pro: number
  contra: number
  neutral: number
  positions: StanceCounts
}

export interface Overview {
  members: OverviewMember[]
  paragraphs: OverviewParagraph[]
}

/** The client's comment shape in the events that carry a comment. */
type WithClientComment<E> = E extends { comment: unknown } ? Omit<E, 'comment'> & { comment: Comment } : E

/**
 * An event of the debate's log, one of the union in server/schemas/live.ts, with `clientId`
 * when a socket delivered it (the writing tab's id on its own socket, null elsewhere).
 */
export type LiveEvent = WithClientComment<LiveEventSchema> & { clientId?: string | null }
export type LiveEventType = LiveEvent['type']

/** An event of the record's log (`GET …/record/log`), with the time it happened. */
export type LoggedEvent = Omit<RecordLog['events'][number], 'event'> & { event: LiveEvent }

/** Stands in for an event this reader may not see, so their seq has no gap. */
export type SkipMessage = Extract<ServerMessage, { type: 'skip' }>

/** Everything a socket receives: the server's messages and the log's events. */
export type ServerFrame = ServerMessage | LiveEvent
