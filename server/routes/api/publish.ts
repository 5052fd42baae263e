/**
 * How a route announces its write: a repository returns the change it committed with the
 * events that announce it, and the route publishes them once the transaction is over, as the
 * request's tab caused them (`X-Client-Id`), so that tab's own socket is not echoed them twice.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Change } from '../../repositories/comments.ts'

/** Publishes a committed change as caused by the request, and returns the change's value. */
export function published<T>(app: FastifyInstance, request: FastifyRequest, change: Change<T>): T {
  app.hub.publish(change, request.clientId)
  return change.value
}
