/** Arguments (comments) on paragraphs, their votes, and readers' positions. */
import { Type, type Static } from 'typebox'
import { NullableTimestamp, PersonGuest, PersonRole, PositionStance, Stance, Timestamp } from './common.ts'

export const MAX_BODY = 5000
export const MAX_DEPTH = 6

export const CommentStatus = Type.Union([Type.Literal('published'), Type.Literal('pending'), Type.Literal('returned')], {
  description:
    'published: visible to all; pending: waits for a moderator (only its author and the moderators see it); ' +
    'returned: sent back to its author for revision',
})

export const Comment = Type.Object(
  {
    id: Type.Integer(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    anchor: Type.String({ description: 'The paragraph the comment is shown under' }),
    author: Type.Object({
      id: Type.Integer({
        description: "The account's id; in an anonymous seminar other participants see the pseudonym's id instead (see Person)",
      }),
      username: Type.String({ description: "The name shown; in an anonymous seminar other participants see the author's pseudonym" }),
      pseudonym: Type.Optional(Type.String({ description: 'In an anonymous seminar, for the leaders only' })),
      guest: Type.Optional(PersonGuest),
      role: Type.Optional(PersonRole),
    }),
    body: Type.Union([Type.String(), Type.Null()], {
      description: 'Markdown; null once deleted or removed, and for readers while hidden',
    }),
    stance: Stance,
    votes: Type.Integer(),
    voted: Type.Boolean({ description: 'Whether the signed-in reader upvoted it' }),
    depth: Type.Integer({ description: '0 for an argument on the paragraph, 1 for a reply, …' }),
    createdAt: Timestamp,
    editedAt: NullableTimestamp,
    deleted: Type.Boolean(),
    outdated: Type.Boolean({ description: 'The paragraph changed since; see outdatedText' }),
    outdatedText: Type.Union([Type.String(), Type.Null()], {
      description: 'The wording of the paragraph the comment answered, when outdated',
    }),
    hidden: Type.Boolean({
      description: 'Hidden by a moderator: readers get no body, its author and the moderators still do',
    }),
    hiddenReason: Type.Union([Type.String(), Type.Null()], {
      description: 'Why it was hidden; only for its author and the moderators',
    }),
    pinned: Type.Boolean({ description: "Pinned to the top of its paragraph's thread" }),
    status: CommentStatus,
    statusReason: Type.Union([Type.String(), Type.Null()], {
      description: 'Why it waits (pre-moderation, a watched word) or what to revise; only for its author and the moderators',
    }),
    removed: Type.Boolean({ description: 'Removed for good by an admin (legal removal): a tombstone without body' }),
    group: Type.Optional(
      Type.Object(
        { id: Type.Integer(), letter: Type.String({ description: 'Shown as "Group A"' }) },
        { description: 'Written during group work: its group, which alone saw it until the plenum' },
      ),
    ),
  },
  { $id: 'Comment' },
)
export type Comment = Static<typeof Comment>

/** A paragraph's arguments: all that count, and the top-level ones by stance. */
export const Counts = Type.Object({
  comments: Type.Integer(),
  pro: Type.Integer(),
  contra: Type.Integer(),
  neutral: Type.Integer(),
})
export type Counts = Static<typeof Counts>

/** Readers' positions on a paragraph. */
export const Positions = Type.Object({ pro: Type.Integer(), contra: Type.Integer(), undecided: Type.Integer() })
export type Positions = Static<typeof Positions>

export const Tally = Type.Object({ counts: Counts, positions: Positions }, { $id: 'Tally' })
export type Tally = Static<typeof Tally>

export const CommentBody = Type.String({
  minLength: 1,
  // No maxLength here: the one rule is MAX_BODY characters after trimming, checked (and
  // worded) where the body is trimmed; the request's size limit bounds what arrives.
  description: `Markdown, 1–${MAX_BODY} characters after trimming`,
})

export const NewComment = Type.Object(
  {
    body: CommentBody,
    stance: Stance,
    parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    clientKey: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'Client-generated key: sending it again returns the first comment',
      }),
    ),
  },
  { additionalProperties: false },
)
export type NewComment = Static<typeof NewComment>

export const CommentEdit = Type.Object({ body: CommentBody }, { additionalProperties: false })

export const ThreadQuery = Type.Object(
  {
    sort: Type.Optional(Type.Union([Type.Literal('new'), Type.Literal('top'), Type.Literal('old')])),
    stance: Type.Optional(Stance),
  },
  { additionalProperties: false },
)
export type ThreadQuery = Static<typeof ThreadQuery>

export const VoteBody = Type.Object({ value: Type.Union([Type.Literal(0), Type.Literal(1)]) }, { additionalProperties: false })

export const PositionBody = Type.Object({ stance: PositionStance }, { additionalProperties: false })

export const CommentResponse = Type.Object({ comment: Type.Ref('Comment') })
export const CommentsResponse = Type.Object({ comments: Type.Array(Type.Ref('Comment')) })
export const VotesResponse = Type.Object({ votes: Type.Integer() })
export const PositionsResponse = Type.Object({
  positions: Type.Object({ pro: Type.Integer(), contra: Type.Integer(), undecided: Type.Integer() }),
})
