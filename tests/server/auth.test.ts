import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { sessions, users } from '../../db/schema.ts'
import { SessionsRepository } from '../../server/repositories/sessions.ts'
import { buildApp, cookieOf, ORIGIN, signUp, write } from '../helper.ts'

const usersIn = async (app: Awaited<ReturnType<typeof buildApp>>) => (await app.db.select({ n: count() }).from(users))[0]!.n

describe('accounts and sessions', () => {
  it('registers, sets an HttpOnly SameSite=Lax session cookie, and knows who is signed in', async () => {
    const app = await buildApp()
    const res = await write(app, 'POST', '/api/auth/register', null, { username: 'Hanna_K', password: 'ein langes Passwort' })
    expect(res.statusCode).toBe(201)
    expect(res.json().user).toMatchObject({ username: 'Hanna_K' })
    const cookie = res.cookies.find((c) => c.name === 'mg_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    expect(cookie.secure).toBeFalsy()
    expect(cookie.value.length).toBeGreaterThanOrEqual(22)
    const stored = await app.db.select().from(sessions)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.id).not.toBe(cookie.value)
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: cookieOf(res) } })
    expect(me.statusCode).toBe(200)
    expect(me.json().user.username).toBe('Hanna_K')
  })

  it('marks the cookie Secure when served over https', async () => {
    const app = await buildApp({ env: { PUBLIC_URL: 'https://debate.example' } })
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { origin: 'https://debate.example' },
      payload: { username: 'secure1', password: 'password123' },
    })
    expect(res.cookies.find((c) => c.name === 'mg_session')!.secure).toBe(true)
  })

  it('refuses a taken name regardless of case, and writes nothing', async () => {
    const app = await buildApp()
    await signUp(app, 'Debord')
    const res = await write(app, 'POST', '/api/auth/register', null, { username: 'dEBORD', password: 'another password' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('dEBORD') })
    expect(await usersIn(app)).toBe(1)
  })

  it.each([
    [{ username: 'ab', password: 'password123' }, 'body/username'],
    [{ username: 'x'.repeat(33), password: 'password123' }, 'body/username'],
    [{ username: 'bad name', password: 'password123' }, 'body/username'],
    [{ username: 'Jürgen', password: 'password123' }, 'body/username'],
    [{ username: 'valid', password: 'short' }, 'body/password'],
    [{ username: 'valid', password: 'p'.repeat(257) }, 'body/password'],
    [{ username: 'valid' }, 'body/password'],
    [{ username: 'valid', password: 'password123', admin: true }, 'admin'],
  ])('rejects %j naming the field, and writes nothing', async (payload, field) => {
    const app = await buildApp()
    const res = await write(app, 'POST', '/api/auth/register', null, payload)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain(field)
    expect(await usersIn(app)).toBe(0)
    expect(res.cookies).toHaveLength(0)
  })

  it('accepts any Unicode password of 8 to 256 characters', async () => {
    const app = await buildApp()
    const password = 'Grüße aus Köln 🎓 ß'
    await signUp(app, 'unicode', password)
    const res = await write(app, 'POST', '/api/auth/login', null, { username: 'UNICODE', password })
    expect(res.statusCode).toBe(200)
  })

  it('answers a wrong password and an unknown name with the same message', async () => {
    const app = await buildApp()
    await signUp(app, 'known', 'right password')
    const wrong = await write(app, 'POST', '/api/auth/login', null, { username: 'known', password: 'wrong password' })
    const unknown = await write(app, 'POST', '/api/auth/login', null, { username: 'unknown', password: 'wrong password' })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json()).toEqual(unknown.json())
    expect(wrong.cookies).toHaveLength(0)
  })

  it('answers a login with a password shorter than the registration rule as any wrong password', async () => {
    const app = await buildApp()
    await signUp(app, 'policy', 'right password')
    const short = await write(app, 'POST', '/api/auth/login', null, { username: 'policy', password: 'short' })
    const wrong = await write(app, 'POST', '/api/auth/login', null, { username: 'policy', password: 'wrong password' })
    expect(short.statusCode).toBe(401)
    expect(short.json()).toEqual(wrong.json())
    expect(short.body).not.toContain('8')
  })

  it('signs in an account whose password was set under an older, shorter rule', async () => {
    const app = await buildApp()
    await app.repos.users.create('veteran', 'old pw')
    const res = await write(app, 'POST', '/api/auth/login', null, { username: 'veteran', password: 'old pw' })
    expect(res.statusCode).toBe(200)
    expect(res.json().user.username).toBe('veteran')
  })

  it('answers the session probe of an anonymous reader with 200 and no user', async () => {
    const app = await buildApp()
    const anonymous = await app.inject({ url: '/api/auth/session' })
    expect(anonymous.statusCode).toBe(200)
    expect(anonymous.json()).toEqual({ user: null })
    const { cookie, username } = await signUp(app)
    const signedIn = await app.inject({ url: '/api/auth/session', headers: { cookie } })
    expect(signedIn.json().user).toMatchObject({ username, guest: false })
  })

  it('issues a new session token on login and register, and ends the one the browser came with', async () => {
    const app = await buildApp()
    const first = await signUp(app, 'fixated', 'right password')
    const login = await write(app, 'POST', '/api/auth/login', first.cookie, { username: 'fixated', password: 'right password' })
    expect(login.statusCode).toBe(200)
    expect(cookieOf(login)).not.toBe(first.cookie)
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(401)
    const registered = await write(app, 'POST', '/api/auth/register', cookieOf(login), { username: 'second', password: 'another password' })
    expect(registered.statusCode).toBe(201)
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: cookieOf(login) } })).statusCode).toBe(401)
    expect(await app.db.select().from(sessions)).toHaveLength(1)
  })

  it("lets the owner in from another address while one address's guesses are held back", async () => {
    const app = await buildApp()
    await signUp(app, 'annika', 'right password')
    const from = (remoteAddress: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: { origin: ORIGIN },
        payload: { username: 'annika', password },
      })
    for (let i = 0; i < 11; i++) expect((await from('203.0.113.9', `guess ${i}xx`)).statusCode).toBe(401)
    const held = await from('203.0.113.9', 'right password')
    expect(held.statusCode).toBe(429)
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0)
    expect((await from('198.51.100.4', 'right password')).statusCode).toBe(200)
  })

  it('backs off an account guessed at from everywhere, except where its owner signed in before', async () => {
    const app = await buildApp()
    await signUp(app, 'famous', 'right password')
    const from = (remoteAddress: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        headers: { origin: ORIGIN },
        payload: { username: 'famous', password },
      })
    expect((await from('198.51.100.4', 'right password')).statusCode).toBe(200)
    // Failures from a crowd of addresses, one each: past the account's budget for all of them.
    const limiter = app.limits.failedLoginsPerAccount
    for (let i = 0; i <= limiter.rule.free; i++) await limiter.fail('famous')
    const fresh = await from('192.0.2.77', 'right password')
    expect(fresh.statusCode).toBe(429)
    expect(Number(fresh.headers['retry-after'])).toBeGreaterThan(0)
    expect((await from('198.51.100.4', 'right password')).statusCode).toBe(200)
  })

  it("backs off an address's failed logins for a short while, not a quarter of an hour", async () => {
    const app = await buildApp()
    await signUp(app, 'student', 'right password')
    const limiter = app.limits.failedLoginsPerAddress
    for (let i = 0; i <= limiter.rule.free; i++) await limiter.fail('127.0.0.1')
    const held = await write(app, 'POST', '/api/auth/login', null, { username: 'student', password: 'right password' })
    expect(held.statusCode).toBe(429)
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(60)
  })

  it('limits failed logins per account and address with 429 and Retry-After', async () => {
    const app = await buildApp()
    await signUp(app, 'target', 'right password')
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      statuses.push((await write(app, 'POST', '/api/auth/login', null, { username: 'target', password: `guess ${i}xx` })).statusCode)
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true)
    const limited = await write(app, 'POST', '/api/auth/login', null, { username: 'target', password: 'right password' })
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('lets a lecture hall of 200 behind one address register and log in within a minute', async () => {
    const app = await buildApp()
    const cookies = await Promise.all(Array.from({ length: 200 }, (_, i) => signUp(app, `student${i}`, 'seminar password')))
    expect(cookies).toHaveLength(200)
    const logins = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        write(app, 'POST', '/api/auth/login', null, { username: `student${i}`, password: 'seminar password' }),
      ),
    )
    expect(logins.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([])
  }, 60_000)

  it('logs out: the session is revoked on the server', async () => {
    const app = await buildApp()
    const { cookie } = await signUp(app)
    const out = await write(app, 'POST', '/api/auth/logout', cookie)
    expect(out.statusCode).toBe(204)
    expect(await app.db.select().from(sessions)).toHaveLength(0)
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie } })
    expect(me.statusCode).toBe(401)
    expect(me.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' })
  })

  it('refuses sessions past their idle or absolute expiry', async () => {
    const app = await buildApp({ env: { SESSION_IDLE_HOURS: '1', SESSION_MAX_HOURS: '3' } })
    const idle = await signUp(app)
    const old = await signUp(app)
    const idOf = (cookie: string) => SessionsRepository.idOf(cookie.split('=')[1]!)
    const hour = 3_600_000
    await app.db.transaction(async (tx) => {
      await tx
        .update(sessions)
        .set({ lastSeenAt: Date.now() - 2 * hour })
        .where(eq(sessions.id, idOf(idle.cookie)))
      await tx
        .update(sessions)
        .set({ createdAt: Date.now() - 4 * hour, expiresAt: Date.now() - hour })
        .where(eq(sessions.id, idOf(old.cookie)))
    })
    for (const { cookie } of [idle, old]) {
      const me = await app.inject({ url: '/api/auth/me', headers: { cookie } })
      expect(me.statusCode).toBe(401)
    }
    expect(await app.db.select().from(sessions)).toHaveLength(0)
  })

  it('refuses a state change from a foreign origin with 403, and writes nothing', async () => {
    const app = await buildApp()
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { origin: 'https://evil.example' },
      payload: { username: 'victim', password: 'password123' },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toContain('https://evil.example')
    expect(await usersIn(app)).toBe(0)
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { username: 'victim', password: 'password123' },
    })
    expect(crossSite.statusCode).toBe(403)
    expect(await usersIn(app)).toBe(0)
  })

  it('accepts the loopback address as the same local origin', async () => {
    const app = await buildApp()
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { origin: 'http://127.0.0.1:3000' },
      payload: { username: 'loopback', password: 'password123' },
    })
    expect(res.statusCode).toBe(201)
    expect(ORIGIN).toBe('http://localhost:3000')
  })
})
