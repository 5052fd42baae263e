/**
 * One stance poll: voting, closing it, reading it. A poll is as readable as its seminar, and
 * answers 404 the same way whether it is missing or its seminar is not the reader's to see.
 * How anyone voted stays on the server until the poll closes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { notFound } from '../../../errors.ts'
import { enforce } from '../../../plugins/app/limits.ts'
import type { DebateRow } from '../../../repositories/debates.ts'
import type { PollRow } from '../../../repositories/polls.ts'
import { errors, IdParams } from '../../../schemas/common.ts'
import { PollClosed, PollResponse, PollVote } from '../../../schemas/seminars.ts'
import { published } from '../publish.ts'

/** The poll and its seminar, when the reader may read it; 404 otherwise. */
async function readablePoll(app: FastifyInstance, request: FastifyRequest, id: string): Promise<{ poll: PollRow; debate: DebateRow }> {
  const poll = await app.repos.polls.byId(Number(id))
  const debate = poll && (await app.repos.debates.byId(poll.debateId))
  if (!poll || !debate || !(await app.guardian.canRead(debate, request.user))) throw notFound(`No poll ${id}`)
  return { poll, debate }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id',
    {
      schema: {
        tags: ['seminars'],
        summary: "A stance poll: how many voted, the reader's own vote, and its result once closed",
        params: IdParams,
        response: { 200: PollResponse, ...errors(400, 404) },
      },
    },
    async (request) => {
      const { poll } = await readablePoll(app, request, request.params.id)
      return { poll: await app.repos.polls.get(poll, request.user?.id ?? null) }
    },
  )

  app.put(
    '/:id/vote',
    {
      schema: {
        tags: ['seminars'],
        summary: "Vote in an open poll, or change one's vote",
        description:
          'A `reason` (one line: why you changed side) only in an "after" round. 409 once the poll is closed. ' +
          'Others learn only that the number of voters changed, never how anyone voted.',
        params: IdParams,
        body: PollVote,
        response: { 200: PollResponse, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const { poll, debate } = await readablePoll(app, request, request.params.id)
      const user = await app.guardian.attendee(debate, request.user)
      await enforce(app.limits.writesPerUser, String(user.id), 'Too many changes; wait a moment')
      return { poll: published(app, request, await app.repos.polls.vote(debate, poll, user.id, request.body.stance, request.body.reason)) }
    },
  )

  app.post(
    '/:id/close',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Close a poll and reveal its result (leaders)',
        description:
          'For an "after" round, `shift[from][to]` counts those who voted in both rounds, and `reasons` gives the reasons ' +
          'of those who changed side, without names. 409 when the poll is closed already.',
        params: IdParams,
        response: { 200: PollClosed, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const { poll, debate } = await readablePoll(app, request, request.params.id)
      const user = await app.guardian.steerer(debate, request.user)
      await enforce(app.limits.writesPerUser, String(user.id), 'Too many changes; wait a moment')
      return published(app, request, await app.repos.polls.close(debate, poll))
    },
  )
}

export default routes
