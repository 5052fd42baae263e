/**
 * Who is asking: resolves the session cookie to `request.user` on every request, and sets
 * and clears the cookie. Also reads `X-Client-Id`, the id a browser tab gives itself so it
 * recognises its own changes when they come back over the live socket.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { badRequest, unauthorized } from '../../errors.ts'
import type { UserRow } from '../../repositories/users.ts'

export const SESSION_COOKIE = 'mg_session'
/**
 * The accounts and guests that signed in or joined from this browser, most recent first; it
 * outlives logouts and ended sessions so that a ban sticks to the browser as well as to the
 * account (see `browserUserIds`). It only ever refuses: forging it can keep nobody but its
 * own browser out, so it is not signed.
 */
export const BROWSER_COOKIE = 'mg_browser'
const MAX_BROWSER_USERS = 8
// 400 days: the longest a browser keeps a cookie.
const BROWSER_COOKIE_SECONDS = 400 * 24 * 3600
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRow | null
    sessionId: string | null
    clientId: string | null
  }
}

/** The signed-in user, or 401. */
export function requireUser(request: FastifyRequest): UserRow {
  if (!request.user) throw unauthorized()
  return request.user
}

/** The user ids the browser's `mg_browser` cookie names (malformed parts are ignored). */
export function browserUserIds(request: FastifyRequest): number[] {
  const raw = request.cookies[BROWSER_COOKIE]
  if (!raw) return []
  return raw
    .split('.')
    .slice(0, MAX_BROWSER_USERS)
    .filter((part) => /^[1-9][0-9]{0,15}$/.test(part))
    .map(Number)
}

export default fp(
  async (app) => {
    app.decorateRequest('user', null)
    app.decorateRequest('sessionId', null)
    app.decorateRequest('clientId', null)

    app.addHook('onRequest', async (request) => {
      const clientId = request.headers['x-client-id']
      if (typeof clientId === 'string') {
        if (!CLIENT_ID.test(clientId)) throw badRequest('headers/x-client-id must be 1–64 characters of A–Z, a–z, 0–9, _ and -')
        request.clientId = clientId
      }
      const token = request.cookies[SESSION_COOKIE]
      if (!token) return
      const session = await app.repos.sessions.resolve(token)
      if (session) {
        request.user = session.user
        request.sessionId = session.id
      }
    })

    const secure = app.config.publicUrl.protocol === 'https:'

    app.decorate('startSession', async (request: FastifyRequest, reply: FastifyReply, userId: number) => {
      // Every sign-in and join gets a new token, and the one the browser came with stops
      // working, so a token planted in a browser before it signed in is worth nothing after.
      if (request.sessionId) {
        await app.repos.sessions.revoke(request.sessionId)
        app.hub.closeSessions([request.sessionId])
      }
      const { token, expiresAt } = await app.repos.sessions.create(userId)
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(expiresAt) })
      const seen = [userId, ...browserUserIds(request).filter((id) => id !== userId)].slice(0, MAX_BROWSER_USERS)
      reply.setCookie(BROWSER_COOKIE, seen.join('.'), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: BROWSER_COOKIE_SECONDS,
      })
    })

    app.decorate('endSession', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.sessionId) {
        await app.repos.sessions.revoke(request.sessionId)
        app.hub.closeSessions([request.sessionId])
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
    })
  },
  { name: 'auth' },
)

declare module 'fastify' {
  interface FastifyInstance {
    /** Signs the browser in as `userId` with a new session, ending the one it came with. */
    startSession(request: FastifyRequest, reply: FastifyReply, userId: number): Promise<void>
    endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>
  }
}
