/**
 * A seminar's small groups: how the leader forms them, moves members between them, starts and
 * ends group work, and what everyone sees of them (each group's letter and members, the
 * reader's own group, the state of group work), and the comparison the projector shows.
 */
import { Type, type Static } from 'typebox'
import { Counts, Positions, type Comment } from './comments.ts'
import { Anchor, IdParam, Slug } from './common.ts'
import { GroupLetter, PersonRecord } from './seminars.ts'

export { GroupLetter, GroupState, Groups } from './seminars.ts'

/** The groups as the `groups.changed` event stores them, with their people as records. */
export const GroupRecords = Type.Array(Type.Object({ id: Type.Integer(), letter: GroupLetter, members: Type.Array(PersonRecord) }))
export type GroupRecords = Static<typeof GroupRecords>

export const FormGroups = Type.Object(
  {
    mode: Type.Union([Type.Literal('random'), Type.Literal('balanced'), Type.Literal('manual')], {
      description:
        'random: shuffled; balanced: each group gets a mix of pro, contra and undecided (see `balance`); ' +
        'manual: empty groups, the leader places each participant',
    }),
    size: Type.Optional(Type.Integer({ minimum: 2, maximum: 100, description: 'At least this many in each group (some get one more)' })),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'This many groups' })),
    balance: Type.Optional(
      Type.Union([Type.Literal('positions'), Type.Literal('poll')], {
        description:
          'balanced only: by the side each participant took most in their positions (the default), or by their vote in the last closed poll',
      }),
    ),
  },
  { additionalProperties: false },
)
export type FormGroups = Static<typeof FormGroups>

export const MoveMember = Type.Object(
  { group: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The group’s id; null: in no group' }) },
  { additionalProperties: false },
)
export const MemberParams = Type.Object({ debate: Slug, user: IdParam }, { additionalProperties: false })

export const GroupStateBody = Type.Object(
  {
    state: Type.Union([Type.Literal('working'), Type.Literal('plenum')], {
      description: 'working: starts group work (the groups are fixed from then on); plenum: ends it',
    }),
  },
  { additionalProperties: false },
)

/** Per paragraph, each group's balance, positions and strongest argument: what the projector compares. */
export const Comparison = Type.Object({
  paragraphs: Type.Array(
    Type.Object({
      anchor: Anchor,
      groups: Type.Array(
        Type.Object({
          group: Type.Integer(),
          counts: Counts,
          positions: Positions,
          strongest: Type.Union([Type.Ref('Comment'), Type.Null()], { description: 'The group’s argument with the most votes' }),
        }),
      ),
    }),
  ),
})
export type Comparison = Static<typeof Comparison, { Comment: typeof Comment }>
