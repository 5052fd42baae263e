/**
 * The seminar record: what a debate produced, for its leaders to take away (minutes,
 * participation, marks, exports) and for each participant as a personal summary. Built from
 * the tables and the debate's event log, which a seminar keeps for as long as it exists.
 */
import { Type, type Static } from 'typebox'
import { Counts, Positions } from './comments.ts'
import { Anchor, IdParam, NullableTimestamp, Slug, Timestamp } from './common.ts'
import { LiveEvent, type LiveRefs } from './live.ts'
import { Phase, type SeminarRefs } from './seminars.ts'

/** Someone in the record: the leaders see the name; a participant sees only their own row. */
export const RecordPerson = Type.Object({
  id: Type.Integer(),
  username: Type.String({ description: 'The account’s name, as a gradebook import matches it' }),
  name: Type.String({ description: 'The name they go by in this debate' }),
  pseudonym: Type.Union([Type.String(), Type.Null()]),
  guest: Type.Boolean(),
  role: Type.Union([Type.Literal('owner'), Type.Literal('moderator'), Type.Literal('participant')]),
})
export type RecordPerson = Static<typeof RecordPerson>

export const GradingMode = Type.Union([Type.Literal('scaled'), Type.Literal('all-or-nothing')], {
  description:
    'scaled: each required argument and reply earns its share of full marks; ' +
    'all-or-nothing: full marks once every requirement is met, none before',
})

export const GradingRule = Type.Object(
  {
    arguments: Type.Integer({ minimum: 0, maximum: 100, description: 'Arguments (top-level comments) for full marks' }),
    replies: Type.Integer({ minimum: 0, maximum: 100, description: 'Replies for full marks' }),
    mode: GradingMode,
    points: Type.Integer({ minimum: 1, maximum: 1000, description: 'What full marks are worth (e.g. 10, or 100 for percent)' }),
  },
  { additionalProperties: false },
)
export type GradingRule = Static<typeof GradingRule>

export const Mark = Type.Object({
  computed: Type.Number({ description: 'What the rule gives, rounded to two decimals' }),
  adjusted: Type.Union([Type.Number(), Type.Null()], { description: "The leader's mark instead, or null" }),
  mark: Type.Number({ description: 'The mark that counts: adjusted if set, else computed' }),
  comment: Type.Union([Type.String(), Type.Null()]),
})
export type Mark = Static<typeof Mark>

export const Participation = Type.Object({
  person: RecordPerson,
  group: Type.Union([Type.String(), Type.Null()], { description: 'The letter of their small group; null: in none' }),
  arguments: Type.Integer(),
  replies: Type.Integer(),
  pro: Type.Integer({ description: 'Arguments marked pro' }),
  contra: Type.Integer(),
  neutral: Type.Integer(),
  votesGiven: Type.Integer(),
  votesReceived: Type.Integer(),
  positions: Type.Integer({ description: 'Paragraphs with a position' }),
  pollVotes: Type.Integer(),
  stanceShifts: Type.Integer({ description: 'Poll rounds in which they changed side since the "before" round' }),
  speakingTurns: Type.Integer(),
  flagsReceived: Type.Integer(),
  firstActivity: NullableTimestamp,
  lastActivity: NullableTimestamp,
  mark: Type.Optional(Mark),
})
export type Participation = Static<typeof Participation>

/** One step of the seminar as its log recorded it. */
export const TimelineEntry = Type.Object({
  seq: Type.Integer(),
  at: Timestamp,
  type: Type.Union([
    Type.Literal('phase'),
    Type.Literal('spotlight'),
    Type.Literal('speaker'),
    Type.Literal('timer'),
    Type.Literal('poll-opened'),
    Type.Literal('poll-closed'),
    Type.Literal('paragraph-locked'),
    Type.Literal('paragraph-unlocked'),
  ]),
  phase: Type.Optional(Phase),
  anchor: Type.Optional(Type.Union([Anchor, Type.Null()])),
  speaker: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Who was given the floor; null: the floor ended' })),
  seconds: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'A timer’s length; null: stopped' })),
  poll: Type.Optional(Type.Integer()),
})
export type TimelineEntry = Static<typeof TimelineEntry>

/** A comment in the record: as the viewer may see it (a hidden body only for moderators; removed ones never). */
export const RecordReply = Type.Object({
  id: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  anchor: Anchor,
  author: Type.String(),
  group: Type.Union([Type.String(), Type.Null()], {
    description: 'The letter of the small group it was written in; null: not in group work',
  }),
  stance: Type.Union([Type.Literal('pro'), Type.Literal('contra'), Type.Literal('neutral')]),
  body: Type.Union([Type.String(), Type.Null()]),
  votes: Type.Integer(),
  depth: Type.Integer({ description: '0 for an argument, 1 for a reply to it, …' }),
  createdAt: Timestamp,
  editedAt: NullableTimestamp,
  edits: Type.Integer({ description: 'Earlier wordings kept' }),
  state: Type.Union(
    [
      Type.Literal('published'),
      Type.Literal('pending'),
      Type.Literal('returned'),
      Type.Literal('hidden'),
      Type.Literal('deleted'),
      Type.Literal('removed'),
    ],
    { description: 'Its moderation state; deleted and removed comments have no body' },
  ),
})
export type RecordReply = Static<typeof RecordReply>

/** An argument with every reply under it, in thread order (a reply's `parentId` and `depth` give the nesting). */
export const RecordArgument = Type.Object({ ...RecordReply.properties, replies: Type.Array(RecordReply) })
export type RecordArgument = Static<typeof RecordArgument>

/** One small group's balance on a paragraph: what its members argued in group work, and the positions they took. */
export const RecordGroupTally = Type.Object({
  letter: Type.String(),
  counts: Counts,
  positions: Positions,
})
export type RecordGroupTally = Static<typeof RecordGroupTally>

export const RecordParagraph = Type.Object({
  anchor: Anchor,
  number: Type.Integer({ description: 'Its place among the paragraphs, from 1' }),
  excerpt: Type.String({ description: 'Its first words' }),
  text: Type.String(),
  counts: Counts,
  positions: Positions,
  strongest: Type.Array(RecordArgument, { description: 'The arguments with the most votes, each with its replies' }),
  groups: Type.Array(RecordGroupTally, { description: "Each small group's balance, in the groups' order; empty without groups" }),
})
export type RecordParagraph = Static<typeof RecordParagraph>

export const RecordModeration = Type.Object({
  at: Timestamp,
  actor: Type.String(),
  action: Type.String(),
  target: Type.Object({ type: Type.String(), id: Type.String() }),
  anchor: Type.Union([Anchor, Type.Null()], { description: 'The paragraph of a comment or paragraph acted on' }),
  reason: Type.Union([Type.String(), Type.Null()]),
})
export type RecordModeration = Static<typeof RecordModeration>

export const RecordGrading = Type.Object({
  rule: Type.Union([GradingRule, Type.Null()]),
  releasedAt: NullableTimestamp,
})
export type RecordGrading = Static<typeof RecordGrading>

export const RecordResponse = Type.Object({
  debate: Type.Object({
    slug: Slug,
    title: Type.String(),
    seminar: Type.Boolean(),
    phase: Type.Union([Phase, Type.Null()]),
    anonymous: Type.Boolean(),
    createdAt: Timestamp,
  }),
  scope: Type.Union([Type.Literal('full'), Type.Literal('personal')], {
    description: 'full: the leaders’ and moderators’ record; personal: a participant’s own row, and their mark once released',
  }),
  generatedAt: Timestamp,
  timeline: Type.Array(TimelineEntry),
  polls: Type.Array(Type.Ref('Poll')),
  paragraphs: Type.Array(RecordParagraph),
  moderation: Type.Array(RecordModeration),
  participation: Type.Array(Participation),
  grading: RecordGrading,
})
export type RecordResponse = Static<typeof RecordResponse, SeminarRefs>

export const GradeBody = Type.Object(
  {
    adjusted: Type.Union([Type.Number({ minimum: 0, maximum: 1000 }), Type.Null()], {
      description: 'The mark instead of the computed one; null: the computed one counts',
    }),
    comment: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
  },
  { additionalProperties: false },
)
export const GradeParams = Type.Object({ debate: Slug, user: IdParam }, { additionalProperties: false })
export const ReleaseBody = Type.Object({ released: Type.Boolean() }, { additionalProperties: false })

/** The seminar's log for replaying it: every event as the leaders may see it now, with when it happened. */
export const RecordLog = Type.Object({
  events: Type.Array(Type.Object({ at: Timestamp, event: LiveEvent })),
})
export type RecordLog = Static<typeof RecordLog, LiveRefs>
