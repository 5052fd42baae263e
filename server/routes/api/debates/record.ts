/**
 * The seminar record (`/api/debates/:debate/record`): for the debate's leaders and moderators
 * the whole record, its exports and the grading; for anyone else who took part a personal
 * summary, their own row, with their mark once the leader released the marks.
 *
 * Comments in the record are as a moderator sees them: hidden bodies shown (only moderators and
 * leaders get the whole record), bodies of deleted and removed ones never.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { conflict, notFound, unauthorized } from '../../../errors.ts'
import { DebateView } from '../../../live/visibility.ts'
import { contributionsCsv, debateArgdown, participationCsv, recordMarkdown, type FullRecord } from '../../../record/exports.ts'
import type { DebateRow } from '../../../repositories/debates.ts'
import { strongest } from '../../../repositories/records.ts'
import type { UserRow } from '../../../repositories/users.ts'
import { DebateParams, errors } from '../../../schemas/common.ts'
import {
  GradeBody,
  GradeParams,
  GradingRule,
  Participation,
  RecordGrading,
  RecordLog,
  RecordReply,
  RecordResponse,
  ReleaseBody,
} from '../../../schemas/record.ts'
import { debateAs, readableDebate } from '../lookups.ts'
import { published } from '../publish.ts'

/** How many of a paragraph's arguments the record lists as its strongest. */
const STRONGEST = 3
const EXCERPT_WORDS = 8

const FullRecordResponse = Type.Object({ ...RecordResponse.properties, contributions: Type.Array(RecordReply) })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:debate/record',
    {
      schema: {
        tags: ['record'],
        summary: "The debate's record: the whole of it for its leaders and moderators, a personal summary for anyone else signed in",
        description:
          'scope full: timeline, polls, paragraphs with their strongest arguments and each small group’s balance, moderation ' +
          'and everyone’s participation with their group and marks; scope personal: only the reader’s own participation, and their mark once the leader released the marks.',
        params: DebateParams,
        response: { 200: RecordResponse, ...errors(401, 404) },
      },
    },
    async (request) => {
      const debate = await readableDebate(app, request, request.params.debate)
      if (!request.user) throw unauthorized()
      if (await app.guardian.isModerator(debate, request.user)) {
        const { contributions: _, ...record } = await fullRecord(app, debate)
        return record
      }
      return personalRecord(app, debate, request.user)
    },
  )

  app.get(
    '/:debate/record/record.json',
    {
      schema: {
        tags: ['record'],
        summary: 'The whole record with every comment, as a JSON download (leaders and moderators)',
        params: DebateParams,
        response: { 200: FullRecordResponse, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { debate } = await debateAs(app, request, 'moderator')
      return download(reply, 'application/json; charset=utf-8', `${debate.slug}-record.json`).send(await fullRecord(app, debate))
    },
  )

  app.get(
    '/:debate/record/log',
    {
      schema: {
        tags: ['record'],
        summary: "The debate's event log for a replay, each event with its time, as its leaders and moderators see it now",
        description:
          'Every event since the first, shown by the live rules (a removed comment without its body, events the reader ' +
          'may not see left out); a replay rebuilds the essay’s tallies, spotlight and arguments at any moment from it.',
        params: DebateParams,
        response: { 200: RecordLog, ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { debate, user } = await debateAs(app, request, 'moderator')
      const view = new DebateView(debate, app.guardian, app.repos.comments)
      const viewer = await app.guardian.viewerOf(debate, user)
      const logged = await app.repos.events.timed(debate)
      await view.load(logged.map((l) => l.event))
      return {
        events: logged.flatMap(({ event, at }) => {
          const shown = view.viewFor(viewer, event)
          return shown ? [{ at: new Date(at).toISOString(), event: shown }] : []
        }),
      }
    },
  )

  const exports = [
    {
      file: 'participation.csv',
      type: 'text/csv; charset=utf-8',
      summary: 'One row per participant with the participation columns and the mark (UTF-8 with BOM; Moodle and Canvas import it)',
      render: (record: FullRecord) => participationCsv(record.participation),
    },
    {
      file: 'contributions.csv',
      type: 'text/csv; charset=utf-8',
      summary: 'Every argument and reply with paragraph, small group, stance, parent, times, edits and moderation state (UTF-8 with BOM)',
      render: contributionsCsv,
    },
    {
      file: 'record.md',
      type: 'text/markdown; charset=utf-8',
      summary: 'The minutes as Markdown',
      render: recordMarkdown,
    },
    {
      file: 'debate.argdown',
      type: 'text/plain; charset=utf-8',
      summary: "The argument map in Argdown: each paragraph's claim, pro arguments as supports, contra as attacks, replies nested",
      render: debateArgdown,
    },
  ]
  for (const { file, type, summary, render } of exports) {
    app.get(
      `/:debate/record/${file}`,
      {
        schema: {
          tags: ['record'],
          summary: `${summary} (leaders and moderators)`,
          params: DebateParams,
          response: {
            200: { description: `The file ${file}`, content: { [type.split(';')[0]!]: { schema: Type.String() } } },
            ...errors(401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const { debate } = await debateAs(app, request, 'moderator')
        return download(reply, type, `${debate.slug}-${file}`).send(render(await fullRecord(app, debate)))
      },
    )
  }

  app.put(
    '/:debate/grading',
    {
      schema: {
        tags: ['record'],
        summary: 'Set what earns full marks (leaders)',
        params: DebateParams,
        body: GradingRule,
        response: { 200: RecordGrading, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const { debate } = await debateAs(app, request, 'leader')
      return shownGrading(await app.repos.records.setRule(debate, request.body))
    },
  )

  app.put(
    '/:debate/grades/:user',
    {
      schema: {
        tags: ['record'],
        summary: "Adjust one participant's mark and comment on it (leaders); both null: back to the computed mark",
        params: GradeParams,
        body: GradeBody,
        response: { 200: Participation, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const { debate } = await debateAs(app, request, 'leader')
      const userId = Number(request.params.user)
      const [row] = await app.repos.records.participation(debate, userId)
      if (!row) throw notFound(`Nobody with id ${userId} took part in "${debate.slug}"`)
      const { rule } = await app.repos.records.grading(debate)
      if (!rule) throw conflict('Set the grading rule first: PUT /api/debates/:debate/grading')
      await app.repos.records.setGrade(debate, userId, request.body.adjusted, request.body.comment)
      const [marked] = await app.repos.records.withMarks(debate, [row], rule)
      return marked!
    },
  )

  app.put(
    '/:debate/grades/released',
    {
      schema: {
        tags: ['record'],
        summary: 'Release the marks to the participants, or take them back (leaders); announced as `grades.released`',
        params: DebateParams,
        body: ReleaseBody,
        response: { 200: RecordGrading, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const { debate } = await debateAs(app, request, 'leader')
      if (!(await app.repos.records.grading(debate)).rule) {
        throw conflict('Set the grading rule first: PUT /api/debates/:debate/grading')
      }
      published(app, request, await app.repos.records.release(debate, request.body.released))
      return shownGrading(await app.repos.records.grading(debate))
    },
  )
}

function download(reply: FastifyReply, type: string, filename: string): FastifyReply {
  return reply.type(type).header('content-disposition', `attachment; filename="${filename}"`)
}

function shownGrading(state: { rule: GradingRule | null; releasedAt: number | null }) {
  return { rule: state.rule, releasedAt: state.releasedAt === null ? null : new Date(state.releasedAt).toISOString() }
}

function debateHeader(debate: DebateRow) {
  return {
    slug: debate.slug,
    title: debate.title,
    seminar: debate.phase !== null,
    phase: debate.phase,
    anonymous: debate.anonymous,
    createdAt: new Date(debate.createdAt).toISOString(),
  }
}

/** The whole record, as its leaders and moderators see it, with every comment. */
async function fullRecord(app: FastifyInstance, debate: DebateRow): Promise<FullRecord> {
  const repos = app.repos
  const [grading, rows, rawContributions, timeline, polls, blocks, groups, moderation] = [
    await repos.records.grading(debate),
    await repos.records.participation(debate),
    await repos.records.contributions(debate),
    await repos.records.timeline(debate),
    await repos.polls.list(debate, null),
    await repos.debates.blocksWithTallies(debate, null),
    await repos.records.groupTallies(debate),
    await repos.moderation.log(debate.id),
  ]
  const participation = await repos.records.withMarks(debate, rows, grading.rule)
  const names = new Map(participation.map((r) => [r.person.id, r.person.name]))
  const contributions = rawContributions.map(({ authorId, ...c }) => ({ ...c, author: names.get(authorId) ?? '?' }))
  const anchorOf = new Map(contributions.map((c) => [String(c.id), c.anchor]))
  const paragraphs = blocks
    .filter((b) => b.kind === 'paragraph')
    .map((b, i) => ({
      anchor: b.anchor,
      number: i + 1,
      excerpt: excerpt(b.text),
      text: b.text,
      counts: b.counts,
      positions: b.positions,
      strongest: strongest(contributions, b.anchor, STRONGEST),
      groups: groups.get(b.anchor) ?? [],
    }))
  return {
    debate: debateHeader(debate),
    scope: 'full',
    generatedAt: new Date().toISOString(),
    timeline,
    polls,
    paragraphs,
    moderation: [...moderation].reverse().map((m) => ({
      at: m.at,
      actor: m.actor.username,
      action: m.action,
      target: m.target,
      anchor: m.target.type === 'paragraph' ? m.target.id : m.target.type === 'comment' ? (anchorOf.get(m.target.id) ?? null) : null,
      reason: m.reason,
    })),
    participation,
    grading: shownGrading(grading),
    contributions,
  }
}

/** A participant's own summary: their row, with the mark once released. */
async function personalRecord(app: FastifyInstance, debate: DebateRow, user: UserRow): Promise<RecordResponse> {
  const grading = await app.repos.records.grading(debate)
  const own = await app.repos.records.participation(debate, user.id)
  const released = grading.releasedAt !== null
  const participation = released ? await app.repos.records.withMarks(debate, own, grading.rule) : own
  return {
    debate: debateHeader(debate),
    scope: 'personal',
    generatedAt: new Date().toISOString(),
    timeline: [],
    polls: [],
    paragraphs: [],
    moderation: [],
    participation,
    grading: { rule: released ? grading.rule : null, releasedAt: shownGrading(grading).releasedAt },
  }
}

function excerpt(text: string): string {
  const words = text.split(/\s+/).filter(Boolean)
  return words.length <= EXCERPT_WORDS ? words.join(' ') : `${words.slice(0, EXCERPT_WORDS).join(' ')} …`
}

export default routes
