/** Debates, their essay with every paragraph's tally, paragraph threads, and positions. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { notFound } from '../../../errors.ts'
import { enforce } from '../../../plugins/app/limits.ts'
import type { DebateRow } from '../../../repositories/debates.ts'
import { DebateParams, errors, ParagraphParams } from '../../../schemas/common.ts'
import {
  CommentResponse,
  CommentsResponse,
  NewComment,
  PositionBody,
  PositionsResponse,
  ThreadQuery,
} from '../../../schemas/comments.ts'
import { DebateResponse, DebatesResponse } from '../../../schemas/debates.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const readable = (request: FastifyRequest, slug: string): DebateRow =>
    app.guardian.readable(app.repos.debates.bySlug(slug), request.user, slug)

  const paragraph = (debate: DebateRow, anchor: string) => {
    const block = app.repos.debates.paragraph(debate, anchor)
    if (!block) throw notFound(`No paragraph "${anchor}" in debate "${debate.slug}"`)
    return block
  }

  app.get(
    '',
    {
      schema: {
        tags: ['debates'],
        summary: 'The debates the reader may read',
        response: { 200: DebatesResponse },
      },
    },
    async (request) => ({ debates: app.repos.debates.list(request.user?.id ?? null) }),
  )

  app.get(
    '/:debate',
    {
      schema: {
        tags: ['debates'],
        summary: 'A debate with its essay: every block in reading order, each paragraph with its tally',
        params: DebateParams,
        response: { 200: DebateResponse, ...errors(400, 404) },
      },
    },
    async (request) => {
      const debate = readable(request, request.params.debate)
      const essay = app.repos.debates.essayOf(debate)
      return {
        debate: { slug: debate.slug, title: debate.title, state: debate.state, visibility: debate.visibility, seq: debate.seq },
        essay: {
          slug: essay.slug,
          title: essay.title,
          blocks: app.repos.debates.blocksWithTallies(debate, request.user?.id ?? null),
        },
      }
    },
  )

  app.get(
    '/:debate/paragraphs/:anchor/comments',
    {
      schema: {
        tags: ['comments'],
        summary: "A paragraph's thread: each argument followed by its replies",
        params: ParagraphParams,
        querystring: ThreadQuery,
        response: { 200: CommentsResponse, ...errors(400, 404) },
      },
    },
    async (request) => {
      const debate = readable(request, request.params.debate)
      const block = paragraph(debate, request.params.anchor)
      return { comments: app.repos.comments.thread(debate, block, request.query, request.user?.id ?? null) }
    },
  )

  app.post(
    '/:debate/paragraphs/:anchor/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Post an argument or a reply',
        description:
          'A repeated clientKey from the same user returns the first comment with 200 and stores nothing new.',
        params: ParagraphParams,
        body: NewComment,
        response: { 201: CommentResponse, 200: CommentResponse, ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    async (request, reply) => {
      const debate = readable(request, request.params.debate)
      const block = paragraph(debate, request.params.anchor)
      const user = app.guardian.participant(debate, request.user)
      enforce(app.limits.commentsPerUser, String(user.id), 'You are posting too fast; wait a moment')
      const { value, events } = app.repos.comments.create(debate, block, user.id, request.body)
      app.hub.publish(events, request.clientId)
      return reply.code(value.created ? 201 : 200).send({ comment: value.comment })
    },
  )

  app.put(
    '/:debate/paragraphs/:anchor/position',
    {
      schema: {
        tags: ['positions'],
        summary: "Take or change one's own position on a paragraph",
        params: ParagraphParams,
        body: PositionBody,
        response: { 200: PositionsResponse, ...errors(400, 401, 403, 404, 413, 429) },
      },
    },
    async (request) => {
      const debate = readable(request, request.params.debate)
      const block = paragraph(debate, request.params.anchor)
      const user = app.guardian.participant(debate, request.user)
      enforce(app.limits.writesPerUser, String(user.id), 'Too many changes; wait a moment')
      const { value, events } = app.repos.positions.set(debate, block, user.id, request.body.stance)
      app.hub.publish(events, request.clientId)
      return { positions: value }
    },
  )
}

export default routes
