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
 *   implicit transaction and replies 201 `{ id }`. Started with `transaction` after the URL, it
 *   runs instead the statements of the app's post, in its order and under its lock: in one
 *   transaction the debate's advisory lock, the clientKey lookup, the insert, the read-back of
 *   the comment, the paragraph's counts, the debate's seq bump and the event row; 201 `{ comment }`.
 */
import Fastify from 'fastify'
import pg from 'pg'
import { isPostgresUrl } from '../../db/client.ts'
import { DEBATE_LOCK, numbered } from '../../db/postgres.ts'
import { exitWhenAsked, pathsOf, prepareFixture, THREAD, threadComment, VIEW, type Targets, type ThreadRow } from './fixture.ts'

const [url, mode = 'insert'] = process.argv.slice(2)
if (!url || !isPostgresUrl(url) || !['insert', 'transaction'].includes(mode)) {
  throw new Error('usage: bare-pg-server.ts <postgres:// URL> [insert|transaction]')
}

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

const BY_CLIENT_KEY = { name: 'bare_by_client_key', text: 'select id from comments where author_id = $1 and client_key = $2' }
const INSERT_COMMENT = {
  name: 'bare_insert_comment',
  text: `
  insert into comments (debate_id, block_id, parent_id, depth, author_id, body, stance, client_key, created_at, status, status_reason)
  values ($1, $2, null, 0, $3, $4, $5, $6, $7, 'published', null)
  returning id`,
}
const READ_BACK = { name: 'bare_view', ...numbered(VIEW) }
const COUNTS = {
  name: 'bare_counts',
  text: 'select comments, pro, contra, neutral from paragraph_counts where debate_id = $1 and block_id = $2',
}
const BUMP = { name: 'bare_bump', text: 'update debates set seq = seq + 1 where id = $1 returning seq' }
const EVENT = {
  name: 'bare_event',
  text: 'insert into events (debate_id, seq, type, payload, created_at) values ($1, $2, $3, $4, $5)',
}

/** The app's post, statement for statement, as plain node-postgres. */
async function postAsTheApp(body: string, stance: string, clientKey: string | null): Promise<unknown> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    await client.query('select pg_advisory_xact_lock($1, $2)', [DEBATE_LOCK, debate.id])
    if (clientKey !== null) await client.query({ ...BY_CLIENT_KEY, values: [writerId, clientKey] })
    const now = Date.now()
    const { rows } = await client.query<{ id: number }>({
      ...INSERT_COMMENT,
      values: [debate.id, writeBlock.id, writerId, body, stance, clientKey, now],
    })
    const id = rows[0]!.id
    const [row] = (await client.query<ThreadRow>({ name: READ_BACK.name, text: READ_BACK.text, values: [null, id] })).rows
    const comment = threadComment(row!)
    const counts = (await client.query({ ...COUNTS, values: [debate.id, writeBlock.id] })).rows[0]
    const [bumped] = (await client.query<{ seq: number }>({ ...BUMP, values: [debate.id] })).rows
    const payload = JSON.stringify({ anchor: writeBlock.anchor, comment, counts })
    await client.query({ ...EVENT, values: [debate.id, bumped!.seq, 'comment.created', payload, now] })
    await client.query('commit')
    return comment
  } catch (err) {
    await client.query('rollback').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
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
  if (mode === 'transaction') return reply.code(201).send({ comment: await postAsTheApp(body, stance, clientKey ?? null) })
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
