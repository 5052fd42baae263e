/**
 * The moderation log as a reply: JSON, or a CSV download.
 * The CSV follows server/formats/csv.ts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { toCsv } from '../../../formats/csv.ts'
import { LogResponse, type LogEntry } from '../../../schemas/moderation.ts'

/** The 200 response of a log route: JSON entries, or a text/csv attachment. */
export const LogReply = {
  description: 'The entries; with format=csv, a text/csv attachment',
  content: {
    'application/json': { schema: LogResponse },
    'text/csv': { schema: Type.String() },
  },
}

/** Replies with a log (one debate's, or the site-wide one for null), filtered as asked. */
export async function replyWithLog(
  app: FastifyInstance,
  reply: FastifyReply,
  debateId: number | null,
  query: { action?: string; actor?: string; format?: string },
  name: string,
) {
  const actorId = query.actor === undefined ? undefined : ((await app.repos.users.byName(query.actor))?.id ?? -1)
  const entries = await app.repos.moderation.log(debateId, { action: query.action, actorId })
  if (query.format === 'csv') {
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="moderation-log-${name}.csv"`)
      .send(logToCsv(entries))
  }
  return reply.type('application/json; charset=utf-8').send({ entries })
}

const HEADER = ['id', 'at', 'actor', 'action', 'target_type', 'target_id', 'reason', 'snapshot']

export function logToCsv(entries: readonly LogEntry[]): string {
  const rows = entries.map((e) => [
    String(e.id),
    e.at,
    e.actor.username,
    e.action,
    e.target.type,
    e.target.id,
    e.reason ?? '',
    e.snapshot === null || e.snapshot === undefined ? '' : JSON.stringify(e.snapshot),
  ])
  return toCsv(HEADER, rows)
}
