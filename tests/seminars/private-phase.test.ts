/**
 * The private phase: everyone writes and takes positions, but a participant sees only their
 * own, in the threads and in the counts, over REST, live and in replays; the leader sees
 * everything. Once the leader opens the seminar, everyone sees everything.
 */
import { describe, expect, it } from 'vitest'
import { write } from '../helper.ts'
import { LiveClient, startLive, type Frame } from '../live/support.ts'
import type { Person } from '../moderation/support.ts'
import { read, seminar, seminarIn, setPhase } from './support.ts'

type Seminar = Awaited<ReturnType<typeof seminar>>

async function argue(s: Seminar) {
  const [a, b] = s.participants as [Person, Person]
  const anchor = s.anchors[0]!
  const thread = s.url(`/paragraphs/${anchor}/comments`)
  const post = async (who: Person, body: string, stance = 'pro', parentId?: number) => {
    const res = await write(s.app, 'POST', thread, who.cookie, parentId === undefined ? { body, stance } : { body, stance, parentId })
    if (res.statusCode !== 201) throw new Error(`post failed: ${res.statusCode} ${res.body}`)
    return res.json().comment as { id: number }
  }
  const mine = await post(a, 'Von A')
  const theirs = await post(b, 'Von B', 'contra')
  await write(s.app, 'PATCH', `/api/comments/${theirs.id}`, b.cookie, { body: 'Von B, überarbeitet' })
  await write(s.app, 'PUT', s.url(`/paragraphs/${anchor}/position`), a.cookie, { stance: 'pro' })
  await write(s.app, 'PUT', s.url(`/paragraphs/${anchor}/position`), b.cookie, { stance: 'contra' })
  return { a, b, anchor, thread, mine, theirs }
}

const bodies = (comments: { body: string | null }[]) => comments.map((c) => c.body).sort()

describe('the private phase over REST', () => {
  it("hides others' arguments, counts and positions from participants, not from the leader", async () => {
    const s = await seminar({ phase: 'private' })
    const { a, anchor, thread, theirs } = await argue(s)

    expect(bodies((await read(s.app, thread, a)).json().comments)).toEqual(['Von A'])
    expect(bodies((await read(s.app, thread, s.leader)).json().comments)).toEqual(['Von A', 'Von B, überarbeitet'])
    expect((await read(s.app, `/api/comments/${theirs.id}`, a)).statusCode).toBe(404)
    expect((await read(s.app, `/api/comments/${theirs.id}/versions`, a)).statusCode).toBe(404)
    expect((await read(s.app, `/api/comments/${theirs.id}/versions`, s.leader)).json().versions).toHaveLength(1)
    const reply = await write(s.app, 'POST', thread, a.cookie, { body: 'Antwort', stance: 'contra', parentId: theirs.id })
    expect(reply.statusCode).toBe(400)

    const block = (who: Person) =>
      read(s.app, s.url(), who).then((r) => r.json().essay.blocks.find((b: { anchor: string }) => b.anchor === anchor))
    // Their own argument counts for them, as their thread shows it; no one else's does.
    expect(await block(a)).toMatchObject({
      counts: { comments: 1, pro: 1, contra: 0, neutral: 0 },
      positions: { pro: 1, contra: 0, undecided: 0 },
      myPosition: 'pro',
    })
    expect(await block(s.leader)).toMatchObject({
      counts: { comments: 2, pro: 1, contra: 1, neutral: 0 },
      positions: { pro: 1, contra: 1, undecided: 0 },
    })
    const listed = async (who: Person) =>
      (await read(s.app, '/api/debates', who)).json().debates.find((d: { slug: string }) => d.slug === s.slug).comments
    expect(await listed(a)).toBe(0)
    expect(await listed(s.leader)).toBe(2)
    const position = await write(s.app, 'PUT', s.url(`/paragraphs/${anchor}/position`), a.cookie, { stance: 'undecided' })
    expect(position.json().positions).toEqual({ pro: 0, contra: 0, undecided: 1 })

    await setPhase(s.app, s.slug, s.leader, 'open')
    expect(bodies((await read(s.app, thread, a)).json().comments)).toEqual(['Von A', 'Von B, überarbeitet'])
    expect((await read(s.app, `/api/comments/${theirs.id}`, a)).statusCode).toBe(200)
    expect(await block(a)).toMatchObject({ counts: { comments: 2 }, positions: { undecided: 1, contra: 1 } })
    expect(await listed(a)).toBe(2)
  })
})

describe('the private phase live', () => {
  const seen = (frames: Frame[], slug: string) =>
    frames.filter((f) => f.debate === slug && typeof f.seq === 'number' && f.type !== 'subscribed')

  it("sends a participant only their own changes, without counts; others' become skips", async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { phase: 'private' })
    const [a] = s.participants as [Person]
    const from = (await s.debate()).seq
    const sockets = {
      a: await LiveClient.open(live, { cookie: a.cookie }),
      leader: await LiveClient.open(live, { cookie: s.leader.cookie }),
    }
    await sockets.a.subscribe(s.slug)
    await sockets.leader.subscribe(s.slug)
    const { mine, theirs } = await argue(s)
    const last = (await s.debate()).seq
    for (const socket of Object.values(sockets)) await socket.until(() => socket.seqs(s.slug).includes(last), 'every event')

    const forA = seen(sockets.a.frames, s.slug)
    expect(forA.map((f) => f.seq)).toEqual(Array.from({ length: last - from }, (_, i) => from + 1 + i))
    const shown = forA.filter((f) => f.type !== 'skip')
    expect(shown.map((f) => f.type)).toEqual(['comment.created', 'position.changed'])
    expect(shown[0]).toMatchObject({ comment: { id: mine.id, body: 'Von A' } })
    for (const frame of shown) {
      expect(frame).not.toHaveProperty('counts')
      expect(frame).not.toHaveProperty('positions')
      expect(frame).not.toHaveProperty('userId')
    }
    expect(JSON.stringify(forA)).not.toContain('Von B')

    const forLeader = seen(sockets.leader.frames, s.slug).filter((f) => f.type !== 'skip')
    expect(forLeader.map((f) => f.type)).toEqual([
      'comment.created',
      'comment.created',
      'comment.updated',
      'position.changed',
      'position.changed',
    ])
    expect(forLeader[1]).toMatchObject({ comment: { id: theirs.id }, counts: { comments: 2 } })
    expect(forLeader[4]).toMatchObject({ positions: { pro: 1, contra: 1, undecided: 0 } })
    expect(forLeader[4]).not.toHaveProperty('userId')
  })

  it('tells only the leaders that someone is writing, and on which side', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { phase: 'private' })
    const [a, b] = s.participants as [Person, Person]
    const [writer, peer, leader] = await Promise.all([a, b, s.leader].map((p) => LiveClient.open(live, { cookie: p.cookie })))
    for (const socket of [writer, peer, leader]) await socket!.subscribe(s.slug)
    const typing = { type: 'typing', debate: s.slug, anchor: s.anchors[0], stance: 'contra' }
    writer!.send(typing)
    expect(await leader!.waitFor((f) => f.type === 'typing')).toMatchObject({ anchor: s.anchors[0], stance: 'contra' })
    await peer!.sync()
    expect(peer!.frames.some((f) => f.type === 'typing')).toBe(false)

    await setPhase(s.app, s.slug, s.leader, 'open')
    await peer!.waitFor((f) => f.type === 'phase.changed' && f.phase === 'open')
    writer!.send(typing)
    expect(await peer!.waitFor((f) => f.type === 'typing')).toMatchObject({ stance: 'contra' })
  })

  it('replays by the current phase: hidden while private, everything once open', async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { phase: 'private' })
    const [a] = s.participants as [Person]
    const from = (await s.debate()).seq
    await argue(s)

    const early = await LiveClient.open(live, { cookie: a.cookie })
    await early.subscribe(s.slug, from)
    await early.sync()
    const replayed = seen(early.frames, s.slug)
    expect(replayed.filter((f) => f.type !== 'skip').map((f) => f.type)).toEqual(['comment.created', 'position.changed'])
    expect(JSON.stringify(replayed)).not.toContain('Von B')

    await setPhase(s.app, s.slug, s.leader, 'open')
    await early.waitFor((f) => f.type === 'phase.changed' && f.phase === 'open')
    const later = await LiveClient.open(live, { cookie: a.cookie })
    await later.subscribe(s.slug, from)
    await later.sync()
    const all = seen(later.frames, s.slug)
    expect(all.filter((f) => f.type === 'skip')).toEqual([])
    expect(all.find((f) => f.type === 'comment.updated')).toMatchObject({
      comment: { body: 'Von B, überarbeitet' },
      counts: { comments: 2 },
    })
  })
})
