/** Accounts and sessions. */
import { Type, type Static } from 'typebox'

export const User = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    isAdmin: Type.Boolean(),
    guest: Type.Boolean({ description: 'A guest of one seminar: joined with a code and a display name, without an account' }),
  },
  { $id: 'User' },
)
export type User = Static<typeof User>

export const Credentials = Type.Object(
  {
    username: Type.String({
      minLength: 3,
      maxLength: 32,
      pattern: '^[A-Za-z0-9_.-]+$',
      description: '3–32 characters of A–Z, a–z, 0–9, _ . -; unique regardless of case',
    }),
    password: Type.String({ minLength: 8, maxLength: 256, description: '8–256 characters, any Unicode' }),
  },
  { additionalProperties: false },
)
export type Credentials = Static<typeof Credentials>

/**
 * Signing in checks no password rule: the rules are for new passwords, an account made under
 * an older one must still get in, and a short guess gets the same answer as any wrong one.
 */
export const LoginCredentials = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 256 }),
    password: Type.String({ maxLength: 1024 }),
  },
  { additionalProperties: false },
)
export type LoginCredentials = Static<typeof LoginCredentials>

export const UserResponse = Type.Object({ user: Type.Ref('User') })
export const SessionResponse = Type.Object({
  user: Type.Union([Type.Ref('User'), Type.Null()], { description: 'null for an anonymous reader' }),
})
