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
      const session = app.repos.sessions.resolve(token)
      if (session) {
        request.user = session.user
        request.sessionId = session.id
      }
    })

    app.decorate('startSession', (reply: FastifyReply, userId: number) => {
      const { token, expiresAt } = app.repos.sessions.create(userId)
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.publicUrl.protocol === 'https:',
        expires: new Date(expiresAt),
      })
    })

    app.decorate('endSession', (request: FastifyRequest, reply: FastifyReply) => {
      if (request.sessionId) {
        app.repos.sessions.revoke(request.sessionId)
        app.hub.closeSessions([request.sessionId])
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
    })
  },
  { name: 'auth' },
)

declare module 'fastify' {
  interface FastifyInstance {
    startSession(reply: FastifyReply, userId: number): void
    endSession(request: FastifyRequest, reply: FastifyReply): void
  }
}
