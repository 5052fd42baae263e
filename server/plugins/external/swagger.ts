/** The OpenAPI document, generated from the route schemas, and its viewer at /api/docs. */
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { BODY_ERRORS, PARAM_ERRORS, REQUEST_ERRORS } from '../../schemas/common.ts'

export async function registerSwagger(app: FastifyInstance): Promise<void> {
  // The answers every route may give before its own checks run, so the document lists them too.
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return
    const methods = [route.method].flat()
    const shared = {
      ...REQUEST_ERRORS,
      ...(methods.some((m) => m !== 'GET' && m !== 'HEAD') ? BODY_ERRORS : {}),
      ...(route.url.includes(':') ? PARAM_ERRORS : {}),
    }
    route.schema = { ...route.schema, response: { ...shared, ...(route.schema.response as object | undefined) } }
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Marginalia API',
        version: '1',
        description:
          'Paragraph-by-paragraph debates on essays. State changes need a session cookie and, from browsers, an allowed Origin. Live updates: see docs/live-protocol.md (GET /api/live).',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'mg_session' } },
      },
    },
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { deepLinking: true },
  })
}
