/**
 * Cross-site request forgery defence: a state-changing request, and every socket upgrade,
 * must come from an allowed origin. Browsers always send `Origin` on such requests; a
 * request without one (curl, another server) carries no ambient browser credentials worth
 * forging, but `Sec-Fetch-Site: cross-site` is refused all the same.
 */
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { forbidden } from '../../errors.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function originAllowed(request: FastifyRequest, allowed: Set<string>): boolean {
  const origin = request.headers.origin
  if (origin !== undefined) return allowed.has(origin)
  return request.headers['sec-fetch-site'] !== 'cross-site'
}

export default fp(
  async (app) => {
    app.addHook('onRequest', async (request) => {
      const upgrade = request.headers.upgrade?.toLowerCase() === 'websocket'
      if (SAFE_METHODS.has(request.method) && !upgrade) return
      if (!originAllowed(request, app.config.allowedOrigins)) {
        throw forbidden(`Requests from origin ${request.headers.origin ?? '(cross-site)'} are not accepted`)
      }
    })
  },
  { name: 'origin' },
)
