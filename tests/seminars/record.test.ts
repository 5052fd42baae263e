import { ArgdownApplication, ModelPlugin, ParserPlugin } from '@argdown/core'
import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { computeMark } from '../../server/repositories/records.ts'
import { parseCsv } from '../csv.ts'
import { write } from '../helper.ts'
import { person } from '../moderation/support.ts'
import { openPoll, read, seminar, vote, type Person } from './support.ts'

const HIDDEN = 'Ein verstecktes Argument, das nur die Leitung lesen darf.'
const REMOVED = 'Entfernter Text, der nirgends mehr erscheinen darf.'
const FORMULA = '=HYPERLINK("http://example.com","klick")'

async function post(app: FastifyInstance, slug: string, anchor: string, who: Person, body: string, stance: string, parentId?: number) {
  const res = await write(app, 'POST', `/api/debates/${slug}/paragraphs/${anchor}/comments`, who.cookie, {
    body,
    stance,
    ...(parentId === undefined ? {} : { parentId }),
  })
  if (res.statusCode !== 201) throw new Error(`post failed: ${res.statusCode} ${res.body}`)
  return res.json().comment as { id: number }
}

/** A seminar in which three students argued, voted, polled twice and were moderated once each way. */
async function argued() {
  const s = await seminar({ participants: 3 })
  const [ada, ben, cem] = s.participants as [Person, Person, Person]
  const [first, second] = s.anchors as [string, string]
  const strong = await post(s.app, s.slug, first, ada, 'Die App macht aus Zuschauern Regisseure ohne Drehbuch.', 'pro')
  await post(s.app, s.slug, first, ada, FORMULA, 'contra')
  const reply = await post(s.app, s.slug, first, ben, 'Regie ohne Drehbuch ist keine Regie.', 'contra', strong.id)
  await post(s.app, s.slug, first, cem, 'Genau, das Werkzeug denkt für einen.', 'pro', reply.id)
  const hidden = await post(s.app, s.slug, second, ben, HIDDEN, 'contra')
  const removed = await post(s.app, s.slug, second, cem, REMOVED, 'neutral')
  expect((await write(s.app, 'PUT', `/api/comments/${strong.id}/vote`, cem.cookie, { value: 1 })).statusCode).toBe(200)
  expect((await write(s.app, 'PUT', `/api/comments/${strong.id}/vote`, ben.cookie, { value: 1 })).statusCode).toBe(200)
  expect((await write(s.app, 'POST', `/api/comments/${hidden.id}/hide`, s.leader.cookie, { reason: 'Off topic' })).statusCode).toBe(200)
  const admin = await person(s.app, { admin: true })
  expect((await write(s.app, 'POST', `/api/comments/${removed.id}/remove`, admin.cookie, { reason: 'Doxxing' })).statusCode).toBe(200)
  expect((await write(s.app, 'PUT', s.url(`/paragraphs/${first}/position`), ada.cookie, { stance: 'pro' })).statusCode).toBe(200)

  const before = await openPoll(s.app, s.slug, s.leader, { anchor: first })
  await vote(s.app, before.id, ada, 'pro')
  await vote(s.app, before.id, ben, 'contra')
  await write(s.app, 'POST', `/api/polls/${before.id}/close`, s.leader.cookie)
  const after = await openPoll(s.app, s.slug, s.leader, { anchor: first, before: before.id })
  await vote(s.app, after.id, ada, 'pro')
  await vote(s.app, after.id, ben, 'pro', 'Das Drehbuch-Argument hat mich überzeugt.')
  await write(s.app, 'POST', `/api/polls/${after.id}/close`, s.leader.cookie)
  expect((await write(s.app, 'PUT', s.url('/spotlight'), s.leader.cookie, { anchor: second })).statusCode).toBe(200)
  expect((await write(s.app, 'POST', s.url('/queue'), ben.cookie, { anchor: second, kind: 'argument' })).statusCode).toBe(201)
  expect((await write(s.app, 'POST', s.url('/queue/next'), s.leader.cookie, { seconds: 60 })).statusCode).toBe(200)
  return { ...s, ada, ben, cem, strong, reply, hidden, removed, first, second }
}

/**
 * A seminar with two small groups formed by hand (A: Ada and Ben, B: Cem): an argument before
 * group work, then in group work an argument from each group, a reply in A, the leader's
 * question in B, a hidden argument in B, positions, and the plenum.
 */
async function grouped() {
  const s = await seminar({ participants: 3 })
  const [ada, ben, cem] = s.participants as [Person, Person, Person]
  const [first, second] = s.anchors as [string, string]
  const formed = await write(s.app, 'PUT', s.url('/groups'), s.leader.cookie, { mode: 'manual', count: 2 })
  expect(formed.statusCode).toBe(200)
  const [groupA, groupB] = formed.json().groups as [{ id: number }, { id: number }]
  for (const [who, group] of [
    [ada, groupA],
    [ben, groupA],
    [cem, groupB],
  ] as const) {
    expect((await write(s.app, 'PUT', s.url(`/groups/members/${who.id}`), s.leader.cookie, { group: group.id })).statusCode).toBe(200)
  }
  const before = await post(s.app, s.slug, first, ada, 'Vor der Gruppenarbeit', 'neutral')
  expect((await write(s.app, 'PUT', s.url('/groups/state'), s.leader.cookie, { state: 'working' })).statusCode).toBe(200)
  const fromA = await post(s.app, s.slug, first, ada, 'Aus Gruppe A', 'pro')
  const reply = await post(s.app, s.slug, first, ben, 'Antwort in A', 'contra', fromA.id)
  const fromB = await post(s.app, s.slug, first, cem, 'Aus Gruppe B', 'contra')
  const question = await post(s.app, s.slug, first, s.leader, 'Die Leitung fragt nach', 'neutral', fromB.id)
  const hidden = await post(s.app, s.slug, second, cem, HIDDEN, 'pro')
  expect((await write(s.app, 'POST', `/api/comments/${hidden.id}/hide`, s.leader.cookie, { reason: 'Off topic' })).statusCode).toBe(200)
  for (const [who, anchor, stance] of [
    [ben, first, 'contra'],
    [cem, first, 'pro'],
    [cem, second, 'undecided'],
  ] as const) {
    expect((await write(s.app, 'PUT', s.url(`/paragraphs/${anchor}/position`), who.cookie, { stance })).statusCode).toBe(200)
  }
  expect((await write(s.app, 'PUT', s.url('/groups/state'), s.leader.cookie, { state: 'plenum' })).statusCode).toBe(200)
  return { ...s, ada, ben, cem, first, second, before, fromA, reply, fromB, question, hidden }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of a JSON answer
function byName(rows: any[], who: Person): any {
  const row = rows.find((r) => r.person.id === who.id)
  if (!row) throw new Error(`no row for ${who.username}`)
  return row
}

describe('the seminar record', () => {
  it('gives the leader the timeline, polls, paragraphs, moderation and everyone’s participation', async () => {
    const s = await argued()
    const res = await read(s.app, s.url('/record'), s.leader)
    expect(res.statusCode).toBe(200)
    const record = res.json()
    expect(record.scope).toBe('full')
    expect(record.debate).toMatchObject({ slug: s.slug, seminar: true, phase: 'open' })

    expect(record.timeline.map((t: { type: string }) => t.type)).toEqual([
      'phase',
      'poll-opened',
      'poll-closed',
      'poll-opened',
      'poll-closed',
      'spotlight',
      'speaker',
      'timer',
    ])
    expect(record.timeline.slice(-3)).toMatchObject([
      { type: 'spotlight', anchor: s.second },
      { type: 'speaker', speaker: s.ben.username, anchor: s.second },
      { type: 'timer', seconds: 60 },
    ])

    const after = record.polls.find((p: { before: number | null }) => p.before !== null)
    expect(after.results).toEqual({ pro: 2, contra: 0, undecided: 0 })
    expect(after.shift.contra.pro).toBe(1)
    expect(after.reasons).toEqual([{ from: 'contra', to: 'pro', reason: 'Das Drehbuch-Argument hat mich überzeugt.' }])

    const first = record.paragraphs[0]
    expect(first).toMatchObject({ anchor: s.first, number: 1, counts: { pro: 1, contra: 1 }, positions: { pro: 1 } })
    expect(first.strongest[0]).toMatchObject({ id: s.strong.id, votes: 2, author: s.ada.username })
    expect(first.strongest[0].replies.map((r: { id: number; depth: number }) => [r.id, r.depth])).toEqual([
      [s.reply.id, 1],
      [expect.any(Number), 2],
    ])

    expect(record.moderation.map((m: { action: string; reason: string; anchor: string }) => [m.action, m.reason, m.anchor])).toEqual([
      ['hide', 'Off topic', s.second],
      ['remove', 'Doxxing', s.second],
    ])

    const ada = byName(record.participation, s.ada)
    expect(ada).toMatchObject({
      arguments: 2,
      replies: 0,
      pro: 1,
      contra: 1,
      votesReceived: 2,
      positions: 1,
      pollVotes: 2,
      stanceShifts: 0,
    })
    const ben = byName(record.participation, s.ben)
    // The hidden argument no longer counts; the reply does; the changed side shows.
    expect(ben).toMatchObject({ arguments: 0, replies: 1, votesGiven: 1, pollVotes: 2, stanceShifts: 1, speakingTurns: 1 })
    expect(ben.firstActivity).not.toBeNull()
    const cem = byName(record.participation, s.cem)
    expect(cem).toMatchObject({ arguments: 0, replies: 1, votesGiven: 1 })
    expect(ada).not.toHaveProperty('mark')
    // Without small groups nobody is in one, and no paragraph has a group's balance.
    expect(record.participation.map((r: { group: string | null }) => r.group)).toEqual(record.participation.map(() => null))
    expect(record.paragraphs.map((p: { groups: unknown[] }) => p.groups)).toEqual(record.paragraphs.map(() => []))

    // The leaders may read a hidden body; nobody ever reads a removed one.
    expect(res.body).not.toContain(REMOVED)
    const json = await read(s.app, s.url('/record/record.json'), s.leader)
    expect(json.headers['content-disposition']).toContain('attachment')
    const whole = json.json()
    expect(whole.contributions).toHaveLength(6)
    expect(whole.contributions.find((c: { id: number }) => c.id === s.hidden.id)).toMatchObject({ state: 'hidden', body: HIDDEN })
    expect(whole.contributions.find((c: { id: number }) => c.id === s.removed.id)).toMatchObject({ state: 'removed', body: null })
    expect(json.body).not.toContain(REMOVED)
  })

  it('shows a participant only their own row, and their mark only once released', async () => {
    const s = await argued()
    const own = (await read(s.app, s.url('/record'), s.ben)).json()
    expect(own.scope).toBe('personal')
    expect(own.participation).toHaveLength(1)
    expect(own.participation[0]).toMatchObject({ person: { id: s.ben.id }, replies: 1 })
    expect(own.participation[0]).not.toHaveProperty('mark')
    expect(own.paragraphs).toEqual([])
    // A seminar is private: to anyone outside it, it does not exist.
    for (const stranger of [null, s.outsider]) expect((await read(s.app, s.url('/record'), stranger)).statusCode).toBe(404)
    for (const file of ['record.json', 'participation.csv', 'contributions.csv', 'record.md', 'debate.argdown']) {
      expect((await read(s.app, s.url(`/record/${file}`), s.ben)).statusCode).toBe(403)
    }

    expect(
      (await write(s.app, 'PUT', s.url('/grading'), s.ben.cookie, { arguments: 1, replies: 1, mode: 'scaled', points: 10 })).statusCode,
    ).toBe(403)
    const rule = await write(s.app, 'PUT', s.url('/grading'), s.leader.cookie, { arguments: 2, replies: 1, mode: 'scaled', points: 10 })
    expect(rule.json()).toEqual({ rule: { arguments: 2, replies: 1, mode: 'scaled', points: 10 }, releasedAt: null })
    const full = (await read(s.app, s.url('/record'), s.leader)).json()
    expect(byName(full.participation, s.ada).mark).toEqual({ computed: 6.67, adjusted: null, mark: 6.67, comment: null })
    expect(byName(full.participation, s.ben).mark.computed).toBe(3.33)

    const adjusted = await write(s.app, 'PUT', s.url(`/grades/${s.ben.id}`), s.leader.cookie, { adjusted: 5, comment: 'Guter Einwand.' })
    expect(adjusted.statusCode).toBe(200)
    expect(adjusted.json().mark).toEqual({ computed: 3.33, adjusted: 5, mark: 5, comment: 'Guter Einwand.' })
    expect((await read(s.app, s.url('/record'), s.ben)).json().participation[0]).not.toHaveProperty('mark')

    const released = await write(s.app, 'PUT', s.url('/grades/released'), s.leader.cookie, { released: true })
    expect(released.statusCode).toBe(200)
    expect(released.json().releasedAt).not.toBeNull()
    const mine = (await read(s.app, s.url('/record'), s.ben)).json()
    expect(mine.participation[0].mark).toMatchObject({ mark: 5, comment: 'Guter Einwand.' })
    const debate = await s.debate()
    const events = await s.app.repos.events.since(debate, 0)
    expect(events.at(-1)).toMatchObject({ type: 'grades.released', releasedAt: released.json().releasedAt })

    await write(s.app, 'PUT', s.url('/grades/released'), s.leader.cookie, { released: false })
    expect((await read(s.app, s.url('/record'), s.ben)).json().participation[0]).not.toHaveProperty('mark')
  })

  it('refuses bad grading input with a clear 400 and changes nothing', async () => {
    const s = await argued()
    const bad = await write(s.app, 'PUT', s.url('/grading'), s.leader.cookie, { arguments: -1, replies: 1, mode: 'scaled', points: 10 })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('arguments')
    const noRule = await write(s.app, 'PUT', s.url('/grades/released'), s.leader.cookie, { released: true })
    expect(noRule.statusCode).toBe(409)
    const unruled = await write(s.app, 'PUT', s.url(`/grades/${s.ada.id}`), s.leader.cookie, { adjusted: 3, comment: 'Gut.' })
    expect(unruled.statusCode).toBe(409)
    const stranger = await write(s.app, 'PUT', s.url(`/grades/${s.outsider.id}`), s.leader.cookie, { adjusted: 3, comment: null })
    expect(stranger.statusCode).toBe(404)
    expect((await read(s.app, s.url('/record'), s.leader)).json().grading).toEqual({ rule: null, releasedAt: null })
    // The refused adjustment was not kept: once a rule exists, the computed mark counts.
    await write(s.app, 'PUT', s.url('/grading'), s.leader.cookie, { arguments: 2, replies: 0, mode: 'scaled', points: 10 })
    const ada = (await read(s.app, s.url('/record'), s.leader))
      .json()
      .participation.find((r: { person: { id: number } }) => r.person.id === s.ada.id)
    expect(ada.mark).toEqual({ computed: 10, adjusted: null, mark: 10, comment: null })
  })

  it('computes marks scaled and all-or-nothing', () => {
    const rule = { arguments: 3, replies: 2, points: 10 }
    expect(computeMark({ ...rule, mode: 'scaled' }, 1, 1)).toBe(4)
    expect(computeMark({ ...rule, mode: 'scaled' }, 9, 0)).toBe(6)
    expect(computeMark({ ...rule, mode: 'all-or-nothing' }, 3, 1)).toBe(0)
    expect(computeMark({ ...rule, mode: 'all-or-nothing' }, 3, 2)).toBe(10)
    expect(computeMark({ arguments: 0, replies: 0, points: 100, mode: 'scaled' }, 0, 0)).toBe(100)
  })

  it('exports CSV with a BOM, a header row and formulas neutralised', async () => {
    const s = await argued()
    await write(s.app, 'PUT', s.url('/grading'), s.leader.cookie, { arguments: 1, replies: 1, mode: 'all-or-nothing', points: 100 })
    const participation = await read(s.app, s.url('/record/participation.csv'), s.leader)
    expect(participation.headers['content-type']).toContain('text/csv')
    expect(participation.body.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = parseCsv(participation.body.slice(1))
    expect(header).toEqual(expect.arrayContaining(['username', 'name', 'arguments', 'replies', 'votes_given', 'stance_shifts', 'mark']))
    const at = (row: string[], column: string) => row[header!.indexOf(column)]
    const ada = rows.find((r) => at(r, 'name') === s.ada.username)!
    expect([at(ada, 'arguments'), at(ada, 'replies'), at(ada, 'mark')]).toEqual(['2', '0', '0'])
    for (const row of rows) expect(row).toHaveLength(header!.length)

    const contributions = await read(s.app, s.url('/record/contributions.csv'), s.leader)
    const [cHeader, ...cRows] = parseCsv(contributions.body.slice(1))
    expect(cHeader).toEqual([
      'id',
      'paragraph',
      'kind',
      'parent_id',
      'depth',
      'author',
      'group',
      'stance',
      'body',
      'votes',
      'created_at',
      'edited_at',
      'edits',
      'state',
    ])
    expect(cRows).toHaveLength(6)
    const bodyAt = cHeader!.indexOf('body')
    const body = (id: number) => cRows.find((r) => r[0] === String(id))![bodyAt]
    expect(cRows.map((r) => r[bodyAt])).toContain(`'${FORMULA}`)
    // Without small groups, the group column stays empty.
    expect(new Set(cRows.map((r) => r[cHeader!.indexOf('group')]))).toEqual(new Set(['']))
    expect(body(s.removed.id)).toBe('')
    expect(contributions.body).not.toContain(REMOVED)
    expect(cRows.find((r) => r[0] === String(s.reply.id))).toEqual(expect.arrayContaining(['reply', String(s.strong.id), '1']))
  })

  it('exports the minutes as Markdown and the argument map as Argdown that parses back into the same tree', async () => {
    const s = await argued()
    const md = await read(s.app, s.url('/record/record.md'), s.leader)
    expect(md.headers['content-type']).toContain('text/markdown')
    for (const heading of ['# Class 10b', '## Timeline', '## Polls', '## Paragraphs', '## Moderation', '## Participation']) {
      expect(md.body).toContain(heading)
    }
    expect(md.body).toContain('Off topic')
    expect(md.body).not.toContain(REMOVED)

    const map = await read(s.app, s.url('/record/debate.argdown'), s.leader)
    const app = new ArgdownApplication()
    app.addPlugin(new ParserPlugin(), 'parse-input')
    app.addPlugin(new ModelPlugin(), 'build-model')
    const parsed = app.run({ process: ['parse-input', 'build-model'], input: map.body })
    expect(parsed.parserErrors ?? []).toEqual([])
    expect(parsed.lexerErrors ?? []).toEqual([])
    const relations = (parsed.relations ?? []).map((r) => [r.from!.title, r.relationType, r.to!.title]).sort()
    const whole = (await read(s.app, s.url('/record/record.json'), s.leader)).json()
    const published = whole.contributions.filter(
      (c: { state: string; stance: string }) => c.state === 'published' && c.stance !== 'neutral',
    )
    const numberOf = new Map(whole.paragraphs.map((p: { anchor: string; number: number }) => [p.anchor, p.number]))
    const expected = published
      .map((c: { id: number; parentId: number | null; stance: string; anchor: string }) => [
        `Comment ${c.id}`,
        c.stance === 'pro' ? 'support' : 'attack',
        c.parentId === null ? `Paragraph ${numberOf.get(c.anchor)}` : `Comment ${c.parentId}`,
      ])
      .sort()
    expect(relations).toEqual(expected)
    expect(relations).toContainEqual([`Comment ${s.reply.id}`, 'attack', `Comment ${s.strong.id}`])
    expect(map.body).not.toContain(HIDDEN)
  })

  it('reports per small group: each person’s group, each comment’s, and each group’s balance per paragraph', async () => {
    const s = await grouped()
    const record = (await read(s.app, s.url('/record'), s.leader)).json()
    expect([s.ada, s.ben, s.cem, s.leader].map((who) => byName(record.participation, who).group)).toEqual(['A', 'A', 'B', null])

    const [first, second] = record.paragraphs
    // Only what was written in group work counts for a group; the hidden argument does not count.
    expect(first.groups).toEqual([
      { letter: 'A', counts: { comments: 2, pro: 1, contra: 0, neutral: 0 }, positions: { pro: 0, contra: 1, undecided: 0 } },
      { letter: 'B', counts: { comments: 2, pro: 0, contra: 1, neutral: 0 }, positions: { pro: 1, contra: 0, undecided: 0 } },
    ])
    expect(first.counts).toMatchObject({ comments: 5, pro: 1, contra: 1, neutral: 1 })
    expect(second.groups).toEqual([
      { letter: 'A', counts: { comments: 0, pro: 0, contra: 0, neutral: 0 }, positions: { pro: 0, contra: 0, undecided: 0 } },
      { letter: 'B', counts: { comments: 0, pro: 0, contra: 0, neutral: 0 }, positions: { pro: 0, contra: 0, undecided: 1 } },
    ])
    const strongestOf = new Map(first.strongest.map((a: { id: number; group: string | null }) => [a.id, a.group]))
    expect(strongestOf.get(s.fromB.id)).toBe('B')

    const whole = (await read(s.app, s.url('/record/record.json'), s.leader)).json()
    const groupOf = new Map(whole.contributions.map((c: { id: number; group: string | null }) => [c.id, c.group]))
    expect([s.before, s.fromA, s.reply, s.fromB, s.question, s.hidden].map((c) => groupOf.get(c.id))).toEqual([
      null,
      'A',
      'A',
      'B',
      'B',
      'B',
    ])

    // A participant's own summary carries their group too.
    expect((await read(s.app, s.url('/record'), s.cem)).json().participation[0]).toMatchObject({ person: { id: s.cem.id }, group: 'B' })
  })

  it('exports the groups: a group column in both CSVs and each group’s balance in the minutes', async () => {
    const s = await grouped()
    const [header, ...rows] = parseCsv((await read(s.app, s.url('/record/participation.csv'), s.leader)).body.slice(1))
    expect(header!.slice(0, 5)).toEqual(['username', 'name', 'role', 'group', 'guest'])
    for (const row of rows) expect(row).toHaveLength(header!.length)
    const groupOf = new Map(rows.map((r) => [r[header!.indexOf('username')], r[header!.indexOf('group')]]))
    expect([s.ada, s.ben, s.cem, s.leader].map((who) => groupOf.get(who.username))).toEqual(['A', 'A', 'B', ''])

    const [cHeader, ...cRows] = parseCsv((await read(s.app, s.url('/record/contributions.csv'), s.leader)).body.slice(1))
    expect(cHeader!.slice(cHeader!.indexOf('author'), cHeader!.indexOf('author') + 3)).toEqual(['author', 'group', 'stance'])
    const written = new Map(cRows.map((r) => [r[0], r[cHeader!.indexOf('group')]]))
    expect([s.before, s.fromA, s.reply, s.fromB, s.question, s.hidden].map((c) => written.get(String(c.id)))).toEqual([
      '',
      'A',
      'A',
      'B',
      'B',
      'B',
    ])

    const md = (await read(s.app, s.url('/record/record.md'), s.leader)).body
    const paragraphs = md.slice(md.indexOf('## Paragraphs'), md.indexOf('## Moderation'))
    expect(paragraphs).toContain('| Group | Pro | Contra | Neutral | Comments | Positions pro | Positions contra | Undecided |')
    expect(paragraphs).toContain('| A | 1 | 0 | 0 | 2 | 0 | 1 | 0 |')
    expect(paragraphs).toContain('| B | 0 | 1 | 0 | 2 | 1 | 0 | 0 |')
    expect(paragraphs).toContain('| B | 0 | 0 | 0 | 0 | 0 | 0 | 1 |')
    // Without groups the minutes have no group table.
    const plain = await seminar({ participants: 1 })
    expect((await read(plain.app, plain.url('/record/record.md'), plain.leader)).body).not.toContain('| Group |')
  })

  it('serves the log for a replay to the leaders: every event with its time, removed bodies gone', async () => {
    const s = await argued()
    expect((await read(s.app, s.url('/record/log'), s.ben)).statusCode).toBe(403)
    const res = await read(s.app, s.url('/record/log'), s.leader)
    expect(res.statusCode).toBe(200)
    const { events } = res.json() as {
      events: { at: string; event: { type: string; seq: number; comment?: { id: number; body: string | null } } }[]
    }
    expect(events.map((e) => e.event.seq)).toEqual(events.map((_, i) => i + 1))
    for (const { at } of events) expect(Number.isNaN(Date.parse(at))).toBe(false)
    const created = events.filter((e) => e.event.type === 'comment.created')
    expect(created).toHaveLength(6)
    expect(created.find((e) => e.event.comment!.id === s.hidden.id)!.event.comment!.body).toBe(HIDDEN)
    expect(created.find((e) => e.event.comment!.id === s.removed.id)!.event.comment!.body).toBeNull()
    expect(res.body).not.toContain(REMOVED)
    expect(events.map((e) => e.event.type)).toEqual(
      expect.arrayContaining(['phase.changed', 'poll.closed', 'spotlight.changed', 'comment.hidden']),
    )
  })

  it('keeps a seminar’s event log when the log is pruned', async () => {
    const s = await argued()
    const debate = await s.debate()
    const before = (await s.app.repos.events.since(debate, 0)).length
    await s.app.hub.prune(Date.now() + 365 * 24 * 3_600_000)
    expect(await s.app.repos.events.since(debate, 0)).toHaveLength(before)
    expect(await s.app.repos.events.oldestSeq(debate.id)).toBe(1)
  })
})
