/**
 * Small groups: the leader forms them (balanced by stance, at random, by hand), late joiners go
 * into the smallest, and during group work each participant sees and writes only within their
 * group — threads, counts, positions, votes, replies, raised hands, over REST, live and in
 * replays from `since` — while the leader sees every group; the plenum shows all, labelled.
 */
import { describe, expect, it } from 'vitest'
import { write } from '../helper.ts'
import { LiveClient, startLive, type Frame } from '../live/support.ts'
import type { Person } from '../moderation/support.ts'
import { joinAsGuest, read, seminar, seminarIn } from './support.ts'

type Seminar = Awaited<ReturnType<typeof seminar>>
interface GroupsAnswer {
  state: string | null
  groups: { id: number; letter: string; members: { id: number; name: string }[] }[]
  mine: number | null
}

async function expectStatus(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status: number) {
  const r = await res
  expect(r.statusCode, r.body).toBe(status)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of several shapes
  return r.json() as any
}

const form = (s: Seminar, body: Record<string, unknown>, who = s.leader) => write(s.app, 'PUT', s.url('/groups'), who.cookie, body)
const setState = (s: Seminar, state: string) => write(s.app, 'PUT', s.url('/groups/state'), s.leader.cookie, { state })
const position = (s: Seminar, who: Person, anchor: string, stance: string) =>
  expectStatus(write(s.app, 'PUT', s.url(`/paragraphs/${anchor}/position`), who.cookie, { stance }), 200)

async function post(s: Seminar, who: Person, anchor: string, body: string, stance = 'pro', parentId?: number) {
  const res = await write(s.app, 'POST', s.url(`/paragraphs/${anchor}/comments`), who.cookie, {
    body,
    stance,
    ...(parentId === undefined ? {} : { parentId }),
  })
  return res
}

const membersOf = (answer: GroupsAnswer) => answer.groups.map((g) => g.members.map((m) => m.id).sort((a, b) => a - b))

/** Two groups by hand: A with the first two participants, B with the third. */
async function twoGroups(s: Seminar) {
  const [a1, a2, b1] = s.participants as [Person, Person, Person]
  const formed: GroupsAnswer = await expectStatus(form(s, { mode: 'manual', count: 2 }), 200)
  const [groupA, groupB] = formed.groups as [GroupsAnswer['groups'][0], GroupsAnswer['groups'][0]]
  for (const [who, group] of [
    [a1, groupA],
    [a2, groupA],
    [b1, groupB],
  ] as const) {
    await expectStatus(write(s.app, 'PUT', s.url(`/groups/members/${who.id}`), s.leader.cookie, { group: group.id }), 200)
  }
  return { a1, a2, b1, groupA, groupB }
}

describe('forming groups', () => {
  it('balances the groups by the stances participants took, each group a mix of both sides', async () => {
    const s = await seminar({ participants: 6 })
    const anchor = s.anchors[0]!
    for (const [i, who] of s.participants.entries()) await position(s, who, anchor, i % 2 === 0 ? 'pro' : 'contra')
    const formed: GroupsAnswer = await expectStatus(form(s, { mode: 'balanced', count: 3 }), 200)
    expect(formed.state).toBe('forming')
    expect(formed.groups.map((g) => g.letter)).toEqual(['A', 'B', 'C'])
    const pro = new Set(s.participants.filter((_, i) => i % 2 === 0).map((p) => p.id))
    for (const group of formed.groups) {
      expect(group.members).toHaveLength(2)
      expect(group.members.filter((m) => pro.has(m.id))).toHaveLength(1)
    }
    // The leaders are in no group.
    expect(formed.groups.flatMap((g) => g.members.map((m) => m.id))).not.toContain(s.leader.id)
  })

  it('forms by size at random, reshuffles, places by hand and puts a late joiner in the smallest group', async () => {
    const s = await seminar({ participants: 5 })
    const bySize: GroupsAnswer = await expectStatus(form(s, { mode: 'random', size: 2 }), 200)
    expect(bySize.groups.map((g) => g.members.length).sort()).toEqual([2, 3])
    const manual: GroupsAnswer = await expectStatus(form(s, { mode: 'manual', count: 2 }), 200)
    expect(membersOf(manual)).toEqual([[], []])
    const [first, second] = manual.groups as [GroupsAnswer['groups'][0], GroupsAnswer['groups'][0]]
    for (const who of s.participants.slice(0, 3)) {
      await expectStatus(write(s.app, 'PUT', s.url(`/groups/members/${who.id}`), s.leader.cookie, { group: first.id }), 200)
    }
    const late = await joinAsGuest(s.app, s.code, `Late ${process.pid}`)
    const seen: GroupsAnswer = await expectStatus(read(s.app, s.url('/groups'), late), 200)
    expect(seen.mine).toBe(second.id)
    expect(seen.groups.find((g) => g.id === second.id)!.members.map((m) => m.id)).toEqual([late.id])
    // Starting places those still in no group in the smallest groups.
    const started: GroupsAnswer = await expectStatus(setState(s, 'working'), 200)
    expect(started.groups.map((g) => g.members.length).sort()).toEqual([3, 3])
  })

  it('refuses what does not fit, clearly, and writes nothing', async () => {
    const s = await seminar({ participants: 2 })
    const [a] = s.participants as [Person]
    const before = (await s.debate()).seq
    const both = await expectStatus(form(s, { mode: 'random', size: 2, count: 2 }), 400)
    expect(both).toMatchObject({ statusCode: 400, error: 'Bad Request', message: "body: give either the groups' size or their count" })
    await expectStatus(form(s, { mode: 'random' }), 400)
    await expectStatus(form(s, { mode: 'alphabetical', count: 2 }), 400)
    await expectStatus(form(s, { mode: 'random', count: 2 }, a), 403)
    expect((await expectStatus(setState(s, 'working'), 409)).message).toBe('Form the groups first')
    await expectStatus(form(s, { mode: 'balanced', balance: 'poll', count: 2 }), 409)
    expect((await s.debate()).seq).toBe(before)
    const { groups } = await expectStatus(form(s, { mode: 'random', count: 2 }), 200)
    await expectStatus(write(s.app, 'PUT', s.url(`/groups/members/${a.id}`), s.leader.cookie, { group: 999_999 }), 400)
    await expectStatus(write(s.app, 'PUT', s.url(`/groups/members/${s.leader.id}`), s.leader.cookie, { group: groups[0].id }), 404)
    await expectStatus(setState(s, 'working'), 200)
    await expectStatus(form(s, { mode: 'random', count: 2 }), 409)
    await expectStatus(write(s.app, 'PUT', s.url(`/groups/members/${a.id}`), s.leader.cookie, { group: groups[1].id }), 409)
    await expectStatus(write(s.app, 'DELETE', s.url('/groups'), s.leader.cookie), 409)
  })
})

describe('group work over REST', () => {
  it('shows each participant only their group, the leader every group, and the plenum all, labelled', async () => {
    const s = await seminar({ participants: 3 })
    const { a1, a2, b1, groupA, groupB } = await twoGroups(s)
    const anchor = s.anchors[0]!
    const thread = s.url(`/paragraphs/${anchor}/comments`)
    const before = await expectStatus(post(s, a1, anchor, 'Vor der Gruppenarbeit'), 201)
    await expectStatus(setState(s, 'working'), 200)

    const fromA = (await expectStatus(post(s, a1, anchor, 'Aus Gruppe A'), 201)).comment
    const fromB = (await expectStatus(post(s, b1, anchor, 'Aus Gruppe B', 'contra'), 201)).comment
    expect(fromA.group).toEqual({ id: groupA.id, letter: 'A' })
    await position(s, a2, anchor, 'contra')
    await position(s, b1, anchor, 'pro')

    const bodies = async (who: Person) => (await expectStatus(read(s.app, thread, who), 200)).comments.map((c: { body: string }) => c.body)
    expect(await bodies(a2)).toEqual(['Aus Gruppe A'])
    expect(await bodies(b1)).toEqual(['Aus Gruppe B'])
    expect((await bodies(s.leader)).sort()).toEqual(['Aus Gruppe A', 'Aus Gruppe B', 'Vor der Gruppenarbeit'])
    await expectStatus(read(s.app, `/api/comments/${fromB.id}`, a2), 404)
    await expectStatus(write(s.app, 'PUT', `/api/comments/${fromB.id}/vote`, a2.cookie, { value: 1 }), 404)
    await expectStatus(post(s, a2, anchor, 'Antwort nach drüben', 'contra', fromB.id), 400)
    await expectStatus(post(s, a2, anchor, 'Antwort auf das Alte', 'contra', before.comment.id), 400)
    const reply = (await expectStatus(post(s, a2, anchor, 'Antwort in A', 'contra', fromA.id), 201)).comment
    expect(reply.group).toEqual({ id: groupA.id, letter: 'A' })
    // The leader answers in the group of the argument answered.
    const led = (await expectStatus(post(s, s.leader, anchor, 'Die Leitung fragt nach', 'neutral', fromB.id), 201)).comment
    expect(led.group).toEqual({ id: groupB.id, letter: 'B' })
    expect(await bodies(b1)).toEqual(['Aus Gruppe B', 'Die Leitung fragt nach'])

    const block = async (who: Person) =>
      (await expectStatus(read(s.app, s.url(), who), 200)).essay.blocks.find((b: { anchor: string }) => b.anchor === anchor)
    expect(await block(a2)).toMatchObject({ counts: { comments: 2, pro: 1, contra: 0 }, positions: { pro: 0, contra: 1, undecided: 0 } })
    expect(await block(b1)).toMatchObject({ counts: { comments: 2, pro: 0, contra: 1 }, positions: { pro: 1, contra: 0, undecided: 0 } })
    expect(await block(s.leader)).toMatchObject({ counts: { comments: 5, pro: 2, contra: 1 }, positions: { pro: 1, contra: 1 } })
    expect((await position(s, a1, anchor, 'pro')).positions).toEqual({ pro: 1, contra: 1, undecided: 0 })

    // Raised hands: a participant sees their group's only.
    await expectStatus(write(s.app, 'POST', s.url('/queue'), a1.cookie, { anchor, kind: 'argument' }), 201)
    await expectStatus(write(s.app, 'POST', s.url('/queue'), b1.cookie, { anchor, kind: 'question' }), 201)
    const queueOf = async (who: Person) =>
      (await expectStatus(read(s.app, s.url('/room'), who), 200)).queue.map((e: { user: { id: number } }) => e.user.id)
    expect(await queueOf(a2)).toEqual([a1.id])
    expect(await queueOf(s.leader)).toEqual([a1.id, b1.id])

    // The projector's comparison: each group's balance and strongest argument per paragraph.
    await expectStatus(write(s.app, 'PUT', `/api/comments/${fromA.id}/vote`, a2.cookie, { value: 1 }), 200)
    const compared = await expectStatus(read(s.app, s.url('/groups/comparison'), s.leader), 200)
    const first = compared.paragraphs.find((p: { anchor: string }) => p.anchor === anchor)
    expect(first.groups).toMatchObject([
      { group: groupA.id, counts: { pro: 1, contra: 0 }, positions: { pro: 1, contra: 1 }, strongest: { id: fromA.id, votes: 1 } },
      { group: groupB.id, counts: { pro: 0, contra: 1 }, strongest: { id: fromB.id } },
    ])
    await expectStatus(read(s.app, s.url('/groups/comparison'), a1), 403)

    await expectStatus(setState(s, 'plenum'), 200)
    const all = (await expectStatus(read(s.app, thread, a2), 200)).comments as { body: string; group?: { letter: string } }[]
    expect(all.map((c) => c.body).sort()).toEqual([
      'Antwort in A',
      'Aus Gruppe A',
      'Aus Gruppe B',
      'Die Leitung fragt nach',
      'Vor der Gruppenarbeit',
    ])
    expect(all.find((c) => c.body === 'Aus Gruppe B')!.group).toEqual({ id: groupB.id, letter: 'B' })
    expect(all.find((c) => c.body === 'Vor der Gruppenarbeit')).not.toHaveProperty('group')
    expect(await block(a2)).toMatchObject({ counts: { comments: 5 } })
    expect(await queueOf(a2)).toEqual([a1.id, b1.id])
  })
})

describe('group work live', () => {
  const seen = (frames: Frame[], slug: string) =>
    frames.filter((f) => f.debate === slug && typeof f.seq === 'number' && f.type !== 'subscribed')

  it("replays from since with the group's tallies and never another group's content; typing stays in the group", async () => {
    const live = await startLive()
    const s = await seminarIn(live.app, { participants: 3 })
    const { a1, a2, b1, groupA } = await twoGroups(s)
    const anchor = s.anchors[0]!
    await expectStatus(setState(s, 'working'), 200)
    const from = (await s.debate()).seq
    const sockets = {
      a2: await LiveClient.open(live, { cookie: a2.cookie }),
      b1: await LiveClient.open(live, { cookie: b1.cookie }),
      leader: await LiveClient.open(live, { cookie: s.leader.cookie }),
    }
    for (const socket of Object.values(sockets)) await socket.subscribe(s.slug)
    await expectStatus(post(s, a1, anchor, 'Aus Gruppe A'), 201)
    await expectStatus(post(s, b1, anchor, 'Geheim aus Gruppe B', 'contra'), 201)
    await position(s, b1, anchor, 'contra')
    const last = (await s.debate()).seq
    for (const socket of Object.values(sockets)) await socket.until(() => socket.seqs(s.slug).includes(last), 'every event')

    const forA = seen(sockets.a2.frames, s.slug)
    expect(JSON.stringify(forA)).not.toContain('Gruppe B')
    const shown = forA.filter((f) => f.type !== 'skip')
    expect(shown.map((f) => f.type)).toEqual(['comment.created'])
    expect(shown[0]).toMatchObject({
      comment: { body: 'Aus Gruppe A', group: { id: groupA.id, letter: 'A' } },
      counts: { comments: 1, pro: 1 },
    })
    expect(shown[0]).not.toHaveProperty('groupCounts')
    const forLeader = seen(sockets.leader.frames, s.slug).filter((f) => f.type !== 'skip')
    expect(forLeader.map((f) => f.type)).toEqual(['comment.created', 'comment.created', 'position.changed'])
    expect(forLeader[1]).toMatchObject({ counts: { comments: 2, pro: 1, contra: 1 } })
    expect(forLeader[2]).not.toHaveProperty('group')

    // A late socket replaying from before group work's posts gets the same.
    const replaying = await LiveClient.open(live, { cookie: a2.cookie })
    await replaying.subscribe(s.slug, from)
    await replaying.sync()
    expect(JSON.stringify(seen(replaying.frames, s.slug))).not.toContain('Gruppe B')
    expect(seen(replaying.frames, s.slug).map((f) => f.seq)).toEqual(Array.from({ length: last - from }, (_, i) => from + 1 + i))

    // Typing reaches the writer's group and the leaders, not the other group.
    const writer = await LiveClient.open(live, { cookie: a1.cookie })
    await writer.subscribe(s.slug)
    writer.send({ type: 'typing', debate: s.slug, anchor, stance: 'pro' })
    await sockets.a2.waitFor((f) => f.type === 'typing')
    await sockets.leader.waitFor((f) => f.type === 'typing')
    await sockets.b1.sync()
    expect(sockets.b1.frames.some((f) => f.type === 'typing')).toBe(false)

    // The plenum reveals all to a replay from the same point.
    await expectStatus(setState(s, 'plenum'), 200)
    await sockets.b1.waitFor((f) => f.type === 'groups.changed' && f.state === 'plenum')
    const after = await LiveClient.open(live, { cookie: a2.cookie })
    await after.subscribe(s.slug, from)
    await after.sync()
    expect(JSON.stringify(seen(after.frames, s.slug))).toContain('Geheim aus Gruppe B')
  })
})
