/**
 * `GET /api/live`: the one WebSocket endpoint. By the time the handler runs, the origin
 * plugin has refused foreign origins with 403 and the auth plugin has resolved the session
 * cookie, both before the handshake; the hub takes over the socket from here.
 * The protocol is described in docs/live-protocol.md.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { SESSION_COOKIE } from '../../plugins/app/auth.ts'
import { errors } from '../../schemas/common.ts'
import { LiveQuery } from '../../schemas/live.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.route({
    method: 'GET',
    url: '/',
    schema: {
      tags: ['live'],
      summary: 'Live updates over WebSocket',
      description:
        'Upgrade to a WebSocket for live events, presence and typing notices (see docs/live-protocol.md). ' +
        'A plain GET is answered with 426. Upgrades from a foreign Origin are refused with 403.',
      querystring: LiveQuery,
      response: { 426: Type.Ref('ErrorResponse'), ...errors(400, 403) },
    },
    handler: async (_request, reply) =>
      reply.code(426).header('upgrade', 'websocket').send({
        statusCode: 426,
        error: 'Upgrade Required',
        message: 'GET /api/live is a WebSocket endpoint',
      }),
    // Synchronous on purpose: the hub attaches its message handler before any frame can arrive.
    wsHandler: (socket, request) => {
      app.hub.connect(socket, {
        user: request.user,
        sessionId: request.sessionId,
        sessionToken: request.sessionId ? (request.cookies[SESSION_COOKIE] ?? null) : null,
        clientId: request.query.clientId ?? null,
        // Behind a reverse proxy this is the client's address only with TRUST_PROXY set.
        address: request.ip,
      })
    },
  })
}

export default routes
