/**
 * The fan-out baseline: plain Fastify + @fastify/websocket and better-sqlite3. A socket on
 * `/live` is added to one set as it opens, with no origin check, session, subscription or
 * per-reader filter. `POST …/comments` does the same insert as bench/servers/bare-server.ts,
 * builds a `comment.created` frame in the API's comment shape, serialises it once with
 * JSON.stringify (to bytes, as the app's hub does) and sends it to every open socket, then replies 201 `{ id }`.
 */
import websocket from '@fastify/websocket'
import Fastify from 'fastify'
import type { WebSocket } from 'ws'
import { serveStats, type FanoutTargets } from './fanout-stats.ts'
import { exitWhenAsked, pathsOf, postedComment, prepareBaseline } from './fixture.ts'

const databasePath = process.argv[2]
if (!databasePath) throw new Error('usage: fanout-bare-server.ts <database path>')

const { fixture, sqlite } = await prepareBaseline(databasePath)
const { debate, writeBlock, writerId } = fixture
const username = 'reader1'

const insert = sqlite.prepare<[number, number, number, string, string, string | null, number], { id: number }>(`
  insert into comments (debate_id, block_id, author_id, body, stance, client_key, created_at)
  values (?, ?, ?, ?, ?, ?, ?)
  returning id`)

const sockets = new Set<WebSocket>()
let seq = 0
const { readPath, writePath } = pathsOf(fixture)
const server = Fastify({ logger: false })
await server.register(websocket)
serveStats(server, () => sockets.size)

server.get('/live', { websocket: true }, (socket) => {
  sockets.add(socket)
  socket.on('close', () => sockets.delete(socket))
})

server.post(writePath, async (request, reply) => {
  const { body, stance, clientKey } = request.body as { body: string; stance: string; clientKey?: string }
  const createdAt = Date.now()
  const row = insert.get(debate.id, writeBlock.id, writerId, body, stance, clientKey ?? null, createdAt)
  // Encoded once, as the app's hub does, so ws does not convert the string for every socket.
  const frame = Buffer.from(
    JSON.stringify({
      type: 'comment.created',
      debate: debate.slug,
      seq: ++seq,
      clientId: null,
      anchor: writeBlock.anchor,
      comment: postedComment({ id: row!.id, anchor: writeBlock.anchor, author: { id: writerId, username }, body, stance, createdAt }),
    }),
  )
  for (const socket of sockets) socket.send(frame, { binary: false })
  return reply.code(201).send({ id: row!.id })
})

exitWhenAsked(async () => {
  for (const socket of sockets) socket.terminate()
  await server.close()
  sqlite.close()
})

const address = await server.listen({ host: '127.0.0.1', port: 0 })
const targets: FanoutTargets = { readPath, writePath, writeHeaders: {}, livePath: '/live', origin: 'http://localhost:3000' }
console.log(JSON.stringify({ port: Number(new URL(address).port), ...targets }))
