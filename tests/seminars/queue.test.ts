import { describe, expect, it } from 'vitest'
import { SpeakersRepository } from '../../server/repositories/speakers.ts'
import { write } from '../helper.ts'
import { LiveClient, startLive } from '../live/support.ts'
import { peerSees, read, seminar, seminarIn, setPhase, type Person } from './support.ts'

type Entry = { id: number; user: { id: number; name: string; pseudonym?: string | null }; anchor: string; kind: string }

const names = (entries: Entry[]) => entries.map((e) => e.user.id)

describe('the speaker queue', () => {
  it('puts a point of order first, then hands in the order they went up; raising again replaces a hand', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app)
    const [a, b, c] = s.participants as [Person, Person, Person]
    const watcher = await LiveClient.open(live, { cookie: c.cookie })
    await watcher.subscribe(s.slug)
    const raise = (who: Person, kind: string, anchor = s.anchors[1]) =>
      write(live.app, 'POST', s.url('/queue'), who.cookie, { anchor, kind })

    const first = await raise(a, 'argument')
    expect(first.statusCode).toBe(201)
    expect(first.json().entry).toMatchObject({ user: { id: a.id, name: a.username }, anchor: s.anchors[1], kind: 'argument' })
    await raise(b, 'question')
    const order = await raise(c, 'order', s.anchors[3])
    expect(names(order.json().queue)).toEqual([c.id, a.id, b.id])
    expect(order.json().speaker).toBeNull()

    const again = await raise(a, 'reply', s.anchors[2])
    expect(again.statusCode).toBe(201)
    const queue = again.json().queue as Entry[]
    expect(names(queue)).toEqual([c.id, b.id, a.id])
    expect(queue.find((e) => e.user.id === a.id)).toMatchObject({ kind: 'reply', anchor: s.anchors[2] })

    await watcher.until(() => watcher.events(s.slug).filter((f) => f.type === 'queue.changed').length === 4, 'four queue changes')
    const last = watcher
      .events(s.slug)
      .filter((f) => f.type === 'queue.changed')
      .at(-1)!
    expect(names(last.queue)).toEqual([c.id, b.id, a.id])
    expect(last.speaker).toBeNull()

    const room = (await read(live.app, s.url('/room'), b)).json()
    expect(names(room.queue)).toEqual([c.id, b.id, a.id])
  })

  it('calls the next speaker, starting a timer with seconds and stopping it without', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app)
    const [a, b, c] = s.participants as [Person, Person, Person]
    const watcher = await LiveClient.open(live, { cookie: a.cookie })
    await watcher.subscribe(s.slug)
    for (const [who, kind] of [
      [a, 'argument'],
      [b, 'argument'],
      [c, 'order'],
    ] as const) {
      expect((await write(live.app, 'POST', s.url('/queue'), who.cookie, { anchor: s.anchors[0], kind })).statusCode).toBe(201)
    }

    const next = await write(live.app, 'POST', s.url('/queue/next'), s.leader.cookie, { seconds: 90 })
    expect(next.statusCode).toBe(200)
    const body = next.json()
    expect(body.speaker.user.id).toBe(c.id)
    expect(names(body.queue)).toEqual([a.id, b.id])
    expect(body.timer.seconds).toBe(90)
    expect(Date.parse(body.timer.endsAt) - Date.parse(body.timer.startedAt)).toBe(90_000)
    const started = await watcher.waitFor((f) => f.type === 'timer.started', 'timer.started')
    expect(started.timer).toEqual(body.timer)
    const moved = await watcher.waitFor((f) => f.type === 'queue.changed' && f.speaker?.user.id === c.id, 'c speaking')
    expect(names(moved.queue)).toEqual([a.id, b.id])

    const then = await write(live.app, 'POST', s.url('/queue/next'), s.leader.cookie)
    expect(then.statusCode).toBe(200)
    expect(then.json()).toMatchObject({ speaker: { user: { id: a.id } }, timer: null })
    expect(names(then.json().queue)).toEqual([b.id])
    await watcher.waitFor((f) => f.type === 'timer.stopped', 'timer.stopped')

    await write(live.app, 'POST', s.url('/queue/next'), s.leader.cookie, {})
    const done = await write(live.app, 'POST', s.url('/queue/next'), s.leader.cookie, {})
    expect(done.json()).toEqual({ speaker: null, queue: [], timer: null })
    const room = (await read(live.app, s.url('/room'), c)).json()
    expect(room).toMatchObject({ speaker: null, queue: [], timer: null })
  })

  it('ends the floor when the seminar closes: the speaker is done, the hands come down, the timer stops', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app)
    const [a, b] = s.participants as [Person, Person]
    const watcher = await LiveClient.open(live, { cookie: a.cookie })
    await watcher.subscribe(s.slug)
    for (const who of [a, b]) {
      expect((await write(live.app, 'POST', s.url('/queue'), who.cookie, { anchor: s.anchors[0], kind: 'argument' })).statusCode).toBe(201)
    }
    expect((await write(live.app, 'POST', s.url('/queue/next'), s.leader.cookie, { seconds: 60 })).json()).toMatchObject({
      speaker: { user: { id: a.id } },
      timer: { seconds: 60 },
    })

    await setPhase(live.app, s.slug, s.leader, 'closed')
    const room = (await read(live.app, s.url('/room'), a)).json()
    expect(room).toMatchObject({ phase: 'closed', speaker: null, queue: [], timer: null })
    const ended = await watcher.waitFor((f) => f.type === 'queue.changed' && f.speaker === null && f.queue.length === 0, 'the floor ended')
    const stopped = await watcher.waitFor((f) => f.type === 'timer.stopped', 'timer.stopped')
    const closed = await watcher.waitFor((f) => f.type === 'phase.changed' && f.phase === 'closed', 'phase.changed')
    expect(closed.seq).toBeLessThan(ended.seq)
    expect(ended.seq).toBeLessThan(stopped.seq)
  })

  it('lets participants lower their own hand and the leaders take any hand down', async () => {
    const s = await seminar()
    const [a, b] = s.participants as [Person, Person]
    await write(s.app, 'POST', s.url('/queue'), a.cookie, { anchor: s.anchors[0], kind: 'argument' })
    const raised = await write(s.app, 'POST', s.url('/queue'), b.cookie, { anchor: s.anchors[0], kind: 'question' })
    const seq = (await s.debate()).seq

    expect((await write(s.app, 'DELETE', s.url('/queue/mine'), a.cookie)).statusCode).toBe(204)
    expect(names((await read(s.app, s.url('/room'), a)).json().queue)).toEqual([b.id])
    expect((await s.debate()).seq).toBe(seq + 1)
    // Lowering a hand that is not raised changes nothing and announces nothing.
    expect((await write(s.app, 'DELETE', s.url('/queue/mine'), a.cookie)).statusCode).toBe(204)
    expect((await s.debate()).seq).toBe(seq + 1)

    const entry = raised.json().entry as Entry
    expect((await write(s.app, 'DELETE', s.url(`/queue/${entry.id}`), a.cookie)).statusCode).toBe(403)
    expect((await write(s.app, 'DELETE', s.url(`/queue/${entry.id}`), s.leader.cookie)).statusCode).toBe(204)
    expect((await read(s.app, s.url('/room'), a)).json().queue).toEqual([])
    expect((await write(s.app, 'DELETE', s.url(`/queue/${entry.id}`), s.leader.cookie)).statusCode).toBe(404)
  })

  it('takes down the hands of someone who leaves the seminar, speaking or waiting', async () => {
    const s = await seminar()
    const [a, b] = s.participants as [Person, Person]
    await write(s.app, 'POST', s.url('/queue'), a.cookie, { anchor: s.anchors[0], kind: 'argument' })
    await write(s.app, 'POST', s.url('/queue/next'), s.leader.cookie, {})
    await write(s.app, 'POST', s.url('/queue'), a.cookie, { anchor: s.anchors[1], kind: 'reply' })
    await write(s.app, 'POST', s.url('/queue'), b.cookie, { anchor: s.anchors[1], kind: 'reply' })
    const event = await s.app.db.transaction(async (tx) => SpeakersRepository.leave(tx, await s.debate(), a.id))
    expect(event).toMatchObject({ type: 'queue.changed', speaker: null })
    expect(names(event!.queue)).toEqual([b.id])
    expect(await s.app.db.transaction(async (tx) => SpeakersRepository.leave(tx, await s.debate(), a.id))).toBeNull()
    const room = (await read(s.app, s.url('/room'), b)).json()
    expect(room.speaker).toBeNull()
    expect(names(room.queue)).toEqual([b.id])
  })

  it('sets and stops the timer for the leaders only', async () => {
    const s = await seminar()
    const p = s.participants[0]!
    expect((await write(s.app, 'PUT', s.url('/timer'), p.cookie, { seconds: 60 })).statusCode).toBe(403)
    expect((await write(s.app, 'POST', s.url('/queue/next'), p.cookie, {})).statusCode).toBe(403)
    expect((await write(s.app, 'PUT', s.url('/timer'), s.leader.cookie, { seconds: 5 })).statusCode).toBe(400)

    const set = await write(s.app, 'PUT', s.url('/timer'), s.leader.cookie, { seconds: 120 })
    expect(set.statusCode).toBe(200)
    expect(set.json().timer.seconds).toBe(120)
    expect((await read(s.app, s.url('/room'), p)).json().timer).toEqual(set.json().timer)
    const stopped = await write(s.app, 'PUT', s.url('/timer'), s.leader.cookie, { seconds: null })
    expect(stopped.json()).toEqual({ timer: null })
    expect((await read(s.app, s.url('/room'), p)).json().timer).toBeNull()
    const types = (await s.app.repos.events.since(await s.debate(), 0)).map((e) => e.type).filter((t) => t.startsWith('timer.'))
    expect(types).toEqual(['timer.started', 'timer.stopped'])
  })

  it('takes hands in the reading phase, none once closed, and none from outsiders or in ordinary debates', async () => {
    const s = await seminar({ phase: 'reading' })
    const p = s.participants[0]!
    const body = { anchor: s.anchors[0], kind: 'question' }
    expect((await write(s.app, 'POST', s.url('/queue'), p.cookie, body)).statusCode).toBe(201)
    expect((await write(s.app, 'POST', s.url('/queue'), s.outsider.cookie, body)).statusCode).toBe(404)
    expect((await write(s.app, 'POST', s.url('/queue'), null, body)).statusCode).toBe(404)
    expect((await read(s.app, s.url('/room'), s.outsider)).statusCode).toBe(404)
    expect((await write(s.app, 'POST', s.url('/queue/next'), s.outsider.cookie, {})).statusCode).toBe(404)
    expect((await write(s.app, 'PUT', s.url('/timer'), s.outsider.cookie, { seconds: 60 })).statusCode).toBe(404)
    expect((await write(s.app, 'POST', s.url('/queue'), p.cookie, { anchor: 'no-such-paragraph', kind: 'question' })).statusCode).toBe(404)
    const ordinary = await write(s.app, 'POST', '/api/debates/sora/queue', p.cookie, body)
    expect(ordinary.statusCode).toBe(400)
    expect((await write(s.app, 'PUT', '/api/debates/sora/timer', s.leader.cookie, { seconds: 60 })).statusCode).toBe(400)

    await setPhase(s.app, s.slug, s.leader, 'closed')
    expect((await write(s.app, 'POST', s.url('/queue'), p.cookie, body)).statusCode).toBe(403)
    expect((await write(s.app, 'POST', s.url('/queue/next'), s.leader.cookie, {})).statusCode).toBe(403)
    expect((await write(s.app, 'PUT', s.url('/timer'), s.leader.cookie, { seconds: 60 })).statusCode).toBe(403)
  })

  it('shows people by pseudonym to participants of an anonymous seminar, and both names to the leaders', async () => {
    const s = await seminar({ anonymous: true })
    const [a, b] = s.participants as [Person, Person]
    await write(s.app, 'POST', s.url('/queue'), a.cookie, { anchor: s.anchors[0], kind: 'argument' })
    const raised = await write(s.app, 'POST', s.url('/queue'), b.cookie, { anchor: s.anchors[0], kind: 'reply' })
    const seenByLeader = (await read(s.app, s.url('/room'), s.leader)).json().queue as Entry[]
    const pseudonym = seenByLeader[0]!.user.pseudonym
    expect(typeof pseudonym).toBe('string')
    expect(pseudonym).not.toBe(a.username)
    expect(seenByLeader[0]!.user).toEqual({ id: a.id, name: a.username, pseudonym, guest: true, role: 'participant' })
    const seenByB = raised.json().queue as Entry[]
    expect(seenByB[0]!.user).toEqual(peerSees(pseudonym!))
    expect(seenByB[1]!.user).toEqual({ id: b.id, name: b.username, guest: true, role: 'participant' })
    expect(JSON.stringify((await read(s.app, s.url('/room'), b)).json())).not.toContain(a.username)
  })
})
