/**
 * Moderating a debate: its settings and paragraph locks, its moderators, mutes and members,
 * its watched words, the review queue and the log (JSON or CSV). Registered under `/api`,
 * since the queue's items are addressed on their own (`/api/moderation/queue/:item`) and
 * everything else under the debate (`/api/debates/:debate/...`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { badRequest, notFound } from '../../../errors.ts'
import { DebateParams, errors, ParagraphParams } from '../../../schemas/common.ts'
import { ParagraphLockBody, ParagraphLockResponse, SettingsPatch, SettingsResponse } from '../../../schemas/debates.ts'
import {
  DebateWordParams,
  LogQuery,
  MemberParams,
  MembersResponse,
  MuteBody,
  NewWatchedWord,
  QueueAction,
  QueueItemParams,
  QueueItemResponse,
  QueueResponse,
  WatchedWordResponse,
  WatchedWordsResponse,
} from '../../../schemas/moderation.ts'
import { debateAs, muteEnd, paragraphOf, readableDebate, userNamed } from '../lookups.ts'
import { published } from '../publish.ts'
import { LogReply, replyWithLog } from './log.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // Settings and locks

  app.get(
    '/debates/:debate/settings',
    {
      schema: {
        tags: ['moderation'],
        summary: "A debate's moderation settings (readable by its readers, e.g. for the slow-mode notice)",
        params: DebateParams,
        response: { 200: SettingsResponse, ...errors(400, 404) },
      },
    },
    async (request) => {
      const debate = await readableDebate(app, request, request.params.debate)
      return { settings: app.repos.debates.settingsOf(debate) }
    },
  )

  app.patch(
    '/debates/:debate/settings',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Lock or unlock the debate, set slow mode, pre-moderation and the flag threshold (moderators)',
        params: DebateParams,
        body: SettingsPatch,
        response: { 200: SettingsResponse, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'moderator')
      return { settings: published(app, request, await app.repos.moderation.updateSettings(debate, user.id, request.body)) }
    },
  )

  app.put(
    '/debates/:debate/paragraphs/:anchor/lock',
    {
      schema: {
        tags: ['moderation'],
        summary: "Lock or unlock a paragraph's thread (moderators): readable, not answerable",
        params: ParagraphParams,
        body: ParagraphLockBody,
        response: { 200: ParagraphLockResponse, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const debate = await readableDebate(app, request, request.params.debate)
      const block = await paragraphOf(app, debate, request.params.anchor)
      const user = await app.guardian.moderator(debate, request.user)
      const locked = published(app, request, await app.repos.moderation.lockParagraph(debate, block, user.id, request.body.locked))
      return { anchor: block.anchor, locked }
    },
  )

  // People

  app.get(
    '/debates/:debate/members',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Members and writers of the debate, with role, mute and ban (moderators)',
        params: DebateParams,
        response: { 200: MembersResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { debate } = await debateAs(app, request, 'moderator')
      const now = Date.now()
      return {
        members: (await app.repos.debates.members(debate.id)).map((m) => {
          const muted = m.mutedUntil !== null && m.mutedUntil > now
          return {
            user: { id: m.id, username: m.username },
            role: m.role,
            muted,
            mutedUntil: muted ? muteEnd(m.mutedUntil) : null,
            banned: m.bannedAt !== null,
            guest: m.guest,
            pseudonym: m.pseudonym,
            displayName: m.displayName,
          }
        }),
      }
    },
  )

  for (const [method, on] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/debates/:debate/moderators/:username',
      schema: {
        tags: ['moderation'],
        summary: on ? 'Appoint a moderator (the owner or an admin)' : 'Dismiss a moderator (the owner or an admin)',
        params: MemberParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) => {
        const debate = await readableDebate(app, request, request.params.debate)
        // A member of this debate first: a guest may bear the same name as some account.
        const target =
          (await app.repos.debates.memberNamed(debate.id, request.params.username)) ?? (await userNamed(app, request.params.username))
        const user = await app.guardian.appointer(debate, request.user, on ? target : undefined)
        published(app, request, await app.repos.members.setModerator(debate, target, user.id, on))
        return reply.code(204).send(null)
      },
    })
  }

  app.put(
    '/debates/:debate/mutes/:username',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Mute a participant in this debate until a time, or indefinitely (moderators)',
        description: 'A muted participant reads but cannot post, vote, flag or take positions.',
        params: MemberParams,
        body: MuteBody,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const debate = await readableDebate(app, request, request.params.debate)
      const target = await userNamed(app, request.params.username)
      const user = await app.guardian.muter(debate, request.user, target)
      const until = request.body.until === undefined ? null : Date.parse(request.body.until)
      if (until !== null && !(until > Date.now())) throw badRequest('body/until must be a time in the future')
      published(
        app,
        request,
        await app.repos.members.setMute(debate, target, user.id, { until, reason: request.body.reason?.trim() ?? null }),
      )
      return reply.code(204).send(null)
    },
  )

  app.delete(
    '/debates/:debate/mutes/:username',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Lift a mute (moderators)',
        params: MemberParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { debate, user } = await debateAs(app, request, 'moderator')
      const target = await userNamed(app, request.params.username)
      published(app, request, await app.repos.members.setMute(debate, target, user.id, null))
      return reply.code(204).send(null)
    },
  )

  // Watched words

  app.get(
    '/debates/:debate/watched-words',
    {
      schema: {
        tags: ['moderation'],
        summary: "The debate's watched words, and the site-wide ones that apply too (moderators)",
        params: DebateParams,
        response: { 200: WatchedWordsResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { debate } = await debateAs(app, request, 'moderator')
      return { words: await app.repos.watchedWords.list(debate.id, true) }
    },
  )

  app.post(
    '/debates/:debate/watched-words',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Watch a word in this debate: block, hold for review, or censor (moderators)',
        params: DebateParams,
        body: NewWatchedWord,
        response: { 201: WatchedWordResponse, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const { debate, user } = await debateAs(app, request, 'moderator')
      const word = await app.repos.watchedWords.add(debate.id, request.body.pattern, request.body.action, user.id)
      return reply.code(201).send({ word })
    },
  )

  app.delete(
    '/debates/:debate/watched-words/:id',
    {
      schema: {
        tags: ['moderation'],
        summary: "Stop watching a word of this debate's list (moderators)",
        params: DebateWordParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { debate, user } = await debateAs(app, request, 'moderator')
      const word = await app.repos.watchedWords.byId(Number(request.params.id), debate.id)
      if (!word) throw notFound(`No watched word ${request.params.id} in debate "${debate.slug}"`)
      await app.repos.watchedWords.remove(word, user.id)
      return reply.code(204).send(null)
    },
  )

  // The queue

  app.get(
    '/debates/:debate/moderation/queue',
    {
      schema: {
        tags: ['moderation'],
        summary: 'What waits for review: flagged, held and outdated comments, oldest first (moderators)',
        params: DebateParams,
        response: { 200: QueueResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { debate } = await debateAs(app, request, 'moderator')
      return { items: await app.repos.moderation.queue(debate) }
    },
  )

  app.post(
    '/moderation/queue/:item',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Resolve a queue item: keep, hide, delete, return for revision, or reattach (moderators)',
        description: "hide and return need a reason (the author sees a return's reason); reattach needs an anchor.",
        params: QueueItemParams,
        body: QueueAction,
        response: { 200: QueueItemResponse, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const item = await app.repos.moderation.item(Number(request.params.item))
      const debate = item && (await app.repos.debates.byId(item.debateId))
      if (!item || !debate || !(await app.guardian.canRead(debate, request.user))) throw notFound(`No queue item ${request.params.item}`)
      const user = await app.guardian.moderator(debate, request.user)
      const { action, anchor } = request.body
      const target = action === 'reattach' && anchor !== undefined ? await paragraphOf(app, debate, anchor) : undefined
      const reason = request.body.reason?.trim() || null
      return { item: published(app, request, await app.repos.moderation.resolve(debate, item, user.id, action, reason, target)) }
    },
  )

  // The log

  app.get(
    '/debates/:debate/moderation/log',
    {
      schema: {
        tags: ['moderation'],
        summary: "The debate's moderation log, newest first, as JSON or as a CSV download (moderators)",
        params: DebateParams,
        querystring: LogQuery,
        response: {
          200: LogReply,
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { debate } = await debateAs(app, request, 'moderator')
      return replyWithLog(app, reply, debate.id, request.query, debate.slug)
    },
  )
}

export default routes
