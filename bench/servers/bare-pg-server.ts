/**
 * The Postgres baseline: plain Fastify and a node-postgres pool doing only the database work of
 * the app's two comment routes, on the same schema and the same data (built in the database by
 * the same fixture, then reached through a pool of its own). It is bench/servers/bare-server.ts
 * on Postgres: the app's own thread statement and the same insert, each a named statement
 * (prepared once per connection, as the app's are), and the same JSON. No authentication, validation,
 * rate limiting, security headers, event log, advisory lock or response schema.
 *
 * - GET  …/comments runs the thread statement as an anonymous reader and replies `{ comments: [...] }` in the API's
 *   comment shape, serialised by JSON.stringify.
 * - POST …/comments inserts one comment (fixed debate, paragraph and author) in its own
 *   implicit transaction and replies 201 `{ id }`.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { isPostgresUrl } from '../../db/client.ts'
import { numbered } from '../../db/postgres.ts'
import { exitWhenAsked, pathsOf, prepareFixture, THREAD, threadComment, type Targets, type ThreadRow } from './fixture.ts'

const url = process.argv[2]
if (!url || !isPostgresUrl(url)) throw new Error('usage: bare-pg-server.ts <postgres:// URL>')

const fixture = await prepareFixture(url)
await fixture.db.close()
const { debate, readBlock, writeBlock, writerId } = fixture

// Times and counts are 64-bit integers, which node-postgres gives as strings unless told otherwise.
pg.types.setTypeParser(pg.types.builtins.INT8, Number)
// As many connections as the app's pool (db/postgres.ts).
const pool = new pg.Pool({ connectionString: url, max: 20 })
pool.on('error', () => undefined)

const threadQuery = { name: 'bare_thread', ...numbered(THREAD) }
const threadParams = { viewer: null, debate: debate.id, block: readBlock.id }

const INSERT = {
  name: 'bare_insert',
  text: `
  insert into comments (debate_id, block_id, author_id, body, stance, client_key, created_at)
  values ($1, $2, $3, $4, $5, $6, $7)
  returning id`,
}

const { readPath, writePath } = pathsOf(fixture)
const server = Fastify({ logger: false })

server.get(readPath, async () => {
  const { rows } = await pool.query<ThreadRow>({
    name: threadQuery.name,
    text: threadQuery.text,
    values: threadQuery.names.map((n) => threadParams[n as keyof typeof threadParams]),
  })
  return {
    comments: rows.map(threadComment),
  }
})

server.post(writePath, async (request, reply) => {
  const { body, stance, clientKey } = request.body as { body: string; stance: string; clientKey?: string }
  const { rows } = await pool.query<{ id: number }>({
    ...INSERT,
    values: [debate.id, writeBlock.id, writerId, body, stance, clientKey ?? null, Date.now()],
  })
  return reply.code(201).send({ id: rows[0]!.id })
})

exitWhenAsked(async () => {
  await server.close()
  await pool.end()
})

const address = await server.listen({ host: '127.0.0.1', port: 0 })
const targets: Targets = { readPath, writePath, writeHeaders: {} }
console.log(JSON.stringify({ port: Number(new URL(address).port), ...targets }))
