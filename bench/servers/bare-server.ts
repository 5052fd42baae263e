/**
 * The baseline: plain Fastify and better-sqlite3 doing only the database work of the app's
 * two comment routes, on the same schema and the same data (built by the same fixture, then
 * reopened with better-sqlite3 alone and the app's pragmas). No authentication, validation,
 * rate limiting, security headers, event log or response schema.
 *
 * - GET  …/comments runs the thread query (comments joined with users and blocks, ordered by
 *   time then id, for the fixed debate and paragraph) and replies `{ comments: [...] }` in the
 *   API's comment shape, serialised by JSON.stringify.
 * - POST …/comments inserts one comment (fixed debate, paragraph and author; body, stance and
 *   clientKey from the JSON body) in its own implicit transaction and replies 201 `{ id }`.
 */
import Fastify from 'fastify'
import { exitWhenAsked, pathsOf, prepareBaseline, type Targets } from './fixture.ts'

const databasePath = process.argv[2]
if (!databasePath) throw new Error('usage: bare-server.ts <database path>')

const { fixture, sqlite } = await prepareBaseline(databasePath)
const { debate, readBlock, writeBlock, writerId } = fixture

interface ThreadRow {
  id: number
  parent_id: number | null
  anchor: string
  author_id: number
  username: string
  body: string
  stance: string
  votes: number
  depth: number
  created_at: number
  edited_at: number | null
  deleted_at: number | null
  outdated_text: string | null
  hidden_at: number | null
  hidden_reason: string | null
  pinned_at: number | null
  status: string
  status_reason: string | null
  removed_at: number | null
}

const thread = sqlite.prepare<[number, number], ThreadRow>(`
  select c.id, c.parent_id, b.anchor, c.author_id, u.username, c.body, c.stance, c.votes, c.depth,
         c.created_at, c.edited_at, c.deleted_at, c.outdated_text, c.hidden_at, c.hidden_reason, c.pinned_at,
         c.status, c.status_reason, c.removed_at
  from comments c
  join users u on u.id = c.author_id
  join blocks b on b.id = c.block_id
  where c.debate_id = ? and c.block_id = ?
  order by c.created_at, c.id`)

const insert = sqlite.prepare<[number, number, number, string, string, string | null, number], { id: number }>(`
  insert into comments (debate_id, block_id, author_id, body, stance, client_key, created_at)
  values (?, ?, ?, ?, ?, ?, ?)
  returning id`)

const { readPath, writePath } = pathsOf(fixture)
const server = Fastify({ logger: false })

server.get(readPath, async () => ({
  comments: thread.all(debate.id, readBlock.id).map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    anchor: r.anchor,
    author: { id: r.author_id, username: r.username },
    body: r.deleted_at === null && r.removed_at === null ? r.body : null,
    stance: r.stance,
    votes: r.votes,
    voted: false,
    depth: r.depth,
    createdAt: new Date(r.created_at).toISOString(),
    editedAt: r.edited_at === null ? null : new Date(r.edited_at).toISOString(),
    deleted: r.deleted_at !== null,
    outdated: r.outdated_text !== null,
    outdatedText: r.outdated_text,
    hidden: r.hidden_at !== null,
    hiddenReason: r.hidden_reason,
    pinned: r.pinned_at !== null,
    status: r.status,
    statusReason: r.status_reason,
    removed: r.removed_at !== null,
  })),
}))

server.post(writePath, async (request, reply) => {
  const { body, stance, clientKey } = request.body as { body: string; stance: string; clientKey?: string }
  const row = insert.get(debate.id, writeBlock.id, writerId, body, stance, clientKey ?? null, Date.now())
  return reply.code(201).send({ id: row!.id })
})

exitWhenAsked(async () => {
  await server.close()
  sqlite.close()
})

const address = await server.listen({ host: '127.0.0.1', port: 0 })
const targets: Targets = { readPath, writePath, writeHeaders: {} }
console.log(JSON.stringify({ port: Number(new URL(address).port), ...targets }))
