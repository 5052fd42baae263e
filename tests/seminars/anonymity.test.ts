/**
 * Anonymous seminars: participants see each other by stable pseudonyms and themselves by their
 * own name, in threads and live events alike; the leaders see real names with the pseudonyms.
 */
import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { cookieOf, runStatement, write } from '../helper.ts'
import { LiveClient, startLive } from '../live/support.ts'
import { person, type Person } from '../moderation/support.ts'
import { joinAsGuest, peerSees, read, seminar, seminarIn } from './support.ts'

const PSEUDONYM = /^[A-Z][a-z]+ [A-Z][a-z]+$/

describe('an anonymous seminar', () => {
  it('gives every member a pseudonym of their own, shown to the leaders in the roster', async () => {
    const { app, url, leader, participants } = await seminar({ anonymous: true, participants: 6 })
    const roster = (await read(app, url('/members'), leader)).json().members as { user: { id: number }; pseudonym: string }[]
    const pseudonyms = roster.map((m) => m.pseudonym)
    expect(pseudonyms).toHaveLength(7)
    for (const p of pseudonyms) expect(p).toMatch(PSEUDONYM)
    expect(new Set(pseudonyms).size).toBe(7)
    expect((await read(app, url(), participants[0]!)).json().debate.seminar.anonymous).toBe(true)
  })

  it('shows peers pseudonyms in threads and single comments, authors their own name, leaders both', async () => {
    const { app, url, leader, participants, anchors, debate } = await seminar({ anonymous: true })
    const [a, b] = participants as [Person, Person]
    const pseudonymOf = async (id: number) =>
      (await app.repos.seminars.overview(await debate())).find((m) => m.person.id === id)!.person.pseudonym!
    const thread = url(`/paragraphs/${anchors[0]}/comments`)
    const posted = await write(app, 'POST', thread, a.cookie, { body: 'Anonym gesagt', stance: 'pro' })
    const self = { id: a.id, username: a.username, guest: true, role: 'participant' }
    expect(posted.json().comment.author).toEqual(self)

    const asPeer = (await read(app, thread, b)).json().comments[0]
    const { id: peerId, name: peerName, role } = peerSees(await pseudonymOf(a.id))
    expect(asPeer.author).toEqual({ id: peerId, username: peerName, role })
    expect(peerId).toBeLessThan(0)
    expect(JSON.stringify((await read(app, thread, b)).json())).not.toContain(a.username)
    expect((await read(app, `/api/comments/${asPeer.id}`, b)).json().comment.author).toEqual({ id: peerId, username: peerName, role })
    expect((await read(app, thread, a)).json().comments[0].author).toEqual(self)
    expect((await read(app, thread, leader)).json().comments[0].author).toEqual({ ...self, pseudonym: await pseudonymOf(a.id) })
  })

  it('shows peers pseudonyms in live events, the author their own name, the leader both', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { anonymous: true })
    const [a, b] = s.participants as [Person, Person]
    const pseudonymOf = async (id: number) =>
      (await s.app.repos.seminars.overview(await s.debate())).find((m) => m.person.id === id)!.person.pseudonym!
    const sockets = {
      a: await LiveClient.open(live, { cookie: a.cookie }),
      b: await LiveClient.open(live, { cookie: b.cookie }),
      leader: await LiveClient.open(live, { cookie: s.leader.cookie }),
    }
    for (const socket of Object.values(sockets)) await socket.subscribe(s.slug)
    await write(s.app, 'POST', s.url(`/paragraphs/${s.anchors[0]}/comments`), a.cookie, { body: 'Live anonym', stance: 'pro' })
    const newcomer = await joinAsGuest(s.app, s.code, 'Neu Dazu')
    const created = (socket: LiveClient) => socket.waitFor((f) => f.type === 'comment.created')
    const joined = (socket: LiveClient) => socket.waitFor((f) => f.type === 'member.joined')

    const self = { id: a.id, username: a.username, guest: true, role: 'participant' }
    const peer = peerSees(await pseudonymOf(a.id))
    expect((await created(sockets.b)).comment.author).toEqual({ id: peer.id, username: peer.name, role: peer.role })
    expect((await created(sockets.a)).comment.author).toEqual(self)
    expect((await created(sockets.leader)).comment.author).toEqual({ ...self, pseudonym: await pseudonymOf(a.id) })

    expect((await joined(sockets.b)).member).toEqual(peerSees(await pseudonymOf(newcomer.id)))
    expect((await joined(sockets.leader)).member).toEqual({
      id: newcomer.id,
      name: 'Neu Dazu',
      pseudonym: await pseudonymOf(newcomer.id),
      guest: true,
      role: 'participant',
    })
    await sockets.b.sync()
    expect(JSON.stringify(sockets.b.frames)).not.toContain(a.username)
    expect(JSON.stringify(sockets.b.frames)).not.toContain('Neu Dazu')
  })

  it('names a raised hand by pseudonym to peers and by name to its owner', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { anonymous: true })
    const [a, b] = s.participants as [Person, Person]
    const socketA = await LiveClient.open(live, { cookie: a.cookie })
    const socketB = await LiveClient.open(live, { cookie: b.cookie })
    await socketA.subscribe(s.slug)
    await socketB.subscribe(s.slug)
    const raised = await write(s.app, 'POST', s.url('/queue'), a.cookie, { anchor: s.anchors[0], kind: 'argument' })
    expect(raised.statusCode).toBe(201)
    const queued = (socket: LiveClient) => socket.waitFor((f) => f.type === 'queue.changed').then((f) => f.queue[0].user)
    const pseudonym = (await s.app.repos.seminars.overview(await s.debate())).find((m) => m.person.id === a.id)!.person.pseudonym
    expect(await queued(socketB)).toEqual(peerSees(pseudonym!))
    expect(await queued(socketA)).toEqual({ id: a.id, name: a.username, guest: true, role: 'participant' })
  })

  it('sends join code changes to the leaders only', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app)
    const peer = await LiveClient.open(live, { cookie: s.participants[0]!.cookie })
    const leader = await LiveClient.open(live, { cookie: s.leader.cookie })
    await peer.subscribe(s.slug)
    await leader.subscribe(s.slug)
    const rotated = (await write(s.app, 'POST', s.url('/join-code'), s.leader.cookie, {})).json()
    expect(await leader.waitFor((f) => f.type === 'join-code.changed')).toMatchObject(rotated)
    const { seq } = await s.debate()
    await peer.until(() => peer.seqs(s.slug).includes(seq), 'the skip')
    expect(JSON.stringify(peer.frames)).not.toContain(rotated.joinCode)
  })
})

/** Test seam: account ids far from any other number an answer holds, so one found in a JSON text has leaked. */
async function distinctiveUserIds(app: FastifyInstance): Promise<void> {
  if (app.db.engine === 'postgres') {
    await runStatement(app.db, `select setval('users_id_seq', 7340000)`)
    return
  }
  await runStatement(app.db, `delete from sqlite_sequence where name = 'users'`)
  await runStatement(app.db, `insert into sqlite_sequence (name, seq) values ('users', 7340000)`)
}

/** Every person-shaped object (`author`, `user`, `member`) in a JSON value. */
function peopleIn(value: unknown, out: { id: unknown; name: unknown }[] = []): { id: unknown; name: unknown }[] {
  if (Array.isArray(value)) for (const v of value) peopleIn(v, out)
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (['author', 'user', 'member'].includes(key) && v !== null && typeof v === 'object') {
        const p = v as { id?: unknown; name?: unknown; username?: unknown }
        out.push({ id: p.id, name: p.name ?? p.username })
      }
      peopleIn(v, out)
    }
  }
  return out
}

describe('what a participant of an anonymous seminar receives', () => {
  it('never names another member by account id or real name: no REST answer, live event or replay from since=0', async () => {
    const live = await startLive()
    await distinctiveUserIds(live.app)
    const s = await seminarIn(live.app, { anonymous: true, participants: 3 })
    const { app } = s
    const [spy, b, c] = s.participants as [Person, Person, Person]
    expect(spy.id).toBeGreaterThan(7_340_000)
    const withAccount = await person(app)
    const coLeader = await person(app)
    for (const who of [withAccount, coLeader]) {
      const joined = await write(app, 'POST', '/api/join', who.cookie, { code: s.code })
      expect(joined.statusCode).toBe(200)
      // Joining starts a new session.
      if (joined.cookies.some((c) => c.name === 'mg_session')) who.cookie = cookieOf(joined)
    }
    expect((await write(app, 'PUT', s.url(`/moderators/${coLeader.username}`), s.leader.cookie)).statusCode).toBe(204)
    const socket = await LiveClient.open(live, { cookie: spy.cookie })
    await socket.subscribe(s.slug, 0)

    const received: unknown[] = []
    const as = async (who: Person, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => {
      const res = await write(app, method, path, who.cookie, body)
      expect(res.statusCode, `${method} ${path}: ${res.body}`).toBeLessThan(300)
      if (who === spy && res.body) received.push(res.json())
      return res.body ? res.json() : null
    }
    const [first, second] = s.anchors as [string, string]
    const thread = (anchor: string) => s.url(`/paragraphs/${anchor}/comments`)
    const argument = (await as(b, 'POST', thread(first), { body: 'Ein Argument von B', stance: 'pro' })).comment
    const reply = (await as(c, 'POST', thread(first), { body: 'Eine Antwort von C', stance: 'contra', parentId: argument.id })).comment
    await as(withAccount, 'POST', thread(second), { body: 'Mit Konto geschrieben', stance: 'neutral' })
    await as(coLeader, 'POST', thread(second), { body: 'Die Co-Leitung meint', stance: 'pro' })
    await as(s.leader, 'POST', thread(second), { body: 'Die Leitung meint', stance: 'contra' })
    const own = (await as(spy, 'POST', thread(first), { body: 'Meine Sicht', stance: 'pro', parentId: reply.id })).comment
    await as(b, 'PATCH', `/api/comments/${argument.id}`, { body: 'Ein Argument von B, verbessert' })
    await as(spy, 'PUT', `/api/comments/${argument.id}/vote`, { value: 1 })
    await as(b, 'PUT', s.url(`/paragraphs/${first}/position`), { stance: 'pro' })
    await as(b, 'POST', s.url('/queue'), { anchor: first, kind: 'argument' })
    await as(c, 'POST', s.url('/queue'), { anchor: first, kind: 'order' })
    await as(s.leader, 'POST', s.url('/queue/next'), { seconds: 60 })
    await as(spy, 'POST', s.url('/queue'), { anchor: second, kind: 'question' })
    const before = (await as(s.leader, 'POST', s.url('/polls'), { anchor: first })).poll
    for (const [who, stance] of [
      [spy, 'pro'],
      [b, 'contra'],
      [c, 'pro'],
    ] as const)
      await as(who, 'PUT', `/api/polls/${before.id}/vote`, { stance })
    await as(s.leader, 'POST', `/api/polls/${before.id}/close`)
    const after = (await as(s.leader, 'POST', s.url('/polls'), { anchor: first, before: before.id })).poll
    await as(b, 'PUT', `/api/polls/${after.id}/vote`, { stance: 'pro', reason: 'Überzeugt' })
    await as(spy, 'PUT', `/api/polls/${after.id}/vote`, { stance: 'contra', reason: 'Doch nicht' })
    await as(s.leader, 'POST', `/api/polls/${after.id}/close`)
    await as(s.leader, 'PATCH', s.url(`/members/${c.id}`), { displayName: 'Carla Umbenannt' })
    const newcomer = await joinAsGuest(app, s.code, 'Spät Dazu')
    await as(s.leader, 'DELETE', s.url(`/members/${withAccount.id}`))

    const comments = (await Promise.all(s.anchors.map((a) => read(app, thread(a), spy)))).flatMap(
      (r) => r.json().comments as { id: number }[],
    )
    expect(comments.map((x) => x.id)).toEqual(expect.arrayContaining([argument.id, reply.id, own.id]))
    const paths = [
      '/api/auth/me',
      `/api/join/${s.code}`,
      '/api/debates',
      s.url(),
      s.url('/room'),
      s.url('/polls'),
      `/api/polls/${before.id}`,
      `/api/polls/${after.id}`,
      ...s.anchors.map((a) => thread(a)),
      ...s.anchors.map((a) => `${thread(a)}?sort=top`),
      ...comments.flatMap((x) => [`/api/comments/${x.id}`, `/api/comments/${x.id}/versions`]),
    ]
    for (const path of paths) {
      const res = await read(app, path, spy)
      expect(res.statusCode, path).toBe(200)
      received.push(res.json())
    }
    for (const path of [s.url('/overview'), s.url('/members'), s.url('/join-code')])
      expect((await read(app, path, spy)).statusCode).toBe(403)

    const late = await LiveClient.open(live, { cookie: spy.cookie })
    await late.subscribe(s.slug, 0)
    await socket.sync()
    await late.sync()
    expect(late.events(s.slug).map((e) => e.type)).toEqual(expect.arrayContaining(['comment.created', 'member.joined', 'queue.changed']))
    received.push(socket.frames, late.frames)

    const text = JSON.stringify(received)
    for (const other of [s.leader, coLeader, withAccount, b, c, newcomer, s.outsider]) {
      expect(text, `the id of ${other.username}`).not.toMatch(new RegExp(`(?<![0-9])${other.id}(?![0-9])`))
      expect(text, `the name ${other.username}`).not.toContain(other.username)
    }
    expect(text).not.toContain('Carla Umbenannt')
    const people = peopleIn(received)
    expect(people.length).toBeGreaterThan(20)
    for (const p of people) {
      if (p.id === spy.id) expect(p.name).toBe(spy.username)
      else expect(p.id as number).toBeLessThanOrEqual(0)
    }
    // Their own comments and raised hand, the participant still recognises by their own id.
    expect(people.filter((p) => p.id === spy.id).length).toBeGreaterThan(2)
  })
})
