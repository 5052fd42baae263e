/**
 * One comment: read, edit, delete, vote; flag it; and the moderators' actions on it (hide,
 * unhide, pin, unpin) and the admins' legal removal. Every answer shows the comment as the
 * reader may see it (policy/visibility.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { badRequest } from '../../../errors.ts'
import { enforce } from '../../../plugins/app/limits.ts'
import { isBlank } from '../../../policy/names.ts'
import { present } from '../../../policy/visibility.ts'
import { CommentEdit, CommentResponse, VoteBody, VotesResponse } from '../../../schemas/comments.ts'
import { errors, IdParams } from '../../../schemas/common.ts'
import { FlagBody, FlagResponse, ReasonBody } from '../../../schemas/moderation.ts'
import { visibleComment } from '../lookups.ts'
import { published } from '../publish.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
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
      const { shown, debate } = await visibleComment(app, request, request.params.id)
      return { comment: shown, debate: debate.slug }
    },
  )

  app.get(
    '/:id/versions',
    {
      schema: {
        tags: ['comments'],
        summary: "A comment's earlier wordings, oldest first (none while its body is not shown to the reader)",
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
      const { comment, shown } = await visibleComment(app, request, request.params.id)
      // A hidden, deleted or removed comment's earlier wordings are as private as its body.
      if (shown.body === null) return { versions: [] }
      return {
        versions: (await app.repos.comments.versions(comment.id)).map((v) => ({
          body: v.body,
          replacedAt: new Date(v.replacedAt).toISOString(),
        })),
      }
    },
  )

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Edit one of your comments (the earlier wording is kept)',
        description:
          'A comment returned for revision goes back to the review queue once edited. ' +
          'Watched words apply as when posting: 400 for a blocked word, masked or held otherwise.',
        params: IdParams,
        body: CommentEdit,
        response: { 200: CommentResponse, ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    async (request) => {
      const { comment, debate, viewer } = await visibleComment(app, request, request.params.id)
      const user = await app.guardian.editor(debate, comment, request.user)
      await enforce(app.limits.writesPerUser, String(user.id), 'Too many changes; wait a moment')
      const review = await app.guardian.review(debate, user, request.body.body, false)
      const edited = published(app, request, await app.repos.comments.edit(debate, comment, review.body, user.id, review))
      return { comment: present(edited, viewer)! }
    },
  )

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['comments'],
        summary: 'Delete a comment: a placeholder keeps its replies in place',
        description: "A moderator deleting someone else's comment is recorded in the moderation log.",
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { comment, debate } = await visibleComment(app, request, request.params.id)
      const user = await app.guardian.deleter(debate, comment, request.user)
      await enforce(app.limits.writesPerUser, String(user.id), 'Too many changes; wait a moment')
      const moderator = comment.authorId === user.id ? undefined : { actorId: user.id }
      published(app, request, await app.repos.comments.remove(debate, comment, moderator))
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
      const { comment, debate } = await visibleComment(app, request, request.params.id)
      const user = await app.guardian.voter(debate, comment, request.user)
      await enforce(app.limits.writesPerUser, String(user.id), 'Too many votes; wait a moment')
      return { votes: published(app, request, await app.repos.comments.vote(debate, comment, user.id, request.body.value)) }
    },
  )

  app.post(
    '/:id/flags',
    {
      schema: {
        tags: ['moderation'],
        summary: "Flag someone else's comment for the moderators, once",
        description:
          "Flags from as many distinct readers as the debate's flagThreshold hide the comment until it is reviewed. " +
          '409 for a second flag by the same reader; 429 past 50 flags in 24 hours.',
        params: IdParams,
        body: FlagBody,
        response: { 201: FlagResponse, ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    async (request, reply) => {
      const { comment, debate } = await visibleComment(app, request, request.params.id)
      const user = await app.guardian.flagger(debate, comment, request.user)
      const note = request.body.note === undefined || isBlank(request.body.note) ? null : request.body.note.trim()
      if (request.body.reason === 'other' && note === null) throw badRequest('body/note is required when the reason is "other"')
      await enforce(app.limits.writesPerUser, String(user.id), 'Too many changes; wait a moment')
      const flag = published(app, request, await app.repos.moderation.flag(debate, comment, user.id, request.body.reason, note))
      return reply.code(201).send({ flag: { id: flag.id } })
    },
  )

  app.post(
    '/:id/hide',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Hide a comment with a reason (moderators)',
        description: 'Readers see "hidden by a moderator" in its place; its author and the moderators still see it and the reason.',
        params: IdParams,
        body: ReasonBody,
        response: { 200: CommentResponse, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const { comment, debate } = await visibleComment(app, request, request.params.id)
      const user = await app.guardian.moderator(debate, request.user)
      return { comment: published(app, request, await app.repos.moderation.hide(debate, comment, user.id, request.body.reason.trim())) }
    },
  )

  app.post(
    '/:id/unhide',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Show a hidden comment again (moderators); its flags count as reviewed',
        params: IdParams,
        response: { 200: CommentResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { comment, debate } = await visibleComment(app, request, request.params.id)
      const user = await app.guardian.moderator(debate, request.user)
      return { comment: published(app, request, await app.repos.moderation.unhide(debate, comment, user.id)) }
    },
  )

  for (const [path, pinned] of [
    ['/:id/pin', true],
    ['/:id/unpin', false],
  ] as const) {
    app.post(
      path,
      {
        schema: {
          tags: ['moderation'],
          summary: pinned ? "Pin an argument to the top of its paragraph's thread (moderators)" : 'Unpin an argument (moderators)',
          params: IdParams,
          response: { 200: CommentResponse, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { comment, debate } = await visibleComment(app, request, request.params.id)
        const user = await app.guardian.moderator(debate, request.user)
        return { comment: published(app, request, await app.repos.moderation.pin(debate, comment, user.id, pinned)) }
      },
    )
  }

  app.post(
    '/:id/remove',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Remove a comment for good on legal grounds (admins)',
        description:
          'The body and every earlier wording are erased; a tombstone keeps the replies in place. ' +
          'The log records who, when and why, but not the removed words.',
        params: IdParams,
        body: ReasonBody,
        response: { 200: CommentResponse, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const { comment, debate } = await visibleComment(app, request, request.params.id)
      const user = app.guardian.admin(request.user, 'remove comments for good')
      return {
        comment: published(app, request, await app.repos.moderation.removeForGood(debate, comment, user.id, request.body.reason.trim())),
      }
    },
  )
}

export default routes
