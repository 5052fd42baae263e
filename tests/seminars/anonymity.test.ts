/**
 * Anonymous seminars: participants see each other by stable pseudonyms and themselves by their
 * own name, in threads and live events alike; the leaders see real names with the pseudonyms.
 */
import { describe, expect, it } from 'vitest'
import { write } from '../helper.ts'
import { LiveClient, startLive } from '../live/support.ts'
import type { Person } from '../moderation/support.ts'
import { joinAsGuest, read, seminar, seminarIn } from './support.ts'

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
    const pseudonymOf = (id: number) => app.repos.seminars.overview(debate()).find((m) => m.person.id === id)!.person.pseudonym!
    const thread = url(`/paragraphs/${anchors[0]}/comments`)
    const posted = await write(app, 'POST', thread, a.cookie, { body: 'Anonym gesagt', stance: 'pro' })
    expect(posted.json().comment.author).toEqual({ id: a.id, username: a.username })

    const asPeer = (await read(app, thread, b)).json().comments[0]
    expect(asPeer.author).toEqual({ id: a.id, username: pseudonymOf(a.id) })
    expect(JSON.stringify((await read(app, thread, b)).json())).not.toContain(a.username)
    expect((await read(app, `/api/comments/${asPeer.id}`, b)).json().comment.author.username).toBe(pseudonymOf(a.id))
    expect((await read(app, thread, a)).json().comments[0].author).toEqual({ id: a.id, username: a.username })
    expect((await read(app, thread, leader)).json().comments[0].author).toEqual({ id: a.id, username: a.username, pseudonym: pseudonymOf(a.id) })
  })

  it('shows peers pseudonyms in live events, the author their own name, the leader both', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { anonymous: true })
    const [a, b] = s.participants as [Person, Person]
    const pseudonymOf = (id: number) => s.app.repos.seminars.overview(s.debate()).find((m) => m.person.id === id)!.person.pseudonym!
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

    expect((await created(sockets.b)).comment.author).toEqual({ id: a.id, username: pseudonymOf(a.id) })
    expect((await created(sockets.a)).comment.author).toEqual({ id: a.id, username: a.username })
    expect((await created(sockets.leader)).comment.author).toEqual({ id: a.id, username: a.username, pseudonym: pseudonymOf(a.id) })

    expect((await joined(sockets.b)).member).toEqual({ id: newcomer.id, name: pseudonymOf(newcomer.id) })
    expect((await joined(sockets.leader)).member).toEqual({ id: newcomer.id, name: 'Neu Dazu', pseudonym: pseudonymOf(newcomer.id) })
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
    const pseudonym = s.app.repos.seminars.overview(s.debate()).find((m) => m.person.id === a.id)!.person.pseudonym
    expect(await queued(socketB)).toEqual({ id: a.id, name: pseudonym })
    expect(await queued(socketA)).toEqual({ id: a.id, name: a.username })
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
    await peer.until(() => peer.seqs(s.slug).includes(s.debate().seq), 'the skip')
    expect(JSON.stringify(peer.frames)).not.toContain(rotated.joinCode)
  })
})
