import { eq } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { debateMembers } from '../../db/schema.ts'
import { write } from '../helper.ts'
import { person, setup } from './support.ts'

describe('moderators', () => {
  it('are appointed and dismissed by the owner or an admin, not by other moderators', async () => {
    const { app } = await setup()
    const owner = await person(app, { role: 'owner' })
    const admin = await person(app, { admin: true })
    const mod = await person(app, { role: 'moderator' })
    const candidate = await person(app)
    const url = `/api/debates/sora/moderators/${candidate.username}`
    expect((await write(app, 'PUT', url, mod.cookie)).statusCode).toBe(403)
    expect((await write(app, 'PUT', url, candidate.cookie)).statusCode).toBe(403)
    expect((await write(app, 'PUT', url, null)).statusCode).toBe(401)
    expect((await write(app, 'PUT', '/api/debates/sora/moderators/nobody-here', owner.cookie)).statusCode).toBe(404)
    expect((await write(app, 'PUT', url, owner.cookie)).statusCode).toBe(204)
    const seen = (await app.inject({ url: '/api/debates/sora', headers: { cookie: candidate.cookie } })).json().debate
    expect(seen.role).toBe('moderator')
    expect((await app.inject({ url: '/api/debates/sora/moderation/queue', headers: { cookie: candidate.cookie } })).statusCode).toBe(200)
    expect((await write(app, 'DELETE', url, admin.cookie)).statusCode).toBe(204)
    expect((await app.inject({ url: '/api/debates/sora/moderation/queue', headers: { cookie: candidate.cookie } })).statusCode).toBe(403)
    expect((await write(app, 'PUT', `/api/debates/sora/moderators/${owner.username}`, admin.cookie)).statusCode).toBe(409)
    const actions = (await app.repos.moderation.log((await app.repos.debates.bySlug('sora'))!.id)).map((e) => [e.action, e.actor.id])
    expect(actions).toEqual([
      ['dismiss', admin.id],
      ['appoint', owner.id],
    ])
  })

  it('an admin who is no member reads as moderator', async () => {
    const { app } = await setup()
    const admin = await person(app, { admin: true })
    expect((await app.inject({ url: '/api/debates/sora', headers: { cookie: admin.cookie } })).json().debate.role).toBe('moderator')
    expect((await app.inject({ url: '/api/debates/sora' })).json().debate.role).toBeNull()
  })
})

describe('mutes', () => {
  it('a muted participant reads but cannot post, vote or take positions, and is told until when', async () => {
    const { app, post, read, anchor, thread } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const muted = await person(app)
    const other = await post(await person(app), 'Ein Argument')
    const until = new Date(Date.now() + 3_600_000).toISOString()
    const mute = await write(app, 'PUT', `/api/debates/sora/mutes/${muted.username}`, mod.cookie, { until, reason: 'Ton' })
    expect(mute.statusCode).toBe(204)
    expect(await read(muted)).toHaveLength(1)
    const refused = await write(app, 'POST', thread(), muted.cookie, { body: 'Hallo', stance: 'pro' })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().message).toBe(`You are muted in this debate until ${until}: you can read, but not post, vote or take positions`)
    expect((await write(app, 'PUT', `/api/comments/${other.id}/vote`, muted.cookie, { value: 1 })).statusCode).toBe(403)
    expect((await write(app, 'PUT', `/api/debates/sora/paragraphs/${anchor}/position`, muted.cookie, { stance: 'pro' })).statusCode).toBe(
      403,
    )
    const me = (await app.inject({ url: '/api/debates/sora', headers: { cookie: muted.cookie } })).json().debate
    expect(me).toMatchObject({ muted: true, mutedUntil: until })
    expect((await write(app, 'DELETE', `/api/debates/sora/mutes/${muted.username}`, mod.cookie)).statusCode).toBe(204)
    expect((await write(app, 'POST', thread(), muted.cookie, { body: 'Wieder da', stance: 'pro' })).statusCode).toBe(201)
  })

  it('mutes indefinitely without a time, ends on its own at the time given, and never mutes a moderator', async () => {
    const { app, thread } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const muted = await person(app)
    await write(app, 'PUT', `/api/debates/sora/mutes/${muted.username}`, mod.cookie, {})
    const refused = await write(app, 'POST', thread(), muted.cookie, { body: 'Hallo', stance: 'pro' })
    expect(refused.json().message).toMatch(/muted in this debate indefinitely/)
    expect((await app.inject({ url: '/api/debates/sora', headers: { cookie: muted.cookie } })).json().debate).toMatchObject({
      muted: true,
      mutedUntil: null,
    })
    const past = new Date(Date.now() - 1000).toISOString()
    expect((await write(app, 'PUT', `/api/debates/sora/mutes/${muted.username}`, mod.cookie, { until: past })).statusCode).toBe(400)
    await app.db.transaction(async (tx) => {
      await tx
        .update(debateMembers)
        .set({ mutedUntil: Date.now() - 1 })
        .where(eq(debateMembers.userId, muted.id))
    })
    expect((await write(app, 'POST', thread(), muted.cookie, { body: 'Abgelaufen', stance: 'pro' })).statusCode).toBe(201)
    const other = await person(app, { role: 'moderator' })
    expect((await write(app, 'PUT', `/api/debates/sora/mutes/${other.username}`, mod.cookie, {})).statusCode).toBe(403)
    expect((await write(app, 'PUT', `/api/debates/sora/mutes/${muted.username}`, muted.cookie, {})).statusCode).toBe(403)
  })

  it('lists members and writers for moderators, with role and mute', async () => {
    const { app, post } = await setup()
    const mod = await person(app, { role: 'moderator', name: 'moderatorin' })
    const writer = await person(app, { name: 'schreiber' })
    await person(app, { name: 'stiller' })
    await post(writer, 'Ein Beitrag')
    await write(app, 'PUT', `/api/debates/sora/mutes/${writer.username}`, mod.cookie, {})
    const res = await app.inject({ url: '/api/debates/sora/members', headers: { cookie: mod.cookie } })
    expect(res.json().members).toEqual([
      {
        user: { id: mod.id, username: 'moderatorin' },
        role: 'moderator',
        muted: false,
        mutedUntil: null,
        banned: false,
        guest: false,
        pseudonym: null,
        displayName: null,
      },
      {
        user: { id: writer.id, username: 'schreiber' },
        role: 'participant',
        muted: true,
        mutedUntil: null,
        banned: false,
        guest: false,
        pseudonym: null,
        displayName: null,
      },
    ])
    expect((await app.inject({ url: '/api/debates/sora/members', headers: { cookie: writer.cookie } })).statusCode).toBe(403)
  })

  it('never lets a mute open a private debate to an outsider', async () => {
    const { app } = await setup()
    const essay = (await app.repos.essays.bySlug('sora-spektakel'))!
    await app.repos.debates.create({ slug: 'seminar', title: 'Seminar', essayId: essay.id, visibility: 'private' })
    const leader = await person(app, { role: 'owner', debate: 'seminar' })
    const outsider = await person(app)
    const res = await write(app, 'PUT', `/api/debates/seminar/mutes/${outsider.username}`, leader.cookie, {})
    expect(res.statusCode).toBe(409)
    expect((await app.inject({ url: '/api/debates/seminar', headers: { cookie: outsider.cookie } })).statusCode).toBe(404)
  })
})

describe('bans', () => {
  it('an admin bans a user site-wide: every session ends and their sockets are closed', async () => {
    const { app, thread } = await setup()
    const admin = await person(app, { admin: true })
    const owner = await person(app, { role: 'owner' })
    const target = await person(app)
    const second = await app.repos.sessions.create(target.id)
    const closed = vi.spyOn(app.hub, 'closeSessions')
    expect((await write(app, 'PUT', `/api/admin/bans/${target.username}`, owner.cookie)).statusCode).toBe(403)
    expect((await write(app, 'PUT', `/api/admin/bans/${admin.username}`, admin.cookie)).statusCode).toBe(403)
    expect((await write(app, 'PUT', `/api/admin/bans/${target.username}`, admin.cookie)).statusCode).toBe(204)
    expect(closed).toHaveBeenCalledWith(expect.arrayContaining([second.id]))
    expect(closed.mock.calls.at(-1)![0]).toHaveLength(2)
    for (const cookie of [target.cookie, `mg_session=${second.token}`]) {
      expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401)
      expect((await write(app, 'POST', thread(), cookie, { body: 'Noch da?', stance: 'pro' })).statusCode).toBe(401)
    }
    expect((await app.repos.users.byId(target.id))!.bannedAt).not.toBeNull()
    expect((await app.repos.moderation.log(null))[0]).toMatchObject({ action: 'ban', target: { type: 'user', id: target.username } })
    expect((await write(app, 'DELETE', `/api/admin/bans/${target.username}`, admin.cookie)).statusCode).toBe(204)
    expect((await app.repos.users.byId(target.id))!.bannedAt).toBeNull()
    const site = await app.inject({ url: '/api/admin/log', headers: { cookie: admin.cookie } })
    expect(site.json().entries.map((e: { action: string }) => e.action)).toEqual(['unban', 'ban'])
  })
})
