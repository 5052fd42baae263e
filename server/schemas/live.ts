/**
 * The live protocol's messages: what a client may send, what the server sends back, and the
 * events of a debate's log. The full protocol is described in docs/live-protocol.md.
 *
 * Client messages are TypeBox schemas because the hub validates every frame against them;
 * server messages are plain types, shared with the client, because the server builds them.
 */
import { Type, type Static } from 'typebox'
import { Anchor, PositionStance, Slug, Stance } from './common.ts'
import type { Room } from './seminars.ts'

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

/** A sequenced event as stored: its payload holds every field besides type, debate and seq. */
export interface LiveEvent {
  type: string
  debate: string
  seq: number
  [field: string]: unknown
}

/** An event as a socket receives it: `clientId` names the tab whose write caused it (null on replay). */
export type EventFrame = LiveEvent & { clientId: string | null }

/** An event about to be appended to a debate's log. */
export interface PendingEvent {
  type: string
  payload: Record<string, unknown>
}

export type PositionTally = Static<typeof PositionTallySchema>
const PositionTallySchema = Type.Object({ pro: Type.Integer(), contra: Type.Integer(), undecided: Type.Integer() })
export { PositionStance }

/** Every message the server sends that is not a sequenced event. */
export type ServerMessage =
  /** `room`: for a seminar, its state as of `seq` (the same as `GET /api/debates/:debate/room`). */
  | { type: 'subscribed'; debate: string; seq: number; room?: Room }
  | { type: 'reset'; debate: string; seq: number }
  | { type: 'skip'; debate: string; seq: number }
  | { type: 'unsubscribed'; debate: string; reason: 'requested' | 'forbidden' }
  | { type: 'presence'; debate: string; online: number; readers: Record<string, number> }
  | { type: 'typing'; debate: string; anchor: string; stance: Static<typeof Stance>; expiresIn: number }
  | { type: 'error'; message: string; debate?: string }
  | { type: 'pong' }

/** The close codes the server uses besides the standard ones (1001, 1008, 1009). */
export const CLOSE_SESSION_ENDED = 4001
