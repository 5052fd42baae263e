/**
 * Steering a seminar (its leaders only): the join code, the phase, the spotlight, the overview
 * of who has done what, and the roster (renaming and removing members). Each answers 400 on a
 * debate that is not a seminar. What members' sockets may receive follows a phase change or a
 * removal by itself (see `LiveHub.publish`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { presentPerson } from '../../../policy/visibility.ts'
import { currentCode, shownCode } from '../../../repositories/seminars.ts'
import { DebateParams, errors, IdParam, Slug } from '../../../schemas/common.ts'
import { DisplayName, JoinCodeBody, JoinCodeResponse, Overview, Phase, PhaseBody, SpotlightBody } from '../../../schemas/seminars.ts'
import { debateAs, paragraphOf } from '../lookups.ts'
import { published } from '../publish.ts'

const MemberIdParams = Type.Object({ debate: Slug, userId: IdParam }, { additionalProperties: false })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:debate/join-code',
    {
      schema: {
        tags: ['seminars'],
        summary: "The seminar's current join code, or null when it has none or it expired (leaders)",
        params: DebateParams,
        response: { 200: JoinCodeResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { debate } = await debateAs(app, request, 'leader')
      return shownCode(currentCode(debate))
    },
  )

  app.post(
    '/:debate/join-code',
    {
      schema: {
        tags: ['seminars'],
        summary: 'A new join code; the old one stops working at once (leaders)',
        params: DebateParams,
        body: JoinCodeBody,
        response: { 201: JoinCodeResponse, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const { debate } = await debateAs(app, request, 'leader')
      const code = published(app, request, await app.repos.seminars.rotateCode(debate, request.body.ttlMinutes))
      return reply.code(201).send(shownCode(code))
    },
  )

  app.delete(
    '/:debate/join-code',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Revoke the join code: nobody new can join until a new one is made (leaders)',
        params: DebateParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { debate } = await debateAs(app, request, 'leader')
      published(app, request, await app.repos.seminars.revokeCode(debate))
      return reply.code(204).send(null)
    },
  )

  app.put(
    '/:debate/phase',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Move the seminar to another phase (leaders)',
        description:
          'reading: the essay only; private: everyone writes and takes positions but sees only their own; ' +
          'open: everything is revealed; closed: read-only.',
        params: DebateParams,
        body: PhaseBody,
        response: { 200: Type.Object({ phase: Phase }), ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const { debate } = await debateAs(app, request, 'leader')
      return { phase: published(app, request, await app.repos.seminars.setPhase(debate, request.body.phase)) }
    },
  )

  app.put(
    '/:debate/spotlight',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Focus a paragraph for everyone, or none with null (leaders)',
        params: DebateParams,
        body: SpotlightBody,
        response: { 200: Type.Object({ spotlight: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const { debate } = await debateAs(app, request, 'leader')
      const { anchor } = request.body
      const block = anchor === null ? null : await paragraphOf(app, debate, anchor)
      return { spotlight: published(app, request, await app.repos.seminars.setSpotlight(debate, block)) }
    },
  )

  app.get(
    '/:debate/overview',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Who has done what, and where the arguments and positions stand on each paragraph (leaders)',
        params: DebateParams,
        response: { 200: Overview, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'leader')
      const viewer = await app.guardian.viewerOf(debate, user)
      const counted = new Map((await app.repos.records.participation(debate)).map((r) => [r.person.id, r] as const))
      return {
        members: (await app.repos.seminars.overview(debate)).map((m) => {
          const p = counted.get(m.person.id)
          return {
            user: presentPerson(m.person, viewer),
            role: m.role,
            guest: m.guest,
            positions: m.positions,
            comments: m.comments,
            participation: {
              arguments: p?.arguments ?? 0,
              replies: p?.replies ?? 0,
              votesGiven: p?.votesGiven ?? 0,
              votesReceived: p?.votesReceived ?? 0,
              pollVotes: p?.pollVotes ?? 0,
              speakingTurns: p?.speakingTurns ?? 0,
            },
          }
        }),
        paragraphs: (await app.repos.debates.blocksWithTallies(debate, null))
          .filter((b) => b.kind === 'paragraph')
          .map((b) => ({
            anchor: b.anchor,
            pro: b.counts.pro,
            contra: b.counts.contra,
            neutral: b.counts.neutral,
            positions: b.positions,
          })),
      }
    },
  )

  app.patch(
    '/:debate/members/:userId',
    {
      schema: {
        tags: ['seminars'],
        summary: 'Rename a member in this seminar; null gives them their own name back (leaders)',
        params: MemberIdParams,
        body: Type.Object({ displayName: Type.Union([DisplayName, Type.Null()]) }, { additionalProperties: false }),
        response: { 200: Type.Object({ member: Type.Ref('Person') }), ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'leader')
      const person = await app.repos.seminars.rename(debate, Number(request.params.userId), request.body.displayName)
      return { member: presentPerson(person, await app.guardian.viewerOf(debate, user)) }
    },
  )

  app.delete(
    '/:debate/members/:userId',
    {
      schema: {
        tags: ['seminars'],
        summary: "Remove a member from the seminar; a guest's sessions end and their sockets close (leaders)",
        params: MemberIdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { debate } = await debateAs(app, request, 'leader')
      const removal = await app.repos.seminars.remove(debate, Number(request.params.userId))
      app.hub.closeSessions(removal.value)
      published(app, request, removal)
      return reply.code(204).send(null)
    },
  )
}

export default routes
