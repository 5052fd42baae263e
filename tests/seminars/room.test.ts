import { describe, expect, it } from 'vitest'
import { buildApp, write } from '../helper.ts'
import { LiveClient, startLive, type Frame } from '../live/support.ts'
import { joinAsGuest, openPoll, peerSees, read, seminar, seminarIn, setPhase, vote, type Person } from './support.ts'

/** The room without its clock, to compare two readings of the same state. */
const withoutNow = ({ now: _now, ...rest }: Frame) => rest

describe('the room', () => {
  it('gives a late joiner the phase, spotlight, poll, queue and timer the leader set, live and over REST alike', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { phase: 'reading' })
    const [a, b] = s.participants as [Person, Person]
    await setPhase(live.app, s.slug, s.leader, 'private')
    expect((await write(live.app, 'PUT', s.url('/spotlight'), s.leader.cookie, { anchor: s.anchors[3] })).statusCode).toBe(200)
    const poll = await openPoll(live.app, s.slug, s.leader, { anchor: s.anchors[3] })
    await vote(live.app, poll.id, a, 'contra')
    await vote(live.app, poll.id, b, 'pro')
    await write(live.app, 'POST', s.url('/queue'), a.cookie, { anchor: s.anchors[3], kind: 'argument' })
    await write(live.app, 'POST', s.url('/queue'), b.cookie, { anchor: s.anchors[3], kind: 'question' })
    await write(live.app, 'POST', s.url('/queue/next'), s.leader.cookie, { seconds: 120 })
    const late = await joinAsGuest(live.app, s.code, 'Late Student')

    const socket = await LiveClient.open(live, { cookie: late.cookie })
    const subscribed = await socket.subscribe(s.slug)
    const room = subscribed.room as Frame
    expect(room).toMatchObject({
      phase: 'private',
      anonymous: false,
      spotlight: s.anchors[3],
      poll: { id: poll.id, anchor: s.anchors[3], status: 'open', votes: 2, mine: null },
      speaker: { user: { id: a.id, name: a.username }, kind: 'argument' },
      timer: { seconds: 120 },
      members: 5,
      seq: subscribed.seq,
    })
    expect(room.queue.map((e: Frame) => e.user.id)).toEqual([b.id])
    expect(room.poll).not.toHaveProperty('results')
    expect(room).not.toHaveProperty('joinCode')

    const rest = await read(live.app, s.url('/room'), late)
    expect(rest.statusCode).toBe(200)
    expect(withoutNow(rest.json())).toEqual(withoutNow(room))

    // A voter's own vote comes back in the room; the leaders also get the join code.
    expect((await read(live.app, s.url('/room'), a)).json().poll.mine).toBe('contra')
    const leaderSocket = await LiveClient.open(live, { cookie: s.leader.cookie })
    const leaderRoom = (await leaderSocket.subscribe(s.slug)).room as Frame
    expect(leaderRoom.joinCode).toMatchObject({ joinCode: s.code })
    expect(leaderRoom.poll).not.toHaveProperty('results')
    expect((await read(live.app, s.url('/room'), s.leader)).json().joinCode.joinCode).toBe(s.code)
  })

  it('shows the latest closed poll with its result once no poll is open', async () => {
    const s = await seminar()
    const [a, b] = s.participants as [Person, Person]
    const before = await openPoll(s.app, s.slug, s.leader)
    await vote(s.app, before.id, a, 'pro')
    await vote(s.app, before.id, b, 'pro')
    await write(s.app, 'POST', `/api/polls/${before.id}/close`, s.leader.cookie)
    const after = await openPoll(s.app, s.slug, s.leader, { before: before.id })
    await vote(s.app, after.id, a, 'contra', 'The example in the third paragraph')
    await vote(s.app, after.id, b, 'pro')
    await write(s.app, 'POST', `/api/polls/${after.id}/close`, s.leader.cookie)

    const room = (await read(s.app, s.url('/room'), b)).json()
    expect(room.poll).toMatchObject({
      id: after.id,
      status: 'closed',
      mine: 'pro',
      results: { pro: 1, contra: 1, undecided: 0 },
      shift: { pro: { pro: 1, contra: 1, undecided: 0 } },
      reasons: [{ from: 'pro', to: 'contra', reason: 'The example in the third paragraph' }],
    })
  })

  it('shows people by pseudonym in the room and in queue events of an anonymous seminar, each reader themselves by name', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { anonymous: true })
    const [a, b] = s.participants as [Person, Person]
    const sockets = { a: await LiveClient.open(live, { cookie: a.cookie }), b: await LiveClient.open(live, { cookie: b.cookie }) }
    await sockets.a.subscribe(s.slug)
    await sockets.b.subscribe(s.slug)
    await write(live.app, 'POST', s.url('/queue'), a.cookie, { anchor: s.anchors[0], kind: 'argument' })
    await write(live.app, 'POST', s.url('/queue'), b.cookie, { anchor: s.anchors[0], kind: 'argument' })
    const leaderView = (await read(live.app, s.url('/room'), s.leader)).json().queue as Frame[]
    const pseudonymOf = (who: Person) => leaderView.find((e) => e.user.id === who.id)!.user.pseudonym as string
    expect(pseudonymOf(a)).toEqual(expect.any(String))

    const last = (client: LiveClient) =>
      client.waitFor((f) => f.type === 'queue.changed' && f.queue.length === 2, 'the queue with both hands')
    const seenByA = (await last(sockets.a)).queue as Frame[]
    const seenByB = (await last(sockets.b)).queue as Frame[]
    const self = (who: Person) => ({ id: who.id, name: who.username, guest: true, role: 'participant' })
    expect(seenByA.map((e) => e.user)).toEqual([self(a), peerSees(pseudonymOf(b))])
    expect(seenByB.map((e) => e.user)).toEqual([peerSees(pseudonymOf(a)), self(b)])

    const late = await LiveClient.open(live, { cookie: s.participants[2]!.cookie })
    const room = (await late.subscribe(s.slug)).room as Frame
    expect(room.anonymous).toBe(true)
    expect(room.queue.map((e: Frame) => e.user)).toEqual([peerSees(pseudonymOf(a)), peerSees(pseudonymOf(b))])
  })

  it("is a seminar's only: ordinary debates answer 400 and subscribe without a room; outsiders get 404", async () => {
    const live = await startLive()
    const s = await seminarIn(live.app)
    expect((await read(live.app, '/api/debates/sora/room', null)).statusCode).toBe(400)
    const socket = await LiveClient.open(live, { cookie: s.outsider.cookie })
    const sora = await socket.subscribe('sora')
    expect(sora).not.toHaveProperty('room')

    expect((await read(live.app, s.url('/room'), s.outsider)).statusCode).toBe(404)
    expect((await read(live.app, s.url('/room'), null)).statusCode).toBe(404)
    socket.send({ type: 'subscribe', debate: s.slug })
    const refused = await socket.waitFor((f) => f.type === 'error' && f.debate === s.slug, 'a refusal')
    expect(refused.message).toBe(`No debate "${s.slug}"`)
    await socket.sync()
    expect(socket.frames.some((f) => f.type === 'subscribed' && f.debate === s.slug)).toBe(false)
  })

  it('keeps participants from steering: 403 for polls, the queue and the timer', async () => {
    const app = await buildApp()
    const s = await seminarIn(app)
    const p = s.participants[0]!
    const raised = await write(app, 'POST', s.url('/queue'), s.participants[1]!.cookie, { anchor: s.anchors[0], kind: 'argument' })
    const poll = await openPoll(app, s.slug, s.leader)
    for (const [method, url, body] of [
      ['POST', s.url('/polls'), {}],
      ['POST', `/api/polls/${poll.id}/close`, undefined],
      ['POST', s.url('/queue/next'), {}],
      ['DELETE', s.url(`/queue/${raised.json().entry.id}`), undefined],
      ['PUT', s.url('/timer'), { seconds: 60 }],
    ] as const) {
      const res = await write(app, method, url, p.cookie, body)
      expect(res.statusCode, `${method} ${url}`).toBe(403)
    }
    const room = (await read(app, s.url('/room'), p)).json()
    expect(room).toMatchObject({ poll: { id: poll.id, status: 'open' }, speaker: null, timer: null })
    expect(room.queue).toHaveLength(1)
  })
})
