/**
 * Starting and joining seminars: a signed-in account creates one (and owns it); anyone with a
 * current join code joins it, as themselves when signed in, else as a guest with a display name
 * and a session of their own. Failed codes are rate limited per address; successful joins never
 * are, since a whole class joins from behind one address in the same minute.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { badRequest, forbidden, notFound, tooManyRequests } from '../../../errors.ts'
import { isBlank } from '../../../policy/names.ts'
import type { DebateRow } from '../../../repositories/debates.ts'
import { shownCode } from '../../../repositories/seminars.ts'
import { UsersRepository } from '../../../repositories/users.ts'
import { errors } from '../../../schemas/common.ts'
import { JoinBody, JoinParams, NewSeminar, SeminarCreated } from '../../../schemas/seminars.ts'

const NO_SEMINAR = 'No seminar with this code'

const DebateRef = Type.Object({ slug: Type.String(), title: Type.String() })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  /** The seminar a code opens; 429 once this address failed too often, 404 (counted as a failure) otherwise. */
  function seminarOf(request: FastifyRequest, code: string): DebateRow {
    const verdict = app.limits.failedJoinsPerAddress.check(request.ip)
    if (!verdict.ok) throw tooManyRequests('Too many wrong codes from this address; try again later', verdict.retryAfterMs / 1000)
    const debate = app.repos.seminars.byCode(code)
    if (!debate) {
      app.limits.failedJoinsPerAddress.hit(request.ip)
      throw notFound(NO_SEMINAR)
    }
    return debate
  }

  app.post(
    '/seminars',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Start a seminar on an essay: a private debate in its reading phase, with a join code',
        description: 'Any signed-in account that is not a guest; it owns the seminar. The join code is valid for 24 hours.',
        body: NewSeminar,
        response: { 201: SeminarCreated, ...errors(400, 401, 403, 404, 413, 429) },
      },
    },
    async (request, reply) => {
      const user = app.guardian.seminarCreator(request.user)
      const essay = app.repos.essays.bySlug(request.body.essay)
      if (!essay) throw notFound(`No essay "${request.body.essay}"`)
      const title = request.body.title.trim()
      if (isBlank(title)) throw badRequest('body/title must not be blank')
      const { debate, code } = app.repos.seminars.create({
        essayId: essay.id,
        ownerId: user.id,
        title,
        anonymous: request.body.anonymous ?? false,
      })
      return reply.code(201).send({ debate: { slug: debate.slug, title: debate.title }, ...shownCode(code) })
    },
  )

  app.get(
    '/join/:code',
    {
      schema: {
        tags: ['seminars'],
        summary: 'What a join code opens, for the join page',
        description: '404 for an unknown, expired or revoked code; 429 after too many of those from one address.',
        params: JoinParams,
        response: {
          200: Type.Object({
            debate: DebateRef,
            anonymous: Type.Boolean({ description: 'Participants see each other by pseudonym' }),
            signedIn: Type.Boolean({ description: 'Joining needs no display name: the reader joins as themselves' }),
          }),
          ...errors(400, 404, 429),
        },
      },
    },
    async (request) => {
      const debate = seminarOf(request, request.params.code)
      const signedIn = request.user !== null && (request.user.guestDebateId === null || request.user.guestDebateId === debate.id)
      return { debate: { slug: debate.slug, title: debate.title }, anonymous: debate.anonymous, signedIn }
    },
  )

  app.post(
    '/join',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Join a seminar with its code',
        description:
          'Signed in: the account becomes a participant. Otherwise (or as the guest of another seminar) a guest is made ' +
          'with the display name, and signed in with a session cookie. Joining again changes nothing. ' +
          '404 for an unknown, expired or revoked code; 429 after too many of those from one address.',
        body: JoinBody,
        response: { 200: Type.Object({ debate: DebateRef, user: Type.Ref('User') }), ...errors(400, 403, 404, 413, 429) },
      },
    },
    async (request, reply) => {
      const debate = seminarOf(request, request.body.code)
      const user = request.user
      if (user && user.bannedAt !== null) throw forbidden('Your account is banned')
      if (user === null && request.body.displayName === undefined) throw badRequest('body/displayName is required to join as a guest')
      const { value, events } = app.repos.seminars.join(debate, user, request.body.displayName)
      if (value.guest) app.startSession(reply, value.user.id)
      app.hub.publish(events, request.clientId)
      return { debate: { slug: debate.slug, title: debate.title }, user: UsersRepository.toPublic(value.user) }
    },
  )
}

export default routes
