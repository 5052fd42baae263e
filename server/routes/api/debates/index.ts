/**
 * Debates, their essay with every paragraph's tally, paragraph threads, and positions. Threads
 * are shown as the reader may see them (policy/visibility.ts); posting passes the guardian's
 * checks in order: may participate here, slow mode, watched words and pre-moderation.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { badRequest } from '../../../errors.ts'
import { enforce } from '../../../plugins/app/limits.ts'
import { present, presentThread } from '../../../policy/visibility.ts'
import { DebateParams, errors, ParagraphParams } from '../../../schemas/common.ts'
import { CommentResponse, CommentsResponse, NewComment, PositionBody, PositionsResponse, ThreadQuery } from '../../../schemas/comments.ts'
import { DebateResponse, DebatesResponse } from '../../../schemas/debates.ts'
import { muteEnd, readableDebate, readableParagraph } from '../lookups.ts'
import { published } from '../publish.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['debates'],
        summary: 'The debates the reader may read',
        response: { 200: DebatesResponse },
      },
    },
    async (request) => ({ debates: await app.repos.debates.list(request.user?.id ?? null, request.user?.isAdmin ?? false) }),
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
      const debate = await readableDebate(app, request, request.params.debate)
      const essay = await app.repos.debates.essayOf(debate)
      const mutedUntil = await app.guardian.mutedUntil(debate, request.user)
      const viewer = await app.guardian.viewerOf(debate, request.user)
      return {
        debate: {
          slug: debate.slug,
          title: debate.title,
          state: debate.state,
          visibility: debate.visibility,
          seq: debate.seq,
          settings: app.repos.debates.settingsOf(debate),
          role: await app.guardian.reportedRole(debate, request.user),
          muted: mutedUntil !== null,
          mutedUntil: muteEnd(mutedUntil),
          seminar: debate.phase === null ? null : { phase: debate.phase, anonymous: debate.anonymous, spotlight: debate.spotlight },
        },
        essay: {
          slug: essay.slug,
          title: essay.title,
          blocks: await app.repos.debates.blocksWithTallies(debate, request.user?.id ?? null, {
            hideOthers: viewer.hideOthers ?? false,
            ...(viewer.group === undefined ? {} : { group: viewer.group }),
          }),
        },
      }
    },
  )

  app.get(
    '/:debate/paragraphs/:anchor/comments',
    {
      schema: {
        tags: ['comments'],
        summary: "A paragraph's thread: pinned arguments first, each argument followed by its replies",
        description:
          'Comments waiting for approval or returned for revision appear only to their author and the moderators; ' +
          'a hidden comment appears to others as `hidden: true` without body.',
        params: ParagraphParams,
        querystring: ThreadQuery,
        response: { 200: CommentsResponse, ...errors(400, 404) },
      },
    },
    async (request) => {
      const viewerId = request.user?.id ?? null
      // A paragraph's ids hardly ever change: its thread is read while the debate and the
      // reader's access are checked (on Postgres, two round trips at once), and read again
      // should the ids have changed. A reader who may not read it gets the refusal, never the rows.
      const known = app.repos.debates.knownParagraph(request.params.debate, request.params.anchor)
      const early = known && app.repos.comments.thread(known, request.query, viewerId)
      early?.catch(() => undefined)
      const { debate, block } = await readableParagraph(app, request, request.params.debate, request.params.anchor)
      const thread =
        early && known.debateId === debate.id && known.blockId === block.id
          ? await early
          : await app.repos.comments.thread({ debateId: debate.id, blockId: block.id }, request.query, viewerId)
      return { comments: presentThread(thread, await app.guardian.viewerOf(debate, request.user)) }
    },
  )

  app.post(
    '/:debate/paragraphs/:anchor/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Post an argument or a reply',
        description:
          'A repeated clientKey from the same user returns the first comment with 200 and stores nothing new. ' +
          '403 when the debate or the paragraph is locked or the author is muted; 429 with Retry-After in slow mode; ' +
          '400 for a blocked watched word. Under pre-moderation or a watched word that holds, the comment is stored ' +
          'with status "pending" and only its author and the moderators see it until approved.',
        params: ParagraphParams,
        body: NewComment,
        response: { 201: CommentResponse, 200: CommentResponse, ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    async (request, reply) => {
      const { debate, block } = await readableParagraph(app, request, request.params.debate, request.params.anchor)
      const user = await app.guardian.participant(debate, request.user, block.id)
      const viewer = await app.guardian.viewerOf(debate, user)
      const { clientKey, parentId } = request.body
      const retried = clientKey === undefined ? undefined : await app.repos.comments.byClientKey(user.id, clientKey)
      if (retried) return reply.code(200).send({ comment: present(await app.repos.comments.view(retried.id, user.id), viewer)! })
      await app.guardian.pace(debate, user)
      await enforce(app.limits.commentsPerUser, String(user.id), 'You are posting too fast; wait a moment')
      if (parentId != null) {
        const parent = await app.repos.comments.byId(parentId)
        // A parent the author cannot see (held for review) is as good as missing.
        if (!parent || !present(await app.repos.comments.view(parent.id, null), viewer)) {
          throw badRequest(`body/parentId: comment ${parentId} is not in this paragraph's thread`)
        }
      }
      const review = await app.guardian.review(debate, user, request.body.body, true)
      const { created, comment } = published(
        app,
        request,
        await app.repos.comments.create(debate, block, user.id, { ...request.body, body: review.body }, review),
      )
      return reply.code(created ? 201 : 200).send({ comment: present(comment, viewer)! })
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
      const { debate, block } = await readableParagraph(app, request, request.params.debate, request.params.anchor)
      const user = await app.guardian.participant(debate, request.user, block.id)
      await enforce(app.limits.writesPerUser, String(user.id), 'Too many changes; wait a moment')
      const positions = published(app, request, await app.repos.positions.set(debate, block, user.id, request.body.stance))
      // In a seminar's private phase a participant sees their own position only; in group work their group's.
      const viewer = await app.guardian.viewerOf(debate, user)
      if (viewer.hideOthers || viewer.group === null) return { positions: { pro: 0, contra: 0, undecided: 0, [request.body.stance]: 1 } }
      if (viewer.group !== undefined) return { positions: await app.repos.groups.positionsOf(debate, viewer.group, block.id) }
      return { positions }
    },
  )
}

export default routes
