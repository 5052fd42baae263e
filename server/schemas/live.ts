/**
 * The live protocol's messages: what a client may send, and the events of a debate's log.
 * The full protocol is described in docs/live-protocol.md.
 */
import { Type, type Static } from 'typebox'
import { Anchor, PositionStance, Slug, Stance } from './common.ts'

export const ClientMessage = Type.Union([
  Type.Object(
    { type: Type.Literal('subscribe'), debate: Slug, since: Type.Optional(Type.Integer({ minimum: 0 })) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('unsubscribe'), debate: Slug }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('focus'), debate: Slug, anchor: Type.Union([Anchor, Type.Null()]) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('typing'), debate: Slug, anchor: Anchor, stance: Stance },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false }),
])
export type ClientMessage = Static<typeof ClientMessage>

/** A sequenced event as stored: its payload holds every field besides type, debate and seq. */
export interface LiveEvent {
  type: string
  debate: string
  seq: number
  [field: string]: unknown
}

/** An event about to be appended to a debate's log. */
export interface PendingEvent {
  type: string
  payload: Record<string, unknown>
}

export type PositionTally = Static<typeof PositionTallySchema>
const PositionTallySchema = Type.Object({ pro: Type.Integer(), contra: Type.Integer(), undecided: Type.Integer() })
export { PositionStance }
