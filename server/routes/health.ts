/** Liveness: answers once the database answers. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors } from '../schemas/common.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errors(500) },
      },
    },
    async () => {
      await app.db.ping()
      return { status: 'ok' as const }
    },
  )
}

export default routes
