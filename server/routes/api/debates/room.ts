/**
 * A seminar's room: its state at a glance, its stance polls, the speaker queue and the
 * speaker's timer. Participants vote (see routes/api/polls) and raise or lower their hand
 * whenever the seminar is not closed, reading phase included; the leaders open and close
 * polls, call the next speaker, take hands down and run the timer.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { badRequest } from '../../../errors.ts'
import { enforce } from '../../../plugins/app/limits.ts'
import { presentEntry, presentQueue } from '../../../policy/visibility.ts'
import type { DebateRow } from '../../../repositories/debates.ts'
import { DebateParams, errors, IdParam, Slug } from '../../../schemas/common.ts'
import {
  NewPoll,
  NextSpeaker,
  PollResponse,
  PollsResponse,
  QueueNext,
  QueueRaised,
  RaiseHand,
  TimerBody,
  TimerResponse,
} from '../../../schemas/seminars.ts'
import { debateAs, paragraphOf, readableDebate } from '../lookups.ts'
import { published } from '../publish.ts'

const QueueEntryParams = Type.Object({ debate: Slug, id: IdParam }, { additionalProperties: false })

/** The debate, when it is a seminar; 400 for an ordinary debate. */
function seminar(debate: DebateRow): DebateRow {
  if (debate.phase === null) throw badRequest(`"${debate.slug}" is not a seminar`)
  return debate
}

const TOO_FAST = 'Too many changes; wait a moment'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:debate/room',
    {
      schema: {
        tags: ['seminars'],
        summary: "A seminar's room: phase, spotlight, poll, speaker queue, timer and how many have joined",
        description:
          'The same state the live `subscribed` reply carries. `poll` is the open poll, else the latest closed one with ' +
          "its result; `mine` is the reader's own vote. `joinCode` only for the leaders.",
        params: DebateParams,
        response: { 200: Type.Ref('Room'), ...errors(400, 404) },
      },
    },
    async (request) => {
      const debate = seminar(await readableDebate(app, request, request.params.debate))
      return await app.repos.rooms.room(debate, await app.guardian.viewerOf(debate, request.user))
    },
  )

  app.get(
    '/:debate/polls',
    {
      schema: {
        tags: ['seminars'],
        summary: "A seminar's stance polls, newest first",
        description: "Results only for closed polls; `mine` is the reader's own vote.",
        params: DebateParams,
        response: { 200: PollsResponse, ...errors(400, 404) },
      },
    },
    async (request) => {
      const debate = seminar(await readableDebate(app, request, request.params.debate))
      return { polls: await app.repos.polls.list(debate, request.user?.id ?? null) }
    },
  )

  app.post(
    '/:debate/polls',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Open a stance poll on a paragraph or on the whole essay (leaders)',
        description:
          'With `before` (a closed poll of this seminar) it is the "after" round of that poll, on the same paragraph: ' +
          'its result shows who changed side. 409 while another poll is open.',
        params: DebateParams,
        body: NewPoll,
        response: { 201: PollResponse, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { debate, user } = await debateAs(app, request, 'steerer')
      const { anchor, before } = request.body
      const block = anchor === undefined ? null : await paragraphOf(app, debate, anchor)
      await enforce(app.limits.writesPerUser, String(user.id), TOO_FAST)
      return reply
        .code(201)
        .send({ poll: published(app, request, await app.repos.polls.open(debate, { block, beforeId: before }, user.id)) })
    },
  )

  app.post(
    '/:debate/queue',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Raise a hand to speak on a paragraph',
        description:
          'One raised hand per participant: raising again replaces the waiting one. Points of order (`kind: "order"`) go to the front.',
        params: DebateParams,
        body: RaiseHand,
        response: { 201: QueueRaised, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const debate = seminar(await readableDebate(app, request, request.params.debate))
      const user = await app.guardian.attendee(debate, request.user)
      const block = await paragraphOf(app, debate, request.body.anchor)
      await enforce(app.limits.writesPerUser, String(user.id), TOO_FAST)
      const queue = published(app, request, await app.repos.speakers.raise(debate, block, user.id, request.body.kind))
      const viewer = await app.guardian.viewerOf(debate, user)
      return reply.code(201).send({ entry: presentEntry(queue.entry, viewer), ...presentQueue(queue, viewer) })
    },
  )

  app.delete(
    '/:debate/queue/mine',
    {
      schema: {
        tags: ['seminars'],
        summary: "Lower one's own raised hand (also when there is none)",
        params: DebateParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const debate = seminar(await readableDebate(app, request, request.params.debate))
      const user = await app.guardian.attendee(debate, request.user)
      await enforce(app.limits.writesPerUser, String(user.id), TOO_FAST)
      published(app, request, await app.repos.speakers.lower(debate, user.id))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/:debate/queue/next',
    {
      schema: {
        tags: ['seminars'],
        summary: 'The current speaker is done; the first waiting hand speaks (leaders)',
        description: "With `seconds` the speaker's timer starts; without, a running timer stops.",
        params: DebateParams,
        body: NextSpeaker,
        response: { 200: QueueNext, ...errors(400, 401, 403, 404, 429) },
      },
      // A bare "next" (no body at all) is the common case: it means no timer.
      preValidation: async (request) => {
        request.body ??= {}
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'steerer')
      await enforce(app.limits.writesPerUser, String(user.id), TOO_FAST)
      const queue = published(app, request, await app.repos.speakers.next(debate, request.body.seconds))
      return { ...presentQueue(queue, await app.guardian.viewerOf(debate, user)), timer: queue.timer }
    },
  )

  app.delete(
    '/:debate/queue/:id',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Take a raised hand down (leaders)',
        params: QueueEntryParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { debate, user } = await debateAs(app, request, 'steerer')
      await enforce(app.limits.writesPerUser, String(user.id), TOO_FAST)
      published(app, request, await app.repos.speakers.remove(debate, Number(request.params.id)))
      return reply.code(204).send(null)
    },
  )

  app.put(
    '/:debate/timer',
    {
      schema: {
        tags: ['seminars'],
        summary: "Start the speaker's timer afresh, or stop it with `seconds: null` (leaders)",
        params: DebateParams,
        body: TimerBody,
        response: { 200: TimerResponse, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'steerer')
      await enforce(app.limits.writesPerUser, String(user.id), TOO_FAST)
      return { timer: published(app, request, await app.repos.speakers.setTimer(debate, request.body.seconds)) }
    },
  )
}

export default routes
