/**
 * Joining a seminar with its code, as students do from their phones: as a guest with a name,
 * or with an account; what a guest may do afterwards; that every join starts a new session;
 * that a banned or removed reader's browser gets no new guest; and how wrong codes are slowed
 * down while a whole class behind one address still gets in.
 */
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { debates } from '../../db/schema.ts'
import { MemoryLimitStore, SharedRecentKeys } from '../../server/plugins/app/shared-limits.ts'
import { buildApp, cookieOf, ORIGIN, write } from '../helper.ts'
import { person } from '../moderation/support.ts'
import { joinAsGuest, read, seminar } from './support.ts'

/** Test seam: forgets every address a code worked from, as the hours passing would. */
function forgetWhereCodesWorked(app: FastifyInstance): void {
  const { name, ttlMs } = app.limits.codesWorkedFrom
  app.limits.codesWorkedFrom = new SharedRecentKeys(new MemoryLimitStore(), name, ttlMs)
}

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
    const posted = await write(app, 'POST', url(`/paragraphs/${anchors[0]}/comments`), guest.cookie, {
      body: 'Mein Punkt',
      stance: 'contra',
    })
    expect(posted.statusCode).toBe(201)
    expect(posted.json().comment.author).toEqual({ id: guest.id, username: 'Mia', guest: true, role: 'participant' })
  })

  it('lets a guest read the public debate but not take part in it', async () => {
    const { app, participants, anchors } = await seminar()
    const guest = participants[0]!
    expect((await read(app, '/api/debates/sora', guest)).statusCode).toBe(200)
    const res = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchors[0]}/comments`, guest.cookie, {
      body: 'Hallo',
      stance: 'pro',
    })
    expect(res.statusCode).toBe(403)
    expect(
      (await write(app, 'PUT', `/api/debates/sora/paragraphs/${anchors[0]}/position`, guest.cookie, { stance: 'pro' })).statusCode,
    ).toBe(403)
  })

  it('needs a display name, and announces each new member once', async () => {
    const { app, code, debate, slug } = await seminar({ participants: 0 })
    const nameless = await write(app, 'POST', '/api/join', null, { code })
    expect(nameless.statusCode).toBe(400)
    const guest = await joinAsGuest(app, code, 'Ben')
    const again = await write(app, 'POST', '/api/join', guest.cookie, { code })
    expect(again.statusCode).toBe(200)
    expect(again.json().user.id).toBe(guest.id)
    const joined = (await app.repos.events.since({ id: (await debate()).id, slug }, 0)).filter((e) => e.type === 'member.joined')
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
    const account = await person(app)
    expect((await read(app, `/api/join/${code}`, account)).json().signedIn).toBe(true)
    const res = await write(app, 'POST', '/api/join', account.cookie, { code })
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({ id: account.id, username: account.username, guest: false })
    const renewed = { ...account, cookie: cookieOf(res) }
    expect((await read(app, url(), renewed)).json().debate.role).toBe('participant')
  })
})

describe('sessions on joining', () => {
  it('gives a guest who joins again a new session token, and ends the old one', async () => {
    const { app, code, participants } = await seminar({ participants: 1 })
    const guest = participants[0]!
    const again = await write(app, 'POST', '/api/join', guest.cookie, { code })
    expect(again.statusCode).toBe(200)
    expect(again.json().user.id).toBe(guest.id)
    expect(cookieOf(again)).not.toBe(guest.cookie)
    expect((await read(app, '/api/auth/me', guest)).statusCode).toBe(401)
    expect((await read(app, '/api/auth/me', { ...guest, cookie: cookieOf(again) })).json().user.id).toBe(guest.id)
  })

  it('gives an account that joins a new session token, and ends the old one', async () => {
    const { app, code } = await seminar({ participants: 0 })
    const account = await person(app)
    const res = await write(app, 'POST', '/api/join', account.cookie, { code })
    expect(res.statusCode).toBe(200)
    expect((await read(app, '/api/auth/me', account)).statusCode).toBe(401)
    expect((await read(app, '/api/auth/me', { ...account, cookie: cookieOf(res) })).json().user.id).toBe(account.id)
  })

  it('ends the session of a guest of another seminar who joins this one as a new guest', async () => {
    const { app, code, leader, participants } = await seminar({ participants: 1 })
    const other = await write(app, 'POST', '/api/seminars', leader.cookie, { essay: 'sora-spektakel', title: 'Class 11a' })
    const guest = participants[0]!
    expect((await write(app, 'POST', '/api/join', guest.cookie, { code: other.json().joinCode })).statusCode).toBe(200)
    expect((await read(app, '/api/auth/me', guest)).statusCode).toBe(401)
    expect(code).not.toBe(other.json().joinCode)
  })
})

describe('banned and removed readers', () => {
  /** The cookies a browser holds after a response: the session and the browser's marker. */
  const browserOf = (res: { cookies: { name: string; value: string }[] }) =>
    res.cookies
      .filter((c) => c.name === 'mg_session' || c.name === 'mg_browser')
      .map((c) => `${c.name}=${c.value}`)
      .join('; ')

  it('keeps a browser that was signed in to a banned account from joining as a guest', async () => {
    const { app, code } = await seminar({ participants: 0 })
    const admin = await person(app, { admin: true })
    const login = await write(app, 'POST', '/api/auth/register', null, { username: 'troll', password: 'a long password' })
    const browser = browserOf(login)
    expect((await write(app, 'PUT', '/api/admin/bans/troll', admin.cookie)).statusCode).toBe(204)
    const res = await write(app, 'POST', '/api/join', browser, { code, displayName: 'Harmless' })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('banned') })
    // The same browser after logging out, with only the marker left, fares no better.
    const marker = browser.split('; ').find((c) => c.startsWith('mg_browser='))!
    expect((await write(app, 'POST', '/api/join', marker, { code, displayName: 'Harmless' })).statusCode).toBe(403)
    // Another browser is not touched by the ban.
    expect((await write(app, 'POST', '/api/join', null, { code, displayName: 'Someone' })).statusCode).toBe(200)
  })

  it('keeps a guest removed from the seminar from coming back as a new guest from the same browser', async () => {
    const { app, code, url, leader } = await seminar({ participants: 0 })
    const joined = await write(app, 'POST', '/api/join', null, { code, displayName: 'Prankster' })
    const browser = browserOf(joined)
    expect((await write(app, 'DELETE', url(`/members/${joined.json().user.id}`), leader.cookie)).statusCode).toBe(204)
    const back = await write(app, 'POST', '/api/join', browser, { code, displayName: 'Innocent' })
    expect(back.statusCode).toBe(403)
    expect(back.json().message).toContain('removed')
    expect(await app.repos.seminars.members((await app.repos.seminars.byCode(code))!.id)).toBe(1)
  })

  it('lets a guest removed from one seminar join another', async () => {
    const { app, code, url, leader } = await seminar({ participants: 0 })
    const other = await write(app, 'POST', '/api/seminars', leader.cookie, { essay: 'sora-spektakel', title: 'Class 11a' })
    const joined = await write(app, 'POST', '/api/join', null, { code, displayName: 'Moved' })
    const browser = browserOf(joined)
    expect((await write(app, 'DELETE', url(`/members/${joined.json().user.id}`), leader.cookie)).statusCode).toBe(204)
    expect((await write(app, 'POST', '/api/join', browser, { code: other.json().joinCode, displayName: 'Moved' })).statusCode).toBe(200)
  })
})

describe('codes that do not work', () => {
  it('answers 404 for an unknown or expired code', async () => {
    const { app, code, debate } = await seminar({ participants: 0 })
    expect((await write(app, 'POST', '/api/join', null, { code: 'ZZZZZZZZ', displayName: 'Eve' })).statusCode).toBe(404)
    const { id } = await debate()
    await app.db.transaction(async (tx) => {
      await tx
        .update(debates)
        .set({ joinCodeExpiresAt: Date.now() - 1000 })
        .where(eq(debates.id, id))
    })
    const expired = await write(app, 'POST', '/api/join', null, { code, displayName: 'Eve' })
    expect(expired.statusCode).toBe(404)
    expect(expired.json().message).toBe('No seminar with this code')
    expect((await read(app, `/api/join/${code}`, null)).statusCode).toBe(404)
  })

  it('backs off wrong codes from an address with 429 and Retry-After, but lets the right code through', async () => {
    const { app, code } = await seminar({ participants: 0 })
    const free = app.limits.failedJoinsPerAddress.rule.free
    for (let i = 0; i < free + 1; i++) {
      expect((await write(app, 'POST', '/api/join', null, { code: 'WRONGCDE', displayName: 'Eve' })).statusCode).toBe(404)
    }
    const limited = await write(app, 'POST', '/api/join', null, { code: 'WRONGCDE', displayName: 'Eve' })
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await read(app, '/api/join/WRONGCD2', null)).statusCode).toBe(429)
    // The back-off is short: far from the quarter of an hour a wall would hold the hall for.
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60)
    // A class mate who already got in, so the code is known to work from this address.
    expect((await write(app, 'POST', '/api/join', null, { code, displayName: 'Mia' })).statusCode).toBe(429)
    await app.limits.codesWorkedFrom.note(`127.0.0.1 ${code}`)
    expect((await write(app, 'POST', '/api/join', null, { code, displayName: 'Ben' })).statusCode).toBe(200)
    expect((await read(app, `/api/join/${code.toLowerCase()}`, null)).statusCode).toBe(200)
  })

  it('lets the rest of a hall in after a prankster fails from its address, once one got in', async () => {
    const { app, code } = await seminar({ participants: 0 })
    expect((await write(app, 'POST', '/api/join', null, { code, displayName: 'First' })).statusCode).toBe(200)
    for (let i = 0; i < app.limits.failedJoinsPerAddress.rule.free + 5; i++) {
      await write(app, 'POST', '/api/join', null, { code: `WRONG${i}`.padEnd(8, 'X'), displayName: 'Prank' })
    }
    expect((await write(app, 'POST', '/api/join', null, { code: 'WRONGCDE', displayName: 'Prank' })).statusCode).toBe(429)
    const statuses = new Set<number>()
    for (let i = 0; i < 20; i++)
      statuses.add((await write(app, 'POST', '/api/join', null, { code, displayName: `Student ${i}` })).statusCode)
    expect([...statuses]).toEqual([200])
  })

  it('never holds up a signed-in account or a joined guest for what its address tried', async () => {
    const { app, code, participants } = await seminar({ participants: 1 })
    for (let i = 0; i < app.limits.failedJoinsPerAddress.rule.free + 1; i++) {
      await write(app, 'POST', '/api/join', null, { code: 'WRONGCDE', displayName: 'Prank' })
    }
    forgetWhereCodesWorked(app)
    expect((await write(app, 'POST', '/api/join', null, { code, displayName: 'Late' })).statusCode).toBe(429)
    const account = await person(app)
    expect((await write(app, 'POST', '/api/join', account.cookie, { code })).statusCode).toBe(200)
    const guest = participants[0]!
    expect((await write(app, 'POST', '/api/join', guest.cookie, { code })).statusCode).toBe(200)
    // An account that failed itself waits as its address does: fresh accounts buy a guesser one try each.
    forgetWhereCodesWorked(app)
    const guesser = await person(app)
    expect((await write(app, 'POST', '/api/join', guesser.cookie, { code: 'WRONGCDE' })).statusCode).toBe(404)
    expect((await write(app, 'POST', '/api/join', guesser.cookie, { code: 'WRONGCD2' })).statusCode).toBe(429)
  })

  it("backs off an account's own wrong codes wherever it joins from", async () => {
    const { app, code } = await seminar({ participants: 0 })
    const account = await person(app)
    for (let i = 0; i < app.limits.failedJoinsPerAccount.rule.free + 1; i++) {
      expect((await write(app, 'POST', '/api/join', account.cookie, { code: 'WRONGCDE' })).statusCode).toBe(404)
    }
    const limited = await app.inject({
      method: 'POST',
      url: '/api/join',
      remoteAddress: '10.9.8.7',
      headers: { origin: ORIGIN, cookie: account.cookie },
      payload: { code: 'WRONGCDE' },
    })
    expect(limited.statusCode).toBe(429)
    // The address's own budget is untouched: a guest there joins at once.
    expect((await write(app, 'POST', '/api/join', null, { code, displayName: 'Mia' })).statusCode).toBe(200)
  })

  it('never limits successful joins: a class of 200 behind one address all get in', async () => {
    const app = await buildApp()
    const leader = await person(app)
    const code = (await write(app, 'POST', '/api/seminars', leader.cookie, { essay: 'sora-spektakel', title: 'Hall' })).json().joinCode
    const statuses = new Set<number>()
    for (let i = 0; i < 200; i++) {
      statuses.add((await write(app, 'POST', '/api/join', null, { code, displayName: `Student ${i}` })).statusCode)
    }
    expect([...statuses]).toEqual([200])
    expect(await app.repos.seminars.members((await app.repos.seminars.byCode(code))!.id)).toBe(201)
  })
})
