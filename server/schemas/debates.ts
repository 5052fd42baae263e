/** Debates and the essays they discuss. */
import { Type } from 'typebox'
import { PositionStance } from './common.ts'

export const DebateSummary = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  state: Type.Union([Type.Literal('open'), Type.Literal('locked')]),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
  essay: Type.Object({ slug: Type.String(), title: Type.String() }),
  comments: Type.Integer({ description: 'Arguments in the debate' }),
})

export const Block = Type.Object({
  anchor: Type.String(),
  kind: Type.Union([Type.Literal('heading'), Type.Literal('paragraph')]),
  text: Type.String(),
  counts: Type.Object({
    comments: Type.Integer(),
    pro: Type.Integer(),
    contra: Type.Integer(),
    neutral: Type.Integer(),
  }),
  positions: Type.Object({ pro: Type.Integer(), contra: Type.Integer(), undecided: Type.Integer() }),
  myPosition: Type.Union([PositionStance, Type.Null()], { description: "The signed-in reader's position" }),
})

export const DebatesResponse = Type.Object({ debates: Type.Array(DebateSummary) })

export const DebateResponse = Type.Object({
  debate: Type.Object({
    slug: Type.String(),
    title: Type.String(),
    state: Type.Union([Type.Literal('open'), Type.Literal('locked')]),
    visibility: Type.Union([Type.Literal('public'), Type.Literal('private')]),
    seq: Type.Integer({ description: 'The newest event of the live log: subscribe with since=seq' }),
  }),
  essay: Type.Object({
    slug: Type.String(),
    title: Type.String(),
    blocks: Type.Array(Block),
  }),
})
