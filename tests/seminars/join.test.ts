/**
 * Joining a seminar with its code, as students do from their phones: as a guest with a name,
 * or with an account; what a guest may do afterwards; and how wrong codes are slowed down
 * while a whole class behind one address still gets in.
 */
import { describe, expect, it } from 'vitest'
import { buildApp, cookieOf, write } from '../helper.ts'
import { person } from '../moderation/support.ts'
import { joinAsGuest, read, seminar } from './support.ts'

describe('joining as a guest', () => {
  it('makes a guest with a session cookie, who takes part in the seminar', async () => {
    const { app, url, slug, code, anchors } = await seminar({ participants: 0 })
    const res = await write(app, 'POST', '/api/join', null, { code, displayName: 'Mia' })
    expect(res.statusCode).toBe(200)
    expect(res.json().debate).toEqual({ slug, title: 'Class 10b' })
    expect(res.json().user).toMatchObject({ username: 'Mia', guest: true, isAdmin: false })
    const cookie = res.cookies.find((c) => c.name === 'mg_session')!
    expect(cookie.httpOnly).toBe(true)
    const guest = { id: res.json().user.id as number, username: 'Mia', cookie: cookieOf(res) }

    expect((await read(app, '/api/auth/me', guest)).json().user).toMatchObject({ id: guest.id, username: 'Mia', guest: true })
    expect((await read(app, url(), guest)).json().debate.role).toBe('participant')
    const posted = await write(app, 'POST', url(`/paragraphs/${anchors[0]}/comments`), guest.cookie, { body: 'Mein Punkt', stance: 'contra' })
    expect(posted.statusCode).toBe(201)
    expect(posted.json().comment.author).toEqual({ id: guest.id, username: 'Mia', guest: true, role: 'participant' })
  })

  it('lets a guest read the public debate but not take part in it', async () => {
    const { app, participants, anchors } = await seminar()
    const guest = participants[0]!
    expect((await read(app, '/api/debates/sora', guest)).statusCode).toBe(200)
    const res = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchors[0]}/comments`, guest.cookie, { body: 'Hallo', stance: 'pro' })
    expect(res.statusCode).toBe(403)
    expect((await write(app, 'PUT', `/api/debates/sora/paragraphs/${anchors[0]}/position`, guest.cookie, { stance: 'pro' })).statusCode).toBe(403)
  })

  it('needs a display name, and announces each new member once', async () => {
    const { app, code, debate, slug } = await seminar({ participants: 0 })
    const nameless = await write(app, 'POST', '/api/join', null, { code })
    expect(nameless.statusCode).toBe(400)
    const guest = await joinAsGuest(app, code, 'Ben')
    const again = await write(app, 'POST', '/api/join', guest.cookie, { code })
    expect(again.statusCode).toBe(200)
    expect(again.json().user.id).toBe(guest.id)
    const joined = app.repos.events.since({ id: debate().id, slug }, 0).filter((e) => e.type === 'member.joined')
    expect(joined).toEqual([
      expect.objectContaining({
        member: { id: guest.id, name: 'Ben', pseudonym: null, guest: true, role: 'participant' },
        role: 'participant',
        members: 2,
      }),
    ])
  })

  it('reads the code however it is typed: lower case, with spaces and dashes', async () => {
    const { app, code, slug } = await seminar({ participants: 0 })
    const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `
    const preview = await read(app, `/api/join/${encodeURIComponent(typed)}`, null)
    expect(preview.statusCode).toBe(200)
    expect(preview.json()).toEqual({ debate: { slug, title: 'Class 10b' }, anonymous: false, signedIn: false })
    expect((await write(app, 'POST', '/api/join', null, { code: typed, displayName: 'Cem' })).statusCode).toBe(200)
  })

  it('makes a guest of another seminar a new guest of this one, under the same name', async () => {
    const { app, participants, leader } = await seminar()
    const other = await write(app, 'POST', '/api/seminars', leader.cookie, { essay: 'sora-spektakel', title: 'Class 11a' })
    const guest = participants[0]!
    const res = await write(app, 'POST', '/api/join', guest.cookie, { code: other.json().joinCode })
    expect(res.statusCode).toBe(200)
    expect(res.json().user.id).not.toBe(guest.id)
    expect(res.json().user).toMatchObject({ username: guest.username, guest: true })
    const fresh = { ...guest, cookie: cookieOf(res) }
    expect((await read(app, `/api/debates/${other.json().debate.slug}`, fresh)).json().debate.role).toBe('participant')
  })
})

describe('joining with an account', () => {
  it('makes the account a participant without a new user', async () => {
    const { app, url, code } = await seminar({ participants: 0 })
    const account = person(app)
    expect((await read(app, `/api/join/${code}`, account)).json().signedIn).toBe(true)
    const res = await write(app, 'POST', '/api/join', account.cookie, { code })
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({ id: account.id, username: account.username, guest: false })
    expect(res.cookies.find((c) => c.name === 'mg_session')).toBeUndefined()
    expect((await read(app, url(), account)).json().debate.role).toBe('participant')
  })
})

describe('codes that do not work', () => {
  it('answers 404 for an unknown or expired code', async () => {
    const { app, code, debate } = await seminar({ participants: 0 })
    expect((await write(app, 'POST', '/api/join', null, { code: 'ZZZZZZZZ', displayName: 'Eve' })).statusCode).toBe(404)
    app.db.$client.prepare('update debates set join_code_expires_at = ? where id = ?').run(Date.now() - 1000, debate().id)
    const expired = await write(app, 'POST', '/api/join', null, { code, displayName: 'Eve' })
    expect(expired.statusCode).toBe(404)
    expect(expired.json().message).toBe('No seminar with this code')
    expect((await read(app, `/api/join/${code}`, null)).statusCode).toBe(404)
  })

  it('limits failed joins per address, with Retry-After, even for a good code afterwards', async () => {
    const { app, code } = await seminar({ participants: 0 })
    const limit = 60
    for (let i = 0; i < limit; i++) {
      expect((await write(app, 'POST', '/api/join', null, { code: 'WRONGCDE', displayName: 'Eve' })).statusCode).toBe(404)
    }
    const limited = await write(app, 'POST', '/api/join', null, { code: 'WRONGCDE', displayName: 'Eve' })
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await write(app, 'POST', '/api/join', null, { code, displayName: 'Eve' })).statusCode).toBe(429)
    expect((await read(app, `/api/join/${code}`, null)).statusCode).toBe(429)
  })

  it('never limits successful joins: a class of 200 behind one address all get in', async () => {
    const app = await buildApp()
    const leader = person(app)
    const code = (await write(app, 'POST', '/api/seminars', leader.cookie, { essay: 'sora-spektakel', title: 'Hall' })).json().joinCode
    const statuses = new Set<number>()
    for (let i = 0; i < 200; i++) {
      statuses.add((await write(app, 'POST', '/api/join', null, { code, displayName: `Student ${i}` })).statusCode)
    }
    expect([...statuses]).toEqual([200])
    expect(app.repos.seminars.members(app.repos.seminars.byCode(code)!.id)).toBe(201)
  })
})
