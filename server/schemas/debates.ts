/** Debates, the essays they discuss, and the settings moderators change. */
import { Type, type Static } from 'typebox'
import { PositionStance, Timestamp } from './common.ts'
import { Phase } from './seminars.ts'

export const MAX_SLOW_MODE_SECONDS = 86_400
export const MAX_FLAG_THRESHOLD = 100

export const DebateSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  state: Type.Union([Type.Literal('open'), Type.Literal('locked')]),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
  essay: Type.Object({ slug: Type.String(), title: Type.String() }),
  comments: Type.Integer({ description: 'Published arguments in the debate that are neither hidden nor deleted' }),
})
export type DebateSummary = Static<typeof DebateSummary>

export const Block = Type.Object({
  anchor: Type.String(),
  kind: Type.Union([Type.Literal('heading'), Type.Literal('paragraph')]),
  text: Type.String(),
  counts: Type.Object(
    {
      comments: Type.Integer(),
      pro: Type.Integer(),
      contra: Type.Integer(),
      neutral: Type.Integer(),
    },
    { description: 'Published comments that are neither hidden, deleted nor removed; the same for every reader' },
  ),
  positions: Type.Object({ pro: Type.Integer(), contra: Type.Integer(), undecided: Type.Integer() }),
  myPosition: Type.Union([PositionStance, Type.Null()], { description: "The signed-in reader's position" }),
  locked: Type.Boolean({ description: "The paragraph's thread is locked: readable, not answerable (moderators excepted)" }),
})
export type Block = Static<typeof Block>

export const DebateSettings = Type.Object(
  {
    locked: Type.Boolean({ description: 'The whole debate is read-only for participants' }),
    slowModeSeconds: Type.Integer({
      minimum: 0,
      maximum: MAX_SLOW_MODE_SECONDS,
      description: 'At most one comment per this many seconds per participant; 0 is off',
    }),
    preModeration: Type.Boolean({ description: 'New comments wait for a moderator before others see them' }),
    flagThreshold: Type.Integer({
      minimum: 1,
      maximum: MAX_FLAG_THRESHOLD,
      description: 'Flags from this many distinct readers hide a comment until it is reviewed',
    }),
  },
  { $id: 'DebateSettings' },
)
export type DebateSettings = Static<typeof DebateSettings>

export const SettingsPatch = Type.Partial(
  Type.Object({
    locked: Type.Boolean(),
    slowModeSeconds: Type.Integer({ minimum: 0, maximum: MAX_SLOW_MODE_SECONDS }),
    preModeration: Type.Boolean(),
    flagThreshold: Type.Integer({ minimum: 1, maximum: MAX_FLAG_THRESHOLD }),
  }),
  { additionalProperties: false, minProperties: 1 },
)
export type SettingsPatch = Static<typeof SettingsPatch>

export const SettingsResponse = Type.Object({ settings: Type.Ref('DebateSettings') })

export const ParagraphLockBody = Type.Object({ locked: Type.Boolean() }, { additionalProperties: false })
export const ParagraphLockResponse = Type.Object({ anchor: Type.String(), locked: Type.Boolean() })

export const ViewerRole = Type.Union([Type.Literal('owner'), Type.Literal('moderator'), Type.Literal('participant'), Type.Null()], {
  description: "The reader's role in the debate (an admin who is not a member reads as moderator); null when not a member",
})

export type ViewerRole = Static<typeof ViewerRole>

export const DebatesResponse = Type.Object({ debates: Type.Array(DebateSummary) })

/** What `GET /api/debates/:debate` says of a seminar. */
export const SeminarInfo = Type.Object({
  phase: Phase,
  anonymous: Type.Boolean({ description: 'Participants see each other by pseudonym' }),
  spotlight: Type.Union([Type.String(), Type.Null()], { description: 'The paragraph the leader focused' }),
})
export type SeminarInfo = Static<typeof SeminarInfo>

/** A debate as one reader sees it: its settings, their role and mute, and the seminar it is, if any. */
export const DebateInfo = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  state: Type.Union([Type.Literal('open'), Type.Literal('locked')]),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
  seq: Type.Integer({ description: 'The newest event of the live log: subscribe with since=seq' }),
  settings: Type.Ref('DebateSettings'),
  role: ViewerRole,
  muted: Type.Boolean({ description: 'The reader is muted here: may read, not post, vote or take positions' }),
  mutedUntil: Type.Union([Timestamp, Type.Null()], {
    description: 'When the mute ends; null when not muted or muted indefinitely',
  }),
  seminar: Type.Union([SeminarInfo, Type.Null()], { description: 'The seminar this debate is; null for an ordinary debate' }),
})
export type DebateInfo = Static<typeof DebateInfo, { DebateSettings: typeof DebateSettings }>

/** The essay a debate discusses, block by block, with each paragraph's tallies for this reader. */
export const Essay = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  blocks: Type.Array(Block),
})
export type Essay = Static<typeof Essay>

export const DebateResponse = Type.Object({ debate: DebateInfo, essay: Essay })
