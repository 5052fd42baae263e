/**
 * A seminar's small groups. Every member reads them (each group's letter and members, their
 * own group, the state of group work); the leaders form them (at random, balanced by stance,
 * or empty to fill by hand), move members until group work starts, start it, end it in the
 * plenum, and compare the groups paragraph by paragraph. What members' sockets receive during
 * group work follows by itself (see `LiveHub.publish`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { badRequest } from '../../../errors.ts'
import { present } from '../../../policy/visibility.ts'
import type { Change } from '../../../repositories/comments.ts'
import type { DebateRow } from '../../../repositories/debates.ts'
import type { UserRow } from '../../../repositories/users.ts'
import { DebateParams, errors } from '../../../schemas/common.ts'
import { Comparison, FormGroups, GroupStateBody, MemberParams, MoveMember } from '../../../schemas/groups.ts'
import { Groups } from '../../../schemas/seminars.ts'
import { debateAs, readableDebate } from '../lookups.ts'
import { published } from '../publish.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  /** The groups as `user` sees them, after `change` is published: of the debate as it is now. */
  async function answer(request: FastifyRequest, debate: DebateRow, user: UserRow, change: Change<unknown>) {
    published(app, request, change)
    const now = (await app.repos.debates.bySlug(debate.slug)) ?? debate
    return app.repos.groups.groups(now, await app.guardian.viewerOf(now, user))
  }

  app.get(
    '/:debate/groups',
    {
      schema: {
        tags: ['groups'],
        summary: "A seminar's groups with their members, the reader's own group, and the state of group work",
        params: DebateParams,
        response: { 200: Groups, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const debate = await readableDebate(app, request, request.params.debate)
      if (debate.phase === null) throw badRequest(`"${debate.slug}" is not a seminar`)
      return app.repos.groups.groups(debate, await app.guardian.viewerOf(debate, request.user))
    },
  )

  app.put(
    '/:debate/groups',
    {
      schema: {
        tags: ['groups'],
        summary: 'Form the groups afresh, until group work starts (leaders)',
        description:
          'By `size` (at least so many in each, some one more) or by `count`. `random` shuffles the participants; ' +
          '`balanced` gives each group a mix of pro, contra and undecided (by their positions, or by their vote in the ' +
          'last closed poll); `manual` makes empty groups for the leader to fill. Leaders are in no group: they see all.',
        params: DebateParams,
        body: FormGroups,
        response: { 200: Groups, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'steerer')
      return answer(request, debate, user, await app.repos.groups.form(debate, request.body))
    },
  )

  app.delete(
    '/:debate/groups',
    {
      schema: {
        tags: ['groups'],
        summary: 'Take the groups apart, until group work starts (leaders)',
        params: DebateParams,
        response: { 200: Groups, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'steerer')
      return answer(request, debate, user, await app.repos.groups.disband(debate))
    },
  )

  app.put(
    '/:debate/groups/members/:user',
    {
      schema: {
        tags: ['groups'],
        summary: 'Put a participant in another group, or in none, until group work starts (leaders)',
        params: MemberParams,
        body: MoveMember,
        response: { 200: Groups, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'steerer')
      return answer(request, debate, user, await app.repos.groups.move(debate, Number(request.params.user), request.body.group))
    },
  )

  app.put(
    '/:debate/groups/state',
    {
      schema: {
        tags: ['groups'],
        summary: 'Start group work (the groups are fixed from then on) or end it in the plenum (leaders)',
        description:
          'During group work each participant sees and writes only within their group; the private and open phases ' +
          'apply within it. Participants in no group when it starts go into the smallest. The plenum shows everything ' +
          'to all, each argument labelled by its group.',
        params: DebateParams,
        body: GroupStateBody,
        response: { 200: Groups, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'steerer')
      return answer(request, debate, user, await app.repos.groups.setState(debate, request.body.state))
    },
  )

  app.get(
    '/:debate/groups/comparison',
    {
      schema: {
        tags: ['groups'],
        summary: "Per paragraph, each group's balance, positions and strongest argument: what the projector compares (leaders)",
        params: DebateParams,
        response: { 200: Comparison, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'leader')
      const viewer = await app.guardian.viewerOf(debate, user)
      const shown = (await app.repos.comments.groupArguments(debate.id)).flatMap((c) => {
        const seen = present(c, viewer)
        return seen && c.status === 'published' && !c.hidden && !c.deleted && !c.removed ? [seen] : []
      })
      return app.repos.groups.comparison(debate, shown)
    },
  )
}

export default routes
