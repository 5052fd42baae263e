/** Schemas shared by every resource: the error shape and the common path parameters. */
import { Type, type Static } from 'typebox'

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
  },
  { $id: 'ErrorResponse', description: 'Every error: a 4xx says what was wrong; a 5xx never shows its cause.' },
)
export type ErrorResponse = Static<typeof ErrorResponse>

/** `{ 400: ErrorResponse, 401: ... }` for the statuses a route may refuse with. */
export function errors<const S extends number>(...statuses: S[]): Record<S, typeof ErrorRef> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorRef])) as Record<S, typeof ErrorRef>
}
const ErrorRef = Type.Ref('ErrorResponse')

/**
 * Refusals that come before a route's own checks, declared on every route by the OpenAPI
 * plugin: any request may get 400 (a malformed `X-Client-Id`) and 431 (headers too large,
 * answered by the HTTP server itself); a request that may carry a body 413 (over 64 KiB) and
 * 415 (not JSON); a route with path parameters 414 (a parameter longer than the router takes).
 */
export const REQUEST_ERRORS = errors(400, 431)
export const BODY_ERRORS = errors(413, 415)
export const PARAM_ERRORS = errors(414)

export const Slug = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' })
export const Anchor = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' })
export const IdParam = Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'A numeric id' })

export const DebateParams = Type.Object({ debate: Slug }, { additionalProperties: false })
export const ParagraphParams = Type.Object({ debate: Slug, anchor: Anchor }, { additionalProperties: false })
export const IdParams = Type.Object({ id: IdParam }, { additionalProperties: false })

export const Timestamp = Type.String({ format: 'date-time' })
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()])

/** Beside every person shown: whether they are a guest and their role, so nobody passes for an account or a leader. */
export const PersonGuest = Type.Boolean({
  description: 'A guest of this seminar, without an account; left out where the name shown is a pseudonym',
})
/** A member's role in a debate; the owner and the moderators lead a seminar. */
export const MemberRole = Type.Union([Type.Literal('owner'), Type.Literal('moderator'), Type.Literal('participant')])
export type MemberRole = Static<typeof MemberRole>
export const PersonRole = Type.Union([Type.Literal('owner'), Type.Literal('moderator'), Type.Literal('participant'), Type.Null()], {
  description: 'Their role in this debate (owner and moderators lead a seminar); null when not a member',
})
export type PersonRole = Static<typeof PersonRole>

export const Stance = Type.Union([Type.Literal('pro'), Type.Literal('contra'), Type.Literal('neutral')])
export type Stance = Static<typeof Stance>
export const PositionStance = Type.Union([Type.Literal('pro'), Type.Literal('contra'), Type.Literal('undecided')])
export type PositionStance = Static<typeof PositionStance>
