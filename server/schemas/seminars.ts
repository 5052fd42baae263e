/**
 * Seminars: private debates a leader steers through phases, with join codes, guests, a
 * spotlight, stance polls, a speaker queue and a timer. `Room` is what a participant needs to
 * follow the seminar at once: the same state the live events change one step at a time.
 */
import { Type, type Static } from 'typebox'
import type { User } from './auth.ts'
import { Anchor, MemberRole, NullableTimestamp, PersonGuest, PersonRole, PositionStance, Slug, Timestamp } from './common.ts'

export const Phase = Type.Union([Type.Literal('reading'), Type.Literal('private'), Type.Literal('open'), Type.Literal('closed')], {
  description:
    'reading: the essay only; private: everyone writes and takes positions, but sees only their own (the leaders see all); ' +
    'open: everything is revealed and debated; closed: read-only, kept as a record',
})
export type Phase = Static<typeof Phase>

export const SpeakerKind = Type.Union([Type.Literal('argument'), Type.Literal('reply'), Type.Literal('question'), Type.Literal('order')], {
  description: 'argument: a new argument; reply; question: a clarifying question; order: a point of order (goes to the front)',
})
export type SpeakerKind = Static<typeof SpeakerKind>

/** A join code: 8 characters of an unambiguous alphabet; spaces, dashes and case are ignored. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const JOIN_CODE_LENGTH = 8
export const JoinCodeInput = Type.String({ minLength: 1, maxLength: 32, description: 'The join code, as the leader shows it' })

export const DisplayName = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[^\\u0000-\\u001f\\u007f]*\\S[^\\u0000-\\u001f\\u007f]*$',
  description: 'A name of 1–40 characters on one line',
})

/**
 * Someone in a seminar as the reader may see them: in an anonymous seminar participants see
 * each other's pseudonyms and per-seminar ids; the leaders see the real name and id, and the
 * pseudonym.
 */
export const Person = Type.Object(
  {
    id: Type.Integer({
      description:
        "The account's id; in an anonymous seminar, for the other participants, a negative id of this seminar only " +
        '(0 for someone who is no longer a member)',
    }),
    name: Type.String(),
    pseudonym: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Only for the leaders' })),
    guest: Type.Optional(PersonGuest),
    role: Type.Optional(PersonRole),
  },
  { $id: 'Person' },
)
export type Person = Static<typeof Person>

/**
 * Someone in a seminar as the event log stores them: the name they go by here, the pseudonym,
 * whether they are a guest and their role (null: not a member). Never sent as it is:
 * policy/visibility.ts presents it as a `Person` to each reader. Events stored before guests
 * and roles were recorded lack those two.
 */
export const PersonRecord = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  pseudonym: Type.Union([Type.String(), Type.Null()]),
  guest: Type.Optional(Type.Boolean()),
  role: Type.Optional(PersonRole),
})
export type PersonRecord = Static<typeof PersonRecord>

export const NewSeminar = Type.Object(
  {
    essay: Slug,
    title: Type.String({ minLength: 1, maxLength: 120 }),
    anonymous: Type.Optional(Type.Boolean({ description: 'Participants see each other as stable pseudonyms' })),
  },
  { additionalProperties: false },
)
export const DebateRef = Type.Object({ slug: Type.String(), title: Type.String() })
export type DebateRef = Static<typeof DebateRef>

export const SeminarCreated = Type.Object({
  debate: DebateRef,
  joinCode: Type.String(),
  expiresAt: Timestamp,
})
export type SeminarCreated = Static<typeof SeminarCreated>

/** `GET /api/join/:code`: the seminar a code opens, before joining it. */
export const JoinPreview = Type.Object({
  debate: DebateRef,
  anonymous: Type.Boolean({ description: 'Participants see each other by pseudonym' }),
  signedIn: Type.Boolean({ description: 'Joining needs no display name: the reader joins as themselves' }),
})
export type JoinPreview = Static<typeof JoinPreview>

/** `POST /api/join`: the seminar joined, and who joined it (a new guest, or the reader). */
export const Joined = Type.Object({ debate: DebateRef, user: Type.Ref('User') })
export type Joined = Static<typeof Joined, SeminarRefs>

export const JoinCodeBody = Type.Object(
  {
    ttlMinutes: Type.Optional(
      Type.Integer({ minimum: 5, maximum: 43_200, description: 'How long the new code is valid; 24 hours by default' }),
    ),
  },
  { additionalProperties: false },
)
export const JoinCodeResponse = Type.Object({
  joinCode: Type.Union([Type.String(), Type.Null()]),
  expiresAt: NullableTimestamp,
})
/** A seminar's join code as the leaders see it; nulls when there is none. */
export type JoinCode = Static<typeof JoinCodeResponse>

export const JoinBody = Type.Object(
  {
    code: JoinCodeInput,
    displayName: Type.Optional(DisplayName),
  },
  { additionalProperties: false },
)
export const JoinParams = Type.Object({ code: JoinCodeInput }, { additionalProperties: false })

export const PhaseBody = Type.Object({ phase: Phase }, { additionalProperties: false })
export const SpotlightBody = Type.Object({ anchor: Type.Union([Anchor, Type.Null()]) }, { additionalProperties: false })

export const StanceCounts = Type.Object({ pro: Type.Integer(), contra: Type.Integer(), undecided: Type.Integer() })
export type StanceCounts = Static<typeof StanceCounts>

/** Moves between the rounds: `shift[from][to]`, over everyone who voted in both. */
export const Shift = Type.Object(
  { pro: StanceCounts, contra: StanceCounts, undecided: StanceCounts },
  { description: 'shift[from][to]: how many who voted `from` in the "before" round voted `to` in this one' },
)
export type Shift = Static<typeof Shift>

export const ShiftReason = Type.Object({ from: PositionStance, to: PositionStance, reason: Type.String() })
export type ShiftReason = Static<typeof ShiftReason>

export const Poll = Type.Object(
  {
    id: Type.Integer(),
    anchor: Type.Union([Type.String(), Type.Null()], { description: 'The paragraph polled; null for the essay as a whole' }),
    before: Type.Union([Type.Integer(), Type.Null()], { description: 'The poll this one is the "after" round of' }),
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    votes: Type.Integer({ description: 'How many have voted (never how, until closed)' }),
    openedAt: Timestamp,
    closedAt: NullableTimestamp,
    mine: Type.Optional(Type.Union([PositionStance, Type.Null()], { description: "The reader's own vote" })),
    results: Type.Optional(StanceCounts),
    shift: Type.Optional(Shift),
    reasons: Type.Optional(Type.Array(ShiftReason, { description: 'Why voters changed side, without their names' })),
  },
  { $id: 'Poll' },
)
export type Poll = Static<typeof Poll>

export const NewPoll = Type.Object(
  {
    anchor: Type.Optional(Anchor),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'The id of the earlier poll this one is the "after" round of' })),
  },
  { additionalProperties: false },
)
export const PollVote = Type.Object(
  {
    stance: PositionStance,
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\r\\n]*$', description: 'One line: why you changed side' }),
    ),
  },
  { additionalProperties: false },
)
export const PollResponse = Type.Object({ poll: Type.Ref('Poll') })
export const PollClosed = Type.Object({
  poll: Type.Ref('Poll'),
  results: StanceCounts,
  shift: Type.Optional(Shift),
  reasons: Type.Optional(Type.Array(ShiftReason)),
})
export type PollClosed = Static<typeof PollClosed, SeminarRefs>
export const PollsResponse = Type.Object({ polls: Type.Array(Type.Ref('Poll')) })

/** In group work: the group of the one who raised the hand; their group alone sees it waiting. */
const QueueGroup = Type.Optional(
  Type.Union([Type.Integer(), Type.Null()], { description: 'The raiser’s group, while the seminar has groups' }),
)

export const QueueEntry = Type.Object(
  {
    id: Type.Integer(),
    user: Type.Ref('Person'),
    anchor: Type.String(),
    kind: SpeakerKind,
    raisedAt: Timestamp,
    group: QueueGroup,
  },
  { $id: 'QueueEntry' },
)
export type QueueEntry = Static<typeof QueueEntry, SeminarRefs>

/** A raised hand as the event log stores it, with its person as a record (see `PersonRecord`). */
export const QueueRecord = Type.Object({
  id: Type.Integer(),
  user: PersonRecord,
  anchor: Type.String(),
  kind: SpeakerKind,
  raisedAt: Timestamp,
  group: QueueGroup,
})
export type QueueRecord = Static<typeof QueueRecord>

export const Timer = Type.Object(
  { startedAt: Timestamp, endsAt: Timestamp, seconds: Type.Integer() },
  { $id: 'Timer', description: 'A speaker timebox counting down' },
)
export type Timer = Static<typeof Timer>
export const Seconds = Type.Integer({ minimum: 10, maximum: 3600 })

export const RaiseHand = Type.Object({ anchor: Anchor, kind: SpeakerKind }, { additionalProperties: false })
export const NextSpeaker = Type.Object({ seconds: Type.Optional(Seconds) }, { additionalProperties: false })
export const TimerBody = Type.Object({ seconds: Type.Union([Seconds, Type.Null()]) }, { additionalProperties: false })

export const QueueState = Type.Object({
  queue: Type.Array(Type.Ref('QueueEntry'), { description: 'Raised hands in speaking order: points of order first' }),
  speaker: Type.Union([Type.Ref('QueueEntry'), Type.Null()]),
})
export type QueueState = Static<typeof QueueState, SeminarRefs>
export const QueueRaised = Type.Object({
  entry: Type.Ref('QueueEntry'),
  queue: Type.Array(Type.Ref('QueueEntry')),
  speaker: Type.Union([Type.Ref('QueueEntry'), Type.Null()]),
})
export const QueueNext = Type.Object({
  speaker: Type.Union([Type.Ref('QueueEntry'), Type.Null()]),
  queue: Type.Array(Type.Ref('QueueEntry')),
  timer: Type.Union([Type.Ref('Timer'), Type.Null()]),
})
export const TimerResponse = Type.Object({ timer: Type.Union([Type.Ref('Timer'), Type.Null()]) })

export const GroupState = Type.Union([Type.Literal('forming'), Type.Literal('working'), Type.Literal('plenum')], {
  description:
    'forming: the leader may reshuffle; working: each participant sees and writes only within their group; ' +
    'plenum: everything is seen by all, each argument labelled by its group',
})
export type GroupState = Static<typeof GroupState>

export const GroupLetter = Type.String({ pattern: '^[A-Z]{1,2}$', description: 'A, B, …, Z, AA, AB, …: shown as "Group A"' })

/** The groups as everyone sees them (people as policy/visibility.ts presents them). */
export const Groups = Type.Object({
  state: Type.Union([GroupState, Type.Null()], { description: 'null: the seminar has no groups' }),
  groups: Type.Array(Type.Object({ id: Type.Integer(), letter: GroupLetter, members: Type.Array(Type.Ref('Person')) })),
  mine: Type.Union([Type.Integer(), Type.Null()], { description: "The reader's group; null for the leaders and the ungrouped" }),
  ungrouped: Type.Array(Type.Ref('Person'), { description: 'Participants in no group, while the seminar has groups' }),
})
export type Groups = Static<typeof Groups, SeminarRefs>

export const Room = Type.Object(
  {
    phase: Phase,
    anonymous: Type.Boolean(),
    spotlight: Type.Union([Type.String(), Type.Null()], { description: 'The paragraph the leader focused' }),
    poll: Type.Union([Type.Ref('Poll'), Type.Null()], { description: 'The open poll, or else the latest closed one with its result' }),
    queue: Type.Array(Type.Ref('QueueEntry'), { description: 'Raised hands in speaking order: points of order first' }),
    speaker: Type.Union([Type.Ref('QueueEntry'), Type.Null()]),
    timer: Type.Union([Type.Ref('Timer'), Type.Null()]),
    members: Type.Integer({ description: 'How many have joined' }),
    seq: Type.Integer({ description: 'The live log position this state is current at' }),
    now: Timestamp,
    joinCode: Type.Optional(JoinCodeResponse),
    groups: Groups,
  },
  { $id: 'Room' },
)
export type Room = Static<typeof Room, SeminarRefs>

/** Who has done what, and where the arguments and positions stand on each paragraph (for the leaders). */
export const Overview = Type.Object({
  members: Type.Array(
    Type.Object({
      user: Type.Ref('Person'),
      role: MemberRole,
      guest: Type.Boolean(),
      positions: Type.Integer({ description: 'Paragraphs this member took a position on' }),
      comments: Type.Integer({ description: 'Published comments this member wrote' }),
      participation: Type.Object(
        {
          arguments: Type.Integer(),
          replies: Type.Integer(),
          votesGiven: Type.Integer(),
          votesReceived: Type.Integer(),
          pollVotes: Type.Integer(),
          speakingTurns: Type.Integer(),
        },
        { description: 'What the seminar record counts for this member (GET …/record has the rest)' },
      ),
      online: Type.Optional(Type.Boolean()),
    }),
  ),
  paragraphs: Type.Array(
    Type.Object({
      anchor: Type.String(),
      pro: Type.Integer({ description: 'Arguments for' }),
      contra: Type.Integer({ description: 'Arguments against' }),
      neutral: Type.Integer({ description: 'Neutral arguments' }),
      positions: StanceCounts,
    }),
  ),
})
export type Overview = Static<typeof Overview, SeminarRefs>

/** The registered schemas the seminar's schemas refer to by `$ref`, for their static types. */
export type SeminarRefs = {
  User: typeof User
  Person: typeof Person
  Poll: typeof Poll
  QueueEntry: typeof QueueEntry
  Timer: typeof Timer
}
