/**
 * Moderation: flags, the review queue, hiding and pinning, mutes and bans, watched words,
 * the members list and the log of every action.
 */
import { Type, type Static } from 'typebox'
import { VISIBLE_PATTERN } from '../policy/names.ts'
import type { Comment } from './comments.ts'
import { Anchor, IdParam, MemberRole, Slug, Timestamp } from './common.ts'

export const MAX_REASON = 500
export const MAX_PATTERN = 64

export const FlagReason = Type.Union([Type.Literal('off-topic'), Type.Literal('insulting'), Type.Literal('spam'), Type.Literal('other')], {
  description: 'other needs a note',
})
export type FlagReason = Static<typeof FlagReason>

export const Reason = Type.String({
  minLength: 1,
  maxLength: MAX_REASON,
  pattern: VISIBLE_PATTERN,
  description: `1–${MAX_REASON} characters, not only spaces or invisible characters`,
})

export const FlagBody = Type.Object(
  {
    reason: FlagReason,
    note: Type.Optional(Type.String({ maxLength: MAX_REASON, description: `Required for "other": 1–${MAX_REASON} characters` })),
  },
  { additionalProperties: false },
)
export type FlagBody = Static<typeof FlagBody>
export const FlagResponse = Type.Object({ flag: Type.Object({ id: Type.Integer() }) })

export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false })

export const Flag = Type.Object({
  reason: FlagReason,
  note: Type.Union([Type.String(), Type.Null()]),
  user: Type.Object({ id: Type.Integer(), username: Type.String() }),
  createdAt: Timestamp,
})

export const QueueKind = Type.Union([Type.Literal('flagged'), Type.Literal('held'), Type.Literal('outdated')], {
  description:
    'flagged: readers flagged it; held: waits for approval (pre-moderation, a watched word, revised after a return); ' +
    'outdated: the paragraph it answered changed in a re-import',
})
export type QueueKind = Static<typeof QueueKind>

export const QueueItem = Type.Object(
  {
    id: Type.Integer(),
    kind: QueueKind,
    comment: Type.Ref('Comment'),
    flags: Type.Array(Flag, { description: 'Flags not yet cleared, oldest first' }),
    createdAt: Timestamp,
    resolvedAt: Type.Union([Timestamp, Type.Null()]),
    resolution: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'QueueItem' },
)
export type QueueItem = Static<typeof QueueItem, { Comment: typeof Comment }>

export const QueueResponse = Type.Object({ items: Type.Array(Type.Ref('QueueItem')) })
export const QueueItemResponse = Type.Object({ item: Type.Ref('QueueItem') })
export const QueueItemParams = Type.Object({ item: IdParam }, { additionalProperties: false })

export const QueueActionName = Type.Union(
  [Type.Literal('keep'), Type.Literal('hide'), Type.Literal('delete'), Type.Literal('return'), Type.Literal('reattach')],
  {
    description:
      'keep: clear the flags, approve a held comment, unhide one hidden by flags (an outdated one stays outdated); ' +
      'hide: hide with a reason and approve; delete: soft delete; return: back to its author with a reason; ' +
      'reattach (outdated only): move to the paragraph `anchor`',
  },
)
export type QueueActionName = Static<typeof QueueActionName>

export const QueueAction = Type.Object(
  {
    action: QueueActionName,
    reason: Type.Optional(Reason),
    anchor: Type.Optional(Anchor),
  },
  { additionalProperties: false },
)
export type QueueAction = Static<typeof QueueAction>

export const Username = Type.String({ minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' })
export const UserParams = Type.Object({ username: Username }, { additionalProperties: false })
export const MemberParams = Type.Object({ debate: Slug, username: Username }, { additionalProperties: false })

export const MuteBody = Type.Object(
  {
    until: Type.Optional(Type.String({ format: 'date-time', description: 'When the mute ends; without it, indefinitely' })),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
)
export type MuteBody = Static<typeof MuteBody>

export const Member = Type.Object({
  user: Type.Object({ id: Type.Integer(), username: Type.String() }),
  role: MemberRole,
  muted: Type.Boolean(),
  mutedUntil: Type.Union([Timestamp, Type.Null()], { description: 'null when not muted or muted indefinitely' }),
  banned: Type.Boolean(),
  guest: Type.Boolean({ description: 'A guest of this seminar, without an account' }),
  pseudonym: Type.Union([Type.String(), Type.Null()], { description: 'The name other participants see in an anonymous seminar' }),
  displayName: Type.Union([Type.String(), Type.Null()], {
    description: "The name a leader gave the member here, shown instead of the account's",
  }),
})
export type Member = Static<typeof Member>
export const MembersResponse = Type.Object({
  members: Type.Array(Member, { description: 'Members and everyone who wrote in the debate, by name' }),
})

export const WatchAction = Type.Union([Type.Literal('block'), Type.Literal('hold'), Type.Literal('censor')], {
  description: 'block: refuse the comment; hold: keep it for review; censor: store it with each match masked by •',
})

export const WatchedWord = Type.Object({
  id: Type.Integer(),
  pattern: Type.String(),
  action: WatchAction,
  scope: Type.Union([Type.Literal('debate'), Type.Literal('site')]),
  createdAt: Timestamp,
})
export type WatchedWord = Static<typeof WatchedWord>

export const NewWatchedWord = Type.Object(
  {
    pattern: Type.String({
      minLength: 1,
      maxLength: MAX_PATTERN,
      description: 'A word, matched whole and regardless of case; * stands for any run of letters or digits (e.g. "idiot*")',
    }),
    action: WatchAction,
  },
  { additionalProperties: false },
)
export type NewWatchedWord = Static<typeof NewWatchedWord>
export const WatchedWordsResponse = Type.Object({ words: Type.Array(WatchedWord) })
export const WatchedWordResponse = Type.Object({ word: WatchedWord })
export const DebateWordParams = Type.Object({ debate: Slug, id: IdParam }, { additionalProperties: false })

export const LogEntry = Type.Object({
  id: Type.Integer(),
  actor: Type.Object({ id: Type.Integer(), username: Type.String() }),
  action: Type.String({
    description:
      'hide, unhide, auto-hide, pin, unpin, delete, remove, approve, keep, return, reattach, lock, unlock, ' +
      'settings, lock-paragraph, unlock-paragraph, appoint, dismiss, mute, unmute, ban, unban, watch-word, unwatch-word',
  }),
  target: Type.Object({
    type: Type.Union([
      Type.Literal('comment'),
      Type.Literal('user'),
      Type.Literal('paragraph'),
      Type.Literal('debate'),
      Type.Literal('word'),
    ]),
    id: Type.String(),
  }),
  reason: Type.Union([Type.String(), Type.Null()]),
  at: Timestamp,
  snapshot: Type.Unknown({ description: 'The target as it was at that moment' }),
})
export type LogEntry = Static<typeof LogEntry>

export const LogQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    actor: Type.Optional(Username),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  },
  { additionalProperties: false },
)
export type LogQuery = Static<typeof LogQuery>

export const LogResponse = Type.Object({ entries: Type.Array(LogEntry, { description: 'Newest first' }) })
