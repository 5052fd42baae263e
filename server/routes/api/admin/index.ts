/**
 * Site administration: bans (every session of the banned user ends and their sockets close),
 * the site-wide watched words, and the site-wide part of the moderation log.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notFound } from '../../../errors.ts'
import { errors, IdParams } from '../../../schemas/common.ts'
import { LogQuery, NewWatchedWord, UserParams, WatchedWordResponse, WatchedWordsResponse } from '../../../schemas/moderation.ts'
import { userNamed } from '../lookups.ts'
import { LogReply, replyWithLog } from '../moderation/log.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/bans/:username',
    {
      schema: {
        tags: ['admin'],
        summary: 'Ban a user site-wide: every session ends and every socket of theirs closes',
        params: UserParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const target = await userNamed(app, request.params.username)
      const user = app.guardian.banner(request.user, target)
      await app.repos.members.setBan(target, user.id, true)
      app.hub.closeSessions(await app.repos.sessions.revokeAllOf(target.id))
      return reply.code(204).send(null)
    },
  )

  app.delete(
    '/bans/:username',
    {
      schema: {
        tags: ['admin'],
        summary: 'Lift a ban',
        params: UserParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = app.guardian.admin(request.user, 'lift bans')
      await app.repos.members.setBan(await userNamed(app, request.params.username), user.id, false)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/watched-words',
    {
      schema: {
        tags: ['admin'],
        summary: 'The site-wide watched words, which apply in every debate',
        response: { 200: WatchedWordsResponse, ...errors(401, 403) },
      },
    },
    async (request) => {
      app.guardian.admin(request.user, 'manage site-wide watched words')
      return { words: await app.repos.watchedWords.list(null) }
    },
  )

  app.post(
    '/watched-words',
    {
      schema: {
        tags: ['admin'],
        summary: 'Watch a word in every debate: block, hold for review, or censor',
        body: NewWatchedWord,
        response: { 201: WatchedWordResponse, ...errors(400, 401, 403, 413) },
      },
    },
    async (request, reply) => {
      const user = app.guardian.admin(request.user, 'manage site-wide watched words')
      const word = await app.repos.watchedWords.add(null, request.body.pattern, request.body.action, user.id)
      return reply.code(201).send({ word })
    },
  )

  app.delete(
    '/watched-words/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Stop watching a site-wide word',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const user = app.guardian.admin(request.user, 'manage site-wide watched words')
      const word = await app.repos.watchedWords.byId(Number(request.params.id), null)
      if (!word) throw notFound(`No site-wide watched word ${request.params.id}`)
      await app.repos.watchedWords.remove(word, user.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/log',
    {
      schema: {
        tags: ['admin'],
        summary: 'Site-wide moderation actions (bans, site-wide watched words), newest first, as JSON or CSV',
        querystring: LogQuery,
        response: {
          200: LogReply,
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      app.guardian.admin(request.user, 'read the site-wide log')
      return replyWithLog(app, reply, null, request.query, 'site')
    },
  )
}

export default routes
