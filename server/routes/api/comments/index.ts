/** One comment: read, edit, delete, vote. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { FastifyRequest } from 'fastify'
import { notFound } from '../../../errors.ts'
import { enforce } from '../../../plugins/app/limits.ts'
import { CommentEdit, CommentResponse, VoteBody, VotesResponse } from '../../../schemas/comments.ts'
import { errors, IdParams } from '../../../schemas/common.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  /** The comment and its debate, when the viewer may read them; 404 otherwise. */
  const load = (request: FastifyRequest, id: string) => {
    const comment = app.repos.comments.byId(Number(id))
    const debate = comment && app.repos.debates.byId(comment.debateId)
    if (!comment || !debate || !app.guardian.canRead(debate, request.user)) throw notFound(`No comment ${id}`)
    return { comment, debate }
  }

  app.get(
    '/:id',
    {
      schema: {
        tags: ['comments'],
        summary: 'One comment, with its debate (for deep links)',
        params: IdParams,
        response: {
          200: Type.Object({ comment: Type.Ref('Comment'), debate: Type.String() }),
          ...errors(400, 404),
        },
      },
    },
    async (request) => {
      const { comment, debate } = load(request, request.params.id)
      return { comment: app.repos.comments.view(comment.id, request.user?.id ?? null), debate: debate.slug }
    },
  )

  app.get(
    '/:id/versions',
    {
      schema: {
        tags: ['comments'],
        summary: "A comment's earlier wordings, oldest first",
        params: IdParams,
        response: {
          200: Type.Object({
            versions: Type.Array(Type.Object({ body: Type.String(), replacedAt: Type.String({ format: 'date-time' }) })),
          }),
          ...errors(400, 404),
        },
      },
    },
    async (request) => {
      const { comment } = load(request, request.params.id)
      if (comment.deletedAt !== null) return { versions: [] }
      return {
        versions: app.repos.comments
          .versions(comment.id)
          .map((v) => ({ body: v.body, replacedAt: new Date(v.replacedAt).toISOString() })),
      }
    },
  )

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Edit one of your comments (the earlier wording is kept)',
        params: IdParams,
        body: CommentEdit,
        response: { 200: CommentResponse, ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    async (request) => {
      const { comment, debate } = load(request, request.params.id)
      const user = app.guardian.editor(debate, comment, request.user)
      enforce(app.limits.writesPerUser, String(user.id), 'Too many changes; wait a moment')
      const { value, events } = app.repos.comments.edit(debate, comment, request.body.body, user.id)
      app.hub.publish(events, request.clientId)
      return { comment: value }
    },
  )

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Delete a comment: a placeholder keeps its replies in place',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { comment, debate } = load(request, request.params.id)
      const user = app.guardian.deleter(debate, comment, request.user)
      enforce(app.limits.writesPerUser, String(user.id), 'Too many changes; wait a moment')
      const { events } = app.repos.comments.remove(debate, comment)
      app.hub.publish(events, request.clientId)
      return reply.code(204).send(null)
    },
  )

  app.put(
    '/:id/vote',
    {
      schema: {
        tags: ['comments'],
        summary: 'Upvote a strong argument (1) or take the vote back (0)',
        params: IdParams,
        body: VoteBody,
        response: { 200: VotesResponse, ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    async (request) => {
      const { comment, debate } = load(request, request.params.id)
      const user = app.guardian.voter(debate, comment, request.user)
      enforce(app.limits.writesPerUser, String(user.id), 'Too many votes; wait a moment')
      const { value, events } = app.repos.comments.vote(debate, comment, user.id, request.body.value)
      app.hub.publish(events, request.clientId)
      return { votes: value }
    },
  )
}

export default routes
