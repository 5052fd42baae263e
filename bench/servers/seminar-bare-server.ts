/**
 * The seminar baseline: plain Fastify + @fastify/websocket and better-sqlite3, answering the
 * REST calls of the seminar benchmark on the app's schema (the shared fixture plus one seminar
 * row). Each write runs the statement that stores the same kind of row as the app (the
 * debate's spotlight, a poll, a poll vote, the poll's closing with its tally, a comment),
 * builds one event frame in the API's shape, serialises it once with JSON.stringify (to bytes,
 * as the app's hub does), sends it to every open socket, and replies.
 *
 * Left out, as in fanout-bare-server.ts: origin checks, validation, authorisation, rate
 * limits, the event log, per-reader visibility, presence. A socket on `/live` is added to one
 * set as it opens, with no subscription. `POST /api/join` only adds a guest and a membership
 * and hands out a cookie; the cookie names the guest in later writes.
 */
import websocket from '@fastify/websocket'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import { randomBytes } from 'node:crypto'
import type { WebSocket } from 'ws'
import { serveStats } from './fanout-stats.ts'
import { exitWhenAsked, postedComment, prepareBaseline, PUBLIC_URL } from './fixture.ts'
import type { SeminarTargets } from './seminar-targets.ts'

const databasePath = process.argv[2]
if (!databasePath) throw new Error('usage: seminar-bare-server.ts <database path>')

const SLUG = 'sora-im-seminar-bench'
const JOIN_CODE = 'BENCHSEM'
const { fixture, sqlite } = await prepareBaseline(databasePath)
const leaderId = fixture.writerId
const essayId = fixture.debate.essayId

const debateId = Number(
  sqlite
    .prepare(
      `insert into debates (slug, title, essay_id, visibility, phase, join_code, join_code_expires_at)
       values (?, 'Sora im Seminar', ?, 'private', 'open', ?, ?)`,
    )
    .run(SLUG, essayId, JOIN_CODE, Date.now() + 86_400_000).lastInsertRowid,
)
sqlite.prepare(`insert into debate_members (debate_id, user_id, role) values (?, ?, 'owner')`).run(debateId, leaderId)
const paragraphs = sqlite
  .prepare<[number], { id: number; anchor: string }>(
    `select id, anchor from blocks where essay_id = ? and kind = 'paragraph' and position is not null order by position`,
  )
  .all(essayId)
const blockIds = new Map(paragraphs.map((p) => [p.anchor, p.id]))
const anchorsById = new Map(paragraphs.map((p) => [p.id, p.anchor]))

const addGuest = sqlite.prepare<[string, string, number], { id: number }>(
  `insert into users (username, username_key, guest_debate_id) values (?, ?, ?) returning id`,
)
const addMember = sqlite.prepare<[number, number]>(`insert into debate_members (debate_id, user_id, role) values (?, ?, 'participant')`)
const setSpotlight = sqlite.prepare<[string | null, number]>(`update debates set spotlight = ? where id = ?`)
const openPoll = sqlite.prepare<[number, number | null, number, number], { id: number }>(
  `insert into polls (debate_id, block_id, opened_by, opened_at) values (?, ?, ?, ?) returning id`,
)
interface PollRow {
  id: number
  block_id: number | null
  status: string
  opened_at: number
  closed_at: number | null
}
const pollById = sqlite.prepare<[number], PollRow>(`select id, block_id, status, opened_at, closed_at from polls where id = ?`)
const vote = sqlite.prepare<[number, number, string, number]>(
  `insert into poll_votes (poll_id, user_id, stance, voted_at) values (?, ?, ?, ?)
   on conflict (poll_id, user_id) do update set stance = excluded.stance, voted_at = excluded.voted_at`,
)
const voteCount = sqlite.prepare<[number], { n: number }>(`select count(*) as n from poll_votes where poll_id = ?`)
const closePoll = sqlite.prepare<[number, number]>(`update polls set status = 'closed', closed_at = ? where id = ?`)
const tally = sqlite.prepare<[number], { stance: string; n: number }>(
  `select stance, count(*) as n from poll_votes where poll_id = ? group by stance`,
)
const insertComment = sqlite.prepare<[number, number, number, string, string, string | null, number], { id: number }>(`
  insert into comments (debate_id, block_id, author_id, body, stance, client_key, created_at)
  values (?, ?, ?, ?, ?, ?, ?)
  returning id`)

const sockets = new Set<WebSocket>()
const names = new Map<number, string>([[leaderId, 'reader1']])
/** Session token → user id. */
const sessions = new Map<string, number>([['leader', leaderId]])
let seq = 0

function userOf(request: FastifyRequest): number {
  const token = /(?:^|;\s*)mg_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1]
  const id = token === undefined ? undefined : sessions.get(token)
  if (id === undefined) throw new Error('no session')
  return id
}

/** Sends one event to every socket, serialised once. */
function broadcast(request: FastifyRequest, type: string, fields: Record<string, unknown>): void {
  const clientId = request.headers['x-client-id']
  // Encoded once, as the app's hub does, so ws does not convert the string for every socket.
  const frame = Buffer.from(
    JSON.stringify({ type, debate: SLUG, seq: ++seq, ...fields, clientId: typeof clientId === 'string' ? clientId : null }),
  )
  for (const socket of sockets) socket.send(frame, { binary: false })
}

function presentPoll(row: PollRow, votes: number) {
  return {
    id: row.id,
    anchor: row.block_id === null ? null : (anchorsById.get(row.block_id) ?? null),
    before: null,
    status: row.status,
    votes,
    openedAt: new Date(row.opened_at).toISOString(),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at).toISOString(),
  }
}

function pollOf(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): PollRow | undefined {
  const row = pollById.get(Number(request.params.id))
  if (!row) void reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such poll' })
  return row
}

const server = Fastify({ logger: false })
await server.register(websocket)
serveStats(server, () => sockets.size)

server.get('/live', { websocket: true }, (socket) => {
  sockets.add(socket)
  socket.on('close', () => sockets.delete(socket))
})

server.post('/api/join', async (request, reply) => {
  const { displayName } = request.body as { code: string; displayName: string }
  const token = randomBytes(16).toString('base64url')
  const user = addGuest.get(displayName, `guest:${token}`, debateId)!
  addMember.run(debateId, user.id)
  sessions.set(token, user.id)
  names.set(user.id, displayName)
  return reply
    .header('set-cookie', `mg_session=${token}; Path=/; HttpOnly; SameSite=Lax`)
    .send({ debate: { slug: SLUG, title: 'Sora im Seminar' }, user: { id: user.id, username: displayName } })
})

server.put(`/api/debates/${SLUG}/spotlight`, async (request) => {
  const { anchor } = request.body as { anchor: string | null }
  setSpotlight.run(anchor, debateId)
  broadcast(request, 'spotlight.changed', { anchor })
  return { spotlight: anchor }
})

server.post(`/api/debates/${SLUG}/polls`, async (request, reply) => {
  const { anchor } = request.body as { anchor?: string }
  const { id } = openPoll.get(debateId, anchor === undefined ? null : (blockIds.get(anchor) ?? null), userOf(request), Date.now())!
  const poll = presentPoll(pollById.get(id)!, 0)
  broadcast(request, 'poll.opened', { poll })
  return reply.code(201).send({ poll })
})

server.put<{ Params: { id: string } }>('/api/polls/:id/vote', async (request, reply) => {
  const row = pollOf(request, reply)
  if (!row) return reply
  const { stance } = request.body as { stance: string }
  vote.run(row.id, userOf(request), stance, Date.now())
  const votes = voteCount.get(row.id)!.n
  broadcast(request, 'poll.count', { poll: row.id, votes })
  return { poll: { ...presentPoll(row, votes), mine: stance } }
})

server.post<{ Params: { id: string } }>('/api/polls/:id/close', async (request, reply) => {
  const row = pollOf(request, reply)
  if (!row) return reply
  closePoll.run(Date.now(), row.id)
  const results = { pro: 0, contra: 0, undecided: 0 }
  for (const { stance, n } of tally.all(row.id)) results[stance as keyof typeof results] = n
  const votes = results.pro + results.contra + results.undecided
  const poll = { ...presentPoll(pollById.get(row.id)!, votes), results }
  broadcast(request, 'poll.closed', { poll })
  return { poll, results }
})

server.post<{ Params: { anchor: string } }>(`/api/debates/${SLUG}/paragraphs/:anchor/comments`, async (request, reply) => {
  const { body, stance, clientKey } = request.body as { body: string; stance: string; clientKey?: string }
  const authorId = userOf(request)
  const { anchor } = request.params
  const createdAt = Date.now()
  const row = insertComment.get(debateId, blockIds.get(anchor)!, authorId, body, stance, clientKey ?? null, createdAt)!
  broadcast(request, 'comment.created', {
    anchor,
    comment: postedComment({ id: row.id, anchor, author: { id: authorId, username: names.get(authorId)! }, body, stance, createdAt }),
  })
  return reply.code(201).send({ id: row.id })
})

exitWhenAsked(async () => {
  for (const socket of sockets) socket.terminate()
  await server.close()
  sqlite.close()
})

const address = await server.listen({ host: '127.0.0.1', port: 0 })
const targets: SeminarTargets = {
  slug: SLUG,
  joinCode: JOIN_CODE,
  anchors: paragraphs.map((p) => p.anchor),
  leaderHeaders: { cookie: 'mg_session=leader', origin: PUBLIC_URL },
  origin: PUBLIC_URL,
  livePath: '/live',
}
console.log(JSON.stringify({ port: Number(new URL(address).port), ...targets }))
