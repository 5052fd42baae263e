import { describe, expect, it } from 'vitest'
import { write } from '../helper.ts'
import { LiveClient, startLive, type Frame } from '../live/support.ts'
import { openPoll, read, seminar, seminarIn, setPhase, vote, type Person } from './support.ts'

describe('stance polls', () => {
  it('keeps every vote secret until the poll closes: REST and live tell only how many voted', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { participants: 4 })
    const [a, b, c, d] = s.participants as [Person, Person, Person, Person]
    const leaderSocket = await LiveClient.open(live, { cookie: s.leader.cookie })
    const watcher = await LiveClient.open(live, { cookie: d.cookie })
    await leaderSocket.subscribe(s.slug)
    await watcher.subscribe(s.slug)

    const poll = await openPoll(live.app, s.slug, s.leader, { anchor: s.anchors[1] })
    expect(poll).toMatchObject({ anchor: s.anchors[1], status: 'open', votes: 0, before: null })
    expect((await vote(live.app, poll.id, a, 'pro')).mine).toBe('pro')
    await vote(live.app, poll.id, b, 'contra')
    await vote(live.app, poll.id, c, 'contra')
    // Changing one's mind while the poll is open changes the vote, and nothing is announced.
    const changed = await vote(live.app, poll.id, b, 'undecided')
    expect(changed).toMatchObject({ votes: 3, mine: 'undecided' })

    for (const who of [s.leader, d]) {
      const one = (await read(live.app, `/api/polls/${poll.id}`, who)).json().poll
      expect(one.votes).toBe(3)
      expect(one).not.toHaveProperty('results')
      expect(one).not.toHaveProperty('shift')
      const listed = (await read(live.app, s.url('/polls'), who)).json().polls
      expect(listed[0]).not.toHaveProperty('results')
      const room = (await read(live.app, s.url('/room'), who)).json()
      expect(room.poll).toMatchObject({ id: poll.id, votes: 3, mine: null })
      expect(room.poll).not.toHaveProperty('results')
    }
    expect((await read(live.app, `/api/polls/${poll.id}`, a)).json().poll.mine).toBe('pro')

    await watcher.sync()
    await leaderSocket.sync()
    for (const client of [watcher, leaderSocket]) {
      const counts = client.events(s.slug).filter((f) => f.type === 'poll.count')
      expect(counts.map((f) => f.votes)).toEqual([1, 2, 3])
      for (const frame of counts) expect(Object.keys(frame).sort()).toEqual(['clientId', 'debate', 'poll', 'seq', 'type', 'votes'])
      const text = JSON.stringify(client.frames)
      for (const stance of ['"pro"', '"contra"', '"undecided"']) expect(text).not.toContain(stance)
    }

    const closed = await write(live.app, 'POST', `/api/polls/${poll.id}/close`, s.leader.cookie)
    expect(closed.statusCode).toBe(200)
    expect(closed.json().results).toEqual({ pro: 1, contra: 1, undecided: 1 })
    const event: Frame = await watcher.waitFor((f) => f.type === 'poll.closed', 'poll.closed')
    expect(event.poll).toMatchObject({ id: poll.id, status: 'closed', results: { pro: 1, contra: 1, undecided: 1 } })
    expect(event.poll).not.toHaveProperty('shift')
  })

  it('shows who changed side between a "before" and an "after" round, with their reasons and without names', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { participants: 6 })
    const [a, b, c, d, e, f] = s.participants as [Person, Person, Person, Person, Person, Person]
    const watcher = await LiveClient.open(live, { cookie: f.cookie })
    await watcher.subscribe(s.slug)

    const first = await openPoll(live.app, s.slug, s.leader, { anchor: s.anchors[4] })
    const early = await write(live.app, 'PUT', `/api/polls/${first.id}/vote`, a.cookie, { stance: 'pro', reason: 'why not' })
    expect(early.statusCode).toBe(400)
    for (const [who, stance] of [
      [a, 'pro'],
      [b, 'pro'],
      [c, 'contra'],
      [d, 'undecided'],
      [f, 'pro'],
    ] as const) {
      await vote(live.app, first.id, who, stance)
    }
    // An "after" round needs a closed "before" round.
    expect((await write(live.app, 'POST', s.url('/polls'), s.leader.cookie, { before: first.id })).statusCode).toBe(409)
    await write(live.app, 'POST', `/api/polls/${first.id}/close`, s.leader.cookie)
    const otherAnchor = await write(live.app, 'POST', s.url('/polls'), s.leader.cookie, { before: first.id, anchor: s.anchors[0] })
    expect(otherAnchor.statusCode).toBe(400)

    const second = await openPoll(live.app, s.slug, s.leader, { before: first.id })
    expect(second).toMatchObject({ before: first.id, anchor: s.anchors[4] })
    await vote(live.app, second.id, a, 'contra', 'The second paragraph answers my objection')
    await vote(live.app, second.id, b, 'pro', 'Still convinced')
    await vote(live.app, second.id, c, 'undecided', 'Both sides have a point')
    await vote(live.app, second.id, d, 'pro')
    await vote(live.app, second.id, e, 'contra')

    const res = await write(live.app, 'POST', `/api/polls/${second.id}/close`, s.leader.cookie)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.results).toEqual({ pro: 2, contra: 2, undecided: 1 })
    expect(body.shift).toEqual({
      pro: { pro: 1, contra: 1, undecided: 0 },
      contra: { pro: 0, contra: 0, undecided: 1 },
      undecided: { pro: 1, contra: 0, undecided: 0 },
    })
    expect(body.reasons).toHaveLength(2)
    expect(body.reasons).toEqual(
      expect.arrayContaining([
        { from: 'pro', to: 'contra', reason: 'The second paragraph answers my objection' },
        { from: 'contra', to: 'undecided', reason: 'Both sides have a point' },
      ]),
    )
    const event = await watcher.waitFor((fr) => fr.type === 'poll.closed' && fr.poll.id === second.id, 'poll.closed')
    expect(event.poll).toMatchObject({ results: body.results, shift: body.shift, reasons: body.reasons })
    const text = JSON.stringify(event)
    for (const who of s.participants) expect(text).not.toContain(who.username)

    const again = (await read(live.app, `/api/polls/${second.id}`, f)).json().poll
    expect(again).toMatchObject({ status: 'closed', results: body.results, shift: body.shift, mine: null })
    const earlier = (await read(live.app, `/api/polls/${first.id}`, f)).json().poll
    expect(earlier).toMatchObject({ results: { pro: 3, contra: 1, undecided: 1 }, mine: 'pro' })
    expect(earlier).not.toHaveProperty('shift')
  })

  it('allows one open poll at a time, closes a poll once, and takes no vote after closing', async () => {
    const s = await seminar()
    const poll = await openPoll(s.app, s.slug, s.leader)
    expect(poll.anchor).toBeNull()
    const second = await write(s.app, 'POST', s.url('/polls'), s.leader.cookie, {})
    expect(second.statusCode).toBe(409)
    expect((await write(s.app, 'POST', `/api/polls/${poll.id}/close`, s.leader.cookie)).statusCode).toBe(200)
    const twice = await write(s.app, 'POST', `/api/polls/${poll.id}/close`, s.leader.cookie)
    expect(twice.statusCode).toBe(409)
    const late = await write(s.app, 'PUT', `/api/polls/${poll.id}/vote`, s.participants[0]!.cookie, { stance: 'pro' })
    expect(late.statusCode).toBe(409)
    expect((await write(s.app, 'POST', s.url('/polls'), s.leader.cookie, {})).statusCode).toBe(201)
    const listed = (await read(s.app, s.url('/polls'), s.participants[0]!)).json().polls
    expect(listed.map((p: { status: string }) => p.status)).toEqual(['open', 'closed'])
  })

  it("lets only the leaders open and close polls, and hides a seminar's polls from outsiders", async () => {
    const s = await seminar()
    const p = s.participants[0]!
    expect((await write(s.app, 'POST', s.url('/polls'), p.cookie, {})).statusCode).toBe(403)
    const poll = await openPoll(s.app, s.slug, s.leader, { anchor: s.anchors[2] })
    expect((await write(s.app, 'POST', `/api/polls/${poll.id}/close`, p.cookie)).statusCode).toBe(403)
    expect((await write(s.app, 'PUT', `/api/polls/${poll.id}/vote`, null, { stance: 'pro' })).statusCode).toBe(404)

    expect((await read(s.app, `/api/polls/${poll.id}`, s.outsider)).statusCode).toBe(404)
    expect((await read(s.app, `/api/polls/${poll.id}`, null)).statusCode).toBe(404)
    expect((await read(s.app, s.url('/polls'), s.outsider)).statusCode).toBe(404)
    expect((await write(s.app, 'PUT', `/api/polls/${poll.id}/vote`, s.outsider.cookie, { stance: 'pro' })).statusCode).toBe(404)
    expect((await write(s.app, 'POST', s.url('/polls'), s.outsider.cookie, {})).statusCode).toBe(404)
    expect((await write(s.app, 'POST', `/api/polls/${poll.id}/close`, s.outsider.cookie)).statusCode).toBe(404)
    expect((await write(s.app, 'POST', s.url('/polls'), s.leader.cookie, { anchor: 'no-such-paragraph' })).statusCode).toBe(404)
    expect((await read(s.app, `/api/polls/99999`, s.leader)).statusCode).toBe(404)

    const ordinary = await write(s.app, 'POST', '/api/debates/sora/polls', s.leader.cookie, {})
    expect(ordinary.statusCode).toBe(400)
    expect(ordinary.json().message).toBe('"sora" is not a seminar')
  })

  it('takes votes in the reading phase but nothing once the seminar is closed', async () => {
    const s = await seminar({ phase: 'reading' })
    const p = s.participants[0]!
    const poll = await openPoll(s.app, s.slug, s.leader)
    expect((await vote(s.app, poll.id, p, 'contra')).mine).toBe('contra')
    await setPhase(s.app, s.slug, s.leader, 'closed')
    const res = await write(s.app, 'PUT', `/api/polls/${poll.id}/vote`, p.cookie, { stance: 'pro' })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toMatch(/closed/)
    expect((await write(s.app, 'POST', `/api/polls/${poll.id}/close`, s.leader.cookie)).statusCode).toBe(403)
    expect((await write(s.app, 'POST', s.url('/polls'), s.leader.cookie, {})).statusCode).toBe(403)
    expect((await read(s.app, `/api/polls/${poll.id}`, p)).json().poll).toMatchObject({ status: 'open', votes: 1, mine: 'contra' })
  })
})
