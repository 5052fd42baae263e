/**
 * Seminars as their leader runs them: starting one, keeping it private, its phases, the
 * spotlight, the join code, the roster and the overview.
 */
import { describe, expect, it } from 'vitest'
import { JOIN_CODE_ALPHABET } from '../../server/schemas/seminars.ts'
import { DEFAULT_ESSAY } from '../../server/seed.ts'
import { buildApp, cookieOf, write } from '../helper.ts'
import { LiveClient, startLive } from '../live/support.ts'
import { person } from '../moderation/support.ts'
import { joinAsGuest, read, seminar, seminarIn, setPhase } from './support.ts'

const HOUR = 3_600_000

describe('starting a seminar', () => {
  it('makes a private debate in its reading phase, owned by its creator, with a join code for 24 hours', async () => {
    const app = await buildApp()
    const leader = await person(app)
    const before = Date.now()
    const res = await write(app, 'POST', '/api/seminars', leader.cookie, { essay: DEFAULT_ESSAY, title: 'Klasse 10b: Über Sora!' })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body.debate.title).toBe('Klasse 10b: Über Sora!')
    expect(body.debate.slug).toMatch(/^klasse-10b-uber-sora-[a-z0-9]{5}$/)
    expect(body.joinCode).toHaveLength(8)
    expect([...body.joinCode].every((c: string) => JOIN_CODE_ALPHABET.includes(c))).toBe(true)
    const expiresAt = Date.parse(body.expiresAt)
    expect(expiresAt).toBeGreaterThanOrEqual(before + 24 * HOUR)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 24 * HOUR)

    const debate = (await read(app, `/api/debates/${body.debate.slug}`, leader)).json().debate
    expect(debate).toMatchObject({ visibility: 'private', role: 'owner', seminar: { phase: 'reading', anonymous: false, spotlight: null } })
    expect((await read(app, '/api/debates/sora', leader)).json().debate.seminar).toBeNull()

    const untitled = await write(app, 'POST', '/api/seminars', leader.cookie, { essay: DEFAULT_ESSAY, title: '???' })
    expect(untitled.json().debate.slug).toMatch(/^seminar-[a-z0-9]{5}$/)
  })

  it('needs an account: anonymous readers get 401, guests 403, an unknown essay 404', async () => {
    const { app, participants, leader } = await seminar()
    const payload = { essay: DEFAULT_ESSAY, title: 'Another' }
    expect((await write(app, 'POST', '/api/seminars', null, payload)).statusCode).toBe(401)
    expect((await write(app, 'POST', '/api/seminars', participants[0]!.cookie, payload)).statusCode).toBe(403)
    expect((await write(app, 'POST', '/api/seminars', leader.cookie, { ...payload, essay: 'no-such-essay' })).statusCode).toBe(404)
  })
})

describe('a seminar is private', () => {
  it('answers 404 to an outsider for the debate, its threads, its comments and its room', async () => {
    const { app, url, leader, participants, outsider, anchors } = await seminar()
    const posted = await write(app, 'POST', url(`/paragraphs/${anchors[0]}/comments`), participants[0]!.cookie, {
      body: 'Mein Argument',
      stance: 'pro',
    })
    expect(posted.statusCode).toBe(201)
    const id = posted.json().comment.id as number
    for (const path of [url(), url(`/paragraphs/${anchors[0]}/comments`), `/api/comments/${id}`, url('/room'), url('/overview')]) {
      expect((await read(app, path, outsider)).statusCode, path).toBe(404)
      expect((await read(app, path, null)).statusCode, path).toBe(404)
    }
    expect((await write(app, 'PUT', url('/phase'), outsider.cookie, { phase: 'closed' })).statusCode).toBe(404)
    expect((await read(app, url(), leader)).statusCode).toBe(200)
  })

  it('declines an outsider on the socket as if the seminar did not exist', async () => {
    const live = await startLive()
    const { slug, outsider, participants } = await seminarIn(live.app)
    const client = await LiveClient.open(live, { cookie: outsider.cookie })
    client.send({ type: 'subscribe', debate: slug })
    expect(await client.waitFor((f) => f.type === 'error')).toEqual({ type: 'error', debate: slug, message: `No debate "${slug}"` })
    const member = await LiveClient.open(live, { cookie: participants[0]!.cookie })
    expect((await member.subscribe(slug)).type).toBe('subscribed')
  })
})

describe('phases', () => {
  it('refuses comments and positions in the reading phase, except from the leaders', async () => {
    const { app, url, slug, leader, participants, anchors } = await seminar({ phase: 'reading' })
    const thread = url(`/paragraphs/${anchors[0]}/comments`)
    const refused = await write(app, 'POST', thread, participants[0]!.cookie, { body: 'Zu früh', stance: 'pro' })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().message).toMatch(/reading phase/)
    expect(
      (await write(app, 'PUT', url(`/paragraphs/${anchors[0]}/position`), participants[0]!.cookie, { stance: 'pro' })).statusCode,
    ).toBe(403)
    expect((await write(app, 'POST', thread, leader.cookie, { body: 'Leitfrage', stance: 'neutral' })).statusCode).toBe(201)

    await setPhase(app, slug, leader, 'private')
    expect((await write(app, 'POST', thread, participants[0]!.cookie, { body: 'Jetzt', stance: 'pro' })).statusCode).toBe(201)
    expect(
      (await write(app, 'PUT', url(`/paragraphs/${anchors[0]}/position`), participants[0]!.cookie, { stance: 'pro' })).statusCode,
    ).toBe(200)
  })

  it('keeps a closed seminar as a record: nobody writes, leaders included, but the phase can still change', async () => {
    const { app, url, slug, leader, participants, anchors } = await seminar({ phase: 'closed' })
    const thread = url(`/paragraphs/${anchors[0]}/comments`)
    for (const who of [participants[0]!, leader]) {
      const res = await write(app, 'POST', thread, who.cookie, { body: 'Nachtrag', stance: 'pro' })
      expect(res.statusCode).toBe(403)
      expect(res.json().message).toMatch(/closed/)
    }
    expect((await read(app, thread, participants[0]!)).statusCode).toBe(200)
    await setPhase(app, slug, leader, 'open')
    expect((await write(app, 'POST', thread, participants[0]!.cookie, { body: 'Nachtrag', stance: 'pro' })).statusCode).toBe(201)
  })

  it('is steered by the leaders only, announces each change once, and is no business of an ordinary debate', async () => {
    const { app, url, slug, leader, participants } = await seminar({ phase: 'reading' })
    expect((await write(app, 'PUT', url('/phase'), participants[0]!.cookie, { phase: 'open' })).statusCode).toBe(403)
    const changed = await write(app, 'PUT', url('/phase'), leader.cookie, { phase: 'private' })
    expect(changed.json()).toEqual({ phase: 'private' })
    await write(app, 'PUT', url('/phase'), leader.cookie, { phase: 'private' })
    const debate = (await app.repos.debates.bySlug(slug))!
    const events = (await app.repos.events.since(debate, 0)).filter((e) => e.type === 'phase.changed')
    expect(events.map((e) => e.phase)).toEqual(['private'])
    expect((await read(app, url(), participants[0]!)).json().debate.seminar.phase).toBe('private')

    const admin = await person(app, { admin: true })
    const notSeminar = await write(app, 'PUT', '/api/debates/sora/phase', admin.cookie, { phase: 'open' })
    expect(notSeminar.statusCode).toBe(400)
    expect(notSeminar.json().message).toBe('"sora" is not a seminar')
    expect((await write(app, 'PUT', url('/phase'), leader.cookie, { phase: 'later' })).statusCode).toBe(400)
  })
})

describe('the spotlight', () => {
  it('focuses a paragraph or none, and refuses one the essay does not have', async () => {
    const { app, url, slug, leader, participants, anchors } = await seminar()
    const res = await write(app, 'PUT', url('/spotlight'), leader.cookie, { anchor: anchors[3] })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ spotlight: anchors[3] })
    expect((await read(app, url(), participants[0]!)).json().debate.seminar.spotlight).toBe(anchors[3])
    expect((await write(app, 'PUT', url('/spotlight'), leader.cookie, { anchor: 'nowhere' })).statusCode).toBe(404)
    expect((await write(app, 'PUT', url('/spotlight'), participants[0]!.cookie, { anchor: null })).statusCode).toBe(403)
    expect((await write(app, 'PUT', url('/spotlight'), leader.cookie, { anchor: null })).json()).toEqual({ spotlight: null })
    const debate = (await app.repos.debates.bySlug(slug))!
    const events = (await app.repos.events.since(debate, 0)).filter((e) => e.type === 'spotlight.changed')
    expect(events.map((e) => e.anchor)).toEqual([anchors[3], null])
  })
})

describe('the join code', () => {
  it('is shown to the leaders, rotated (the old one stops working) and revoked', async () => {
    const { app, url, code, leader, participants } = await seminar()
    const shown = await read(app, url('/join-code'), leader)
    expect(shown.json().joinCode).toBe(code)
    expect((await read(app, url('/join-code'), participants[0]!)).statusCode).toBe(403)

    const rotated = await write(app, 'POST', url('/join-code'), leader.cookie, { ttlMinutes: 45 })
    expect(rotated.statusCode).toBe(201)
    const fresh = rotated.json().joinCode as string
    expect(fresh).not.toBe(code)
    expect(Date.parse(rotated.json().expiresAt) - Date.now()).toBeLessThanOrEqual(45 * 60_000)
    expect((await write(app, 'POST', '/api/join', null, { code, displayName: 'Spät' })).statusCode).toBe(404)
    expect((await write(app, 'POST', '/api/join', null, { code: fresh, displayName: 'Pünktlich' })).statusCode).toBe(200)

    expect((await write(app, 'DELETE', url('/join-code'), leader.cookie)).statusCode).toBe(204)
    expect((await read(app, url('/join-code'), leader)).json()).toEqual({ joinCode: null, expiresAt: null })
    expect((await write(app, 'POST', '/api/join', null, { code: fresh, displayName: 'Zu spät' })).statusCode).toBe(404)
    expect((await write(app, 'POST', '/api/debates/sora/join-code', (await person(app, { admin: true })).cookie, {})).statusCode).toBe(400)
  })
})

describe('the roster', () => {
  it('renames a member in this seminar: the roster and their comments show the new name', async () => {
    const { app, url, leader, participants, anchors } = await seminar()
    const [student] = participants
    await write(app, 'POST', url(`/paragraphs/${anchors[0]}/comments`), student!.cookie, { body: 'These', stance: 'pro' })
    const res = await write(app, 'PATCH', url(`/members/${student!.id}`), leader.cookie, { displayName: 'Anna K.' })
    expect(res.statusCode).toBe(200)
    expect(res.json().member).toMatchObject({ id: student!.id, name: 'Anna K.' })
    const roster = (await read(app, url('/members'), leader)).json().members
    expect(roster.find((m: { user: { id: number } }) => m.user.id === student!.id)).toMatchObject({ guest: true, displayName: 'Anna K.' })
    const thread = (await read(app, url(`/paragraphs/${anchors[0]}/comments`), participants[1]!)).json().comments
    expect(thread[0].author.username).toBe('Anna K.')
    expect((await write(app, 'PATCH', url(`/members/${student!.id}`), participants[1]!.cookie, { displayName: 'X' })).statusCode).toBe(403)
    expect((await write(app, 'PATCH', url('/members/999999'), leader.cookie, { displayName: 'X' })).statusCode).toBe(404)
  })

  it('removes a guest: their session ends and their socket closes', async () => {
    const live = await startLive()
    const { app, url, slug, leader, participants, anchors } = await seminarIn(live.app)
    const [guest] = participants
    const socket = await LiveClient.open(live, { cookie: guest!.cookie })
    await socket.subscribe(slug)
    expect((await write(app, 'POST', url('/queue'), guest!.cookie, { anchor: anchors[0], kind: 'question' })).statusCode).toBe(201)
    expect((await write(app, 'DELETE', url(`/members/${guest!.id}`), participants[1]!.cookie)).statusCode).toBe(403)
    expect((await write(app, 'DELETE', url(`/members/${guest!.id}`), leader.cookie)).statusCode).toBe(204)
    await socket.closed
    expect((await read(app, '/api/auth/me', guest!)).statusCode).toBe(401)
    expect((await read(app, url(), guest!)).statusCode).toBe(404)
    expect((await read(app, url('/room'), leader)).json().queue).toEqual([])
    expect((await write(app, 'DELETE', url(`/members/${leader.id}`), leader.cookie)).statusCode).toBe(409)
  })

  it('removes an account: it may no longer read the seminar, and its socket leaves it', async () => {
    const live = await startLive()
    const { app, url, slug, leader, code } = await seminarIn(live.app)
    const signedIn = await person(app)
    const joined = await write(app, 'POST', '/api/join', signedIn.cookie, { code })
    expect(joined.statusCode).toBe(200)
    // Joining starts a new session.
    const account = { ...signedIn, cookie: cookieOf(joined) }
    const socket = await LiveClient.open(live, { cookie: account.cookie })
    await socket.subscribe(slug)
    expect((await write(app, 'DELETE', url(`/members/${account.id}`), leader.cookie)).statusCode).toBe(204)
    expect((await read(app, url(), account)).statusCode).toBe(404)
    await write(app, 'PUT', url('/spotlight'), leader.cookie, { anchor: null })
    await write(app, 'PUT', url('/phase'), leader.cookie, { phase: 'private' })
    await socket.waitFor((f) => f.type === 'unsubscribed' && f.debate === slug)
    expect(socket.events(slug).filter((e) => e.type === 'phase.changed')).toEqual([])
  })

  it('never appoints a guest as a moderator', async () => {
    const { app, url, code, leader, debate } = await seminar()
    const guest = await joinAsGuest(app, code, 'Gastname')
    const res = await write(app, 'PUT', url('/moderators/Gastname'), leader.cookie)
    expect(res.statusCode).toBe(403)
    expect(await app.repos.debates.roleOf((await debate()).id, guest.id)).toBe('participant')
  })
})

describe('the overview', () => {
  it("counts each member's positions and comments, and each paragraph's arguments and positions", async () => {
    const { app, url, leader, participants, anchors } = await seminar({ phase: 'private' })
    const [a, b] = participants
    const post = (who: typeof a, anchor: string, stance: string) =>
      write(app, 'POST', url(`/paragraphs/${anchor}/comments`), who!.cookie, { body: `${stance} zu ${anchor}`, stance })
    await post(a, anchors[0]!, 'pro')
    await post(a, anchors[0]!, 'contra')
    await post(b, anchors[1]!, 'neutral')
    for (const anchor of anchors.slice(0, 3)) {
      await write(app, 'PUT', url(`/paragraphs/${anchor}/position`), a!.cookie, { stance: 'pro' })
    }
    await write(app, 'PUT', url(`/paragraphs/${anchors[0]}/position`), b!.cookie, { stance: 'contra' })

    expect((await read(app, url('/overview'), a!)).statusCode).toBe(403)
    const res = await read(app, url('/overview'), leader)
    expect(res.statusCode).toBe(200)
    const { members, paragraphs } = res.json()
    const of = (id: number) => members.find((m: { user: { id: number } }) => m.user.id === id)
    expect(of(a!.id)).toMatchObject({ role: 'participant', guest: true, positions: 3, comments: 2 })
    expect(of(a!.id).participation).toEqual({ arguments: 2, replies: 0, votesGiven: 0, votesReceived: 0, pollVotes: 0, speakingTurns: 0 })
    expect(of(b!.id)).toMatchObject({ positions: 1, comments: 1 })
    expect(of(leader.id)).toMatchObject({ role: 'owner', guest: false, positions: 0, comments: 0 })
    expect(members).toHaveLength(1 + participants.length)
    expect(paragraphs).toHaveLength(anchors.length)
    expect(paragraphs[0]).toEqual({ anchor: anchors[0], pro: 1, contra: 1, neutral: 0, positions: { pro: 1, contra: 1, undecided: 0 } })
    expect(paragraphs[1]).toMatchObject({ neutral: 1, positions: { pro: 1, contra: 0, undecided: 0 } })
    expect(paragraphs.at(-1)).toMatchObject({ pro: 0, contra: 0, neutral: 0 })
  })
})
