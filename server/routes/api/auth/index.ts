/** Accounts and sessions: register, log in, log out, who am I. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { conflict, unauthorized } from '../../../errors.ts'
import { checkedName, skeleton } from '../../../policy/names.ts'
import { requireUser } from '../../../plugins/app/auth.ts'
import { enforce, refuseUnless } from '../../../plugins/app/limits.ts'
import { UsernameTakenError, UsersRepository } from '../../../repositories/users.ts'
import { Type } from 'typebox'
import { Credentials, LoginCredentials, SessionResponse, UserResponse } from '../../../schemas/auth.ts'
import { errors } from '../../../schemas/common.ts'

const BAD_CREDENTIALS = 'Wrong username or password'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account and sign in',
        body: Credentials,
        response: { 201: UserResponse, ...errors(400, 403, 409, 413, 429) },
      },
    },
    async (request, reply) => {
      await enforce(app.limits.registrationsPerAddress, request.ip, 'Too many registrations from this address; try again later')
      const { username, password } = request.body
      // The rules every chosen name follows; a look-alike of an existing account is as taken as the account.
      checkedName(username, 'body/username', () => null)
      if (await app.repos.users.accountLike(skeleton(username)))
        throw conflict(`The name "${username}" is taken, or looks like one that is`)
      try {
        const user = await app.repos.users.create(username, password)
        await app.startSession(request, reply, user.id)
        return reply.code(201).send({ user: UsersRepository.toPublic(user) })
      } catch (err) {
        if (err instanceof UsernameTakenError) throw conflict(err.message)
        throw err
      }
    },
  )

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        body: LoginCredentials,
        response: { 200: UserResponse, ...errors(400, 401, 403, 413, 429) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body
      const account = username.toLowerCase()
      const pair = `${account} ${request.ip}`
      const limits = app.limits
      // Where the owner signed in before, neither the hall's nor the whole world's failures hold them up.
      const known = await limits.signInsFrom.has(pair)
      for (const [limiter, key] of [
        [limits.failedLoginsPerAccountAddress, pair],
        ...(known
          ? []
          : ([
              [limits.failedLoginsPerAddress, request.ip],
              [limits.failedLoginsPerAccount, account],
            ] as const)),
      ] as const) {
        refuseUnless(await limiter.check(key), 'Too many failed logins; try again later')
      }
      const user = await app.repos.users.authenticate(username, password)
      if (!user) {
        await limits.failedLoginsPerAccountAddress.fail(pair)
        await limits.failedLoginsPerAddress.fail(request.ip)
        await limits.failedLoginsPerAccount.fail(account)
        throw unauthorized(BAD_CREDENTIALS)
      }
      await limits.failedLoginsPerAccountAddress.reset(pair)
      await limits.signInsFrom.note(pair)
      await app.startSession(request, reply, user.id)
      return { user: UsersRepository.toPublic(user) }
    },
  )

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: the session ends on the server and its sockets close',
        response: { 204: Type.Null(), ...errors(403) },
      },
    },
    async (request, reply) => {
      await app.endSession(request, reply)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: UserResponse, ...errors(401) },
      },
    },
    async (request) => ({ user: UsersRepository.toPublic(requireUser(request)) }),
  )

  app.get(
    '/session',
    {
      schema: {
        tags: ['auth'],
        summary: "The browser's session: the signed-in user, or null for an anonymous reader",
        description: 'What a page asks on opening; unlike /me it answers 200 either way, so an anonymous visit shows no error.',
        response: { 200: SessionResponse },
      },
    },
    async (request) => ({ user: request.user ? UsersRepository.toPublic(request.user) : null }),
  )
}

export default routes
