/**
 * The baseline: plain Fastify and better-sqlite3 doing only the database work of the app's
 * two comment routes, on the same schema and the same data (built by the same fixture, then
 * reopened with better-sqlite3 alone and the app's pragmas). No authentication, validation,
 * rate limiting, security headers, event log or response schema.
 *
 * - GET  …/comments runs the app's thread statement (for the fixed debate and paragraph, as an
 *   anonymous reader) and replies `{ comments: [...] }` in the API's comment shape, serialised
 *   by JSON.stringify.
 * - POST …/comments inserts one comment (fixed debate, paragraph and author; body, stance and
 *   clientKey from the JSON body) in its own implicit transaction and replies 201 `{ id }`.
 */
import Fastify from 'fastify'
import { exitWhenAsked, pathsOf, prepareBaseline, THREAD, threadComment, type Targets, type ThreadRow } from './fixture.ts'

const databasePath = process.argv[2]
if (!databasePath) throw new Error('usage: bare-server.ts <database path>')

const { fixture, sqlite } = await prepareBaseline(databasePath)
const { debate, readBlock, writeBlock, writerId } = fixture

const thread = sqlite.prepare<[{ viewer: null; debate: number; block: number }], ThreadRow>(THREAD.text)

const insert = sqlite.prepare<[number, number, number, string, string, string | null, number], { id: number }>(`
  insert into comments (debate_id, block_id, author_id, body, stance, client_key, created_at)
  values (?, ?, ?, ?, ?, ?, ?)
  returning id`)

const { readPath, writePath } = pathsOf(fixture)
const server = Fastify({ logger: false })

server.get(readPath, async () => ({
  comments: thread.all({ viewer: null, debate: debate.id, block: readBlock.id }).map(threadComment),
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
