/**
 * Starting and joining seminars: a signed-in account creates one (and owns it); anyone with a
 * current join code joins it, as themselves when signed in, else as a guest with a display name
 * and a session of their own; every join starts a new session. Failed codes back off (see
 * `seminarOf`); successful joins are never limited, since a whole class joins from behind one
 * address in the same minute.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { badRequest, forbidden, notFound } from '../../../errors.ts'
import { browserUserIds } from '../../../plugins/app/auth.ts'
import { refuseUnless } from '../../../plugins/app/limits.ts'
import { isBlank } from '../../../policy/names.ts'
import type { DebateRow } from '../../../repositories/debates.ts'
import { currentCode, normaliseJoinCode, shownCode } from '../../../repositories/seminars.ts'
import { UsersRepository, type UserRow } from '../../../repositories/users.ts'
import { errors } from '../../../schemas/common.ts'
import { JoinBody, Joined, JoinParams, JoinPreview, NewSeminar, SeminarCreated } from '../../../schemas/seminars.ts'
import { published } from '../publish.ts'

const NO_SEMINAR = 'No seminar with this code'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * The seminar a code opens, or 404 (counted as a failure). Failures back off per address, and
   * per account for a signed-in one, which the address's back-off holds up only once it failed
   * itself (so fresh accounts buy a guesser one try each). A code that already opened a
   * seminar from this address, or the current code of a guest's own seminar, is looked up
   * whatever else the address tried.
   */
  async function seminarOf(request: FastifyRequest, input: string): Promise<DebateRow> {
    const code = normaliseJoinCode(input)
    const user = request.user
    const { failedJoinsPerAccount: perAccount, failedJoinsPerAddress: perAddress } = app.limits
    const account = user !== null && user.guestDebateId === null ? String(user.id) : null
    const worked = `${request.ip} ${code}`
    if (!(await app.limits.codesWorkedFrom.has(worked)) && !(await isOwnSeminarCode(user, code))) {
      const message = 'Too many wrong codes; try again later'
      if (account !== null) refuseUnless(await perAccount.check(account), message)
      if (account === null || (await perAccount.failing(account))) refuseUnless(await perAddress.check(request.ip), message)
    }
    const debate = await app.repos.seminars.byCode(code)
    if (!debate) {
      if (account !== null) await perAccount.fail(account)
      await perAddress.fail(request.ip)
      throw notFound(NO_SEMINAR)
    }
    await app.limits.codesWorkedFrom.note(worked)
    return debate
  }

  async function isOwnSeminarCode(user: UserRow | null, code: string): Promise<boolean> {
    if (user?.guestDebateId == null) return false
    const own = await app.repos.debates.byId(user.guestDebateId)
    return own !== undefined && currentCode(own)?.joinCode === code
  }

  /**
   * A browser that was signed in to a banned account, or whose guest was removed from this
   * seminar, gets no new guest: the ban sticks to the browser as well as to the account.
   */
  async function refuseBannedBrowser(request: FastifyRequest, debate: DebateRow): Promise<void> {
    for (const id of browserUserIds(request)) {
      const seen = await app.repos.users.byId(id)
      if (!seen) continue
      if (seen.bannedAt !== null) throw forbidden('This browser was used by a banned account; it cannot join as a guest')
      if (seen.guestDebateId === debate.id && !(await app.repos.debates.membership(debate.id, seen.id))) {
        throw forbidden('You were removed from this seminar; ask its leader to let you back in')
      }
    }
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
      const essay = await app.repos.essays.bySlug(request.body.essay)
      if (!essay) throw notFound(`No essay "${request.body.essay}"`)
      const title = request.body.title.trim()
      if (isBlank(title)) throw badRequest('body/title must not be blank')
      const { debate, code } = await app.repos.seminars.create({
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
        description: '404 for an unknown, expired or revoked code; 429 while wrong codes back off.',
        params: JoinParams,
        response: {
          200: JoinPreview,
          ...errors(400, 404, 429),
        },
      },
    },
    async (request) => {
      const debate = await seminarOf(request, request.params.code)
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
          'with the display name. Joining again adds nothing, but every join starts a new session (the cookie the browser ' +
          'came with stops working). A browser used by a banned account, or whose guest was removed from this seminar, ' +
          'gets 403 instead of a new guest. 404 for an unknown, expired or revoked code; 429 while wrong codes back off.',
        body: JoinBody,
        response: { 200: Joined, ...errors(400, 403, 404, 413, 429) },
      },
    },
    async (request, reply) => {
      const debate = await seminarOf(request, request.body.code)
      const user = request.user
      if (user && user.bannedAt !== null) throw forbidden('Your account is banned')
      // Who joins as a new guest: nobody signed in, or the guest of another seminar.
      if (user === null || (user.guestDebateId !== null && user.guestDebateId !== debate.id)) await refuseBannedBrowser(request, debate)
      if (user === null && request.body.displayName === undefined) throw badRequest('body/displayName is required to join as a guest')
      const joined = await app.repos.seminars.join(debate, user, request.body.displayName)
      await app.startSession(request, reply, joined.value.user.id)
      published(app, request, joined)
      return { debate: { slug: debate.slug, title: debate.title }, user: UsersRepository.toPublic(joined.value.user) }
    },
  )
}

export default routes
