import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { debateMembers, debates } from '../../db/schema.ts'
import { SessionsRepository } from '../../server/repositories/sessions.ts'
import { cookieOf, ORIGIN, paragraphs, signUp, write } from '../helper.ts'
import { person } from '../moderation/support.ts'
import { seminarIn } from '../seminars/support.ts'
import { LiveClient, startLive, type Live } from './support.ts'

function tokenOf(cookie: string): string {
  return cookie.slice(cookie.indexOf('=') + 1)
}

async function post(live: Live, debate: string, cookie: string, body: string) {
  const [anchor] = await paragraphs(live.app, 'sora')
  const res = await write(live.app, 'POST', `/api/debates/${debate}/paragraphs/${anchor}/comments`, cookie, { body, stance: 'pro' })
  expect(res.statusCode).toBe(201)
}

describe('sessions', () => {
  it('closes the sockets of a session at logout, and only those', async () => {
    const live = await startLive()
    const user = await signUp(live.app)
    const login = await live.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN },
      payload: { username: user.username, password: user.password },
    })
    const otherCookie = `mg_session=${login.cookies.find((c) => c.name === 'mg_session')!.value}`
    const tabs = [await LiveClient.open(live, { cookie: user.cookie }), await LiveClient.open(live, { cookie: user.cookie })]
    const otherDevice = await LiveClient.open(live, { cookie: otherCookie })

    expect((await write(live.app, 'POST', '/api/auth/logout', user.cookie)).statusCode).toBe(204)
    for (const tab of tabs) expect(await tab.closed).toEqual({ code: 4001, reason: 'session ended' })
    await otherDevice.sync()
    expect(live.app.hub.size).toBe(1)
  })

  it('closes the sockets of a session that ended elsewhere (expiry, revocation)', async () => {
    const live = await startLive({ live: { sessionCheckMs: 50 } })
    const user = await signUp(live.app)
    const client = await LiveClient.open(live, { cookie: user.cookie })
    const anonymous = await LiveClient.open(live)
    await client.sync()

    await live.app.repos.sessions.revoke(SessionsRepository.idOf(tokenOf(user.cookie)))
    expect(await client.closed).toEqual({ code: 4001, reason: 'session ended' })
    await anonymous.sync()
  })
})

/**
 * A seminar, and an account that joined it following it on a socket. The hub's verdicts would
 * outlast the test: only the change under test can end one.
 */
async function memberOfSeminar() {
  const live = await startLive({ live: { accessTtlMs: 60_000 } })
  const s = await seminarIn(live.app)
  const account = await person(live.app)
  const joined = await write(live.app, 'POST', '/api/join', account.cookie, { code: s.code })
  const socket = await LiveClient.open(live, { cookie: cookieOf(joined) })
  await socket.subscribe(s.slug)
  return { live, s, account, socket }
}

describe('who may see what', () => {
  it('never lets a reader follow a private debate they do not belong to', async () => {
    const live = await startLive()
    const sora = (await live.app.repos.debates.bySlug('sora'))!
    const seminar = await live.app.repos.debates.create({ slug: 'seminar', title: 'Seminar', essayId: sora.essayId, visibility: 'private' })
    const owner = await signUp(live.app)
    const outsider = await signUp(live.app)
    await live.app.repos.debates.setRole(seminar.id, owner.id, 'owner')

    const member = await LiveClient.open(live, { cookie: owner.cookie })
    const stranger = await LiveClient.open(live, { cookie: outsider.cookie })
    const anonymous = await LiveClient.open(live)
    await member.subscribe('seminar')
    for (const client of [stranger, anonymous]) {
      client.send({ type: 'subscribe', debate: 'seminar' })
      // The same answer as for a debate that does not exist.
      expect(await client.waitFor((f) => f.type === 'error')).toEqual({ type: 'error', debate: 'seminar', message: 'No debate "seminar"' })
      await client.subscribe('sora')
    }

    await post(live, 'seminar', owner.cookie, 'nur für Mitglieder')
    await post(live, 'sora', owner.cookie, 'für alle')
    await member.waitFor((f) => f.type === 'comment.created' && f.debate === 'seminar')
    for (const client of [stranger, anonymous]) {
      await client.waitFor((f) => f.type === 'comment.created' && f.debate === 'sora')
      expect(client.frames.some((f) => f.debate === 'seminar' && f.type !== 'error')).toBe(false)
    }
  })

  it('stops delivering the moment a reader may no longer read the debate', async () => {
    const live = await startLive()
    const sora = (await live.app.repos.debates.bySlug('sora'))!
    const seminar = await live.app.repos.debates.create({ slug: 'seminar', title: 'Seminar', essayId: sora.essayId })
    const owner = await signUp(live.app)
    const reader = await signUp(live.app)
    await live.app.repos.debates.setRole(seminar.id, owner.id, 'owner')
    const member = await LiveClient.open(live, { cookie: owner.cookie })
    const former = await LiveClient.open(live, { cookie: reader.cookie })
    await member.subscribe('seminar')
    await former.subscribe('seminar')
    await former.subscribe('sora')

    await post(live, 'seminar', owner.cookie, 'noch öffentlich')
    await former.waitFor((f) => f.type === 'comment.created' && f.debate === 'seminar')
    await live.app.db.transaction(async (tx) => {
      await tx.update(debates).set({ visibility: 'private' }).where(eq(debates.id, seminar.id))
    })
    await post(live, 'seminar', owner.cookie, 'jetzt privat')
    await post(live, 'sora', owner.cookie, 'Markierung')

    await member.waitFor((f) => f.debate === 'seminar' && f.seq === 2)
    await former.waitFor((f) => f.debate === 'sora' && f.type === 'comment.created')
    expect(former.events('seminar').map((e) => e.comment.body)).toEqual(['noch öffentlich'])
    expect(former.frames).toContainEqual({ type: 'unsubscribed', debate: 'seminar', reason: 'forbidden' })
  })

  it('stops delivering to a member removed from a private debate once the hub is told, or its verdict expires', async () => {
    for (const told of [true, false]) {
      const live = await startLive(told ? {} : { live: { accessTtlMs: 0 } })
      const sora = (await live.app.repos.debates.bySlug('sora'))!
      const seminar = await live.app.repos.debates.create({
        slug: 'seminar',
        title: 'Seminar',
        essayId: sora.essayId,
        visibility: 'private',
      })
      const owner = await signUp(live.app)
      const student = await signUp(live.app)
      await live.app.repos.debates.setRole(seminar.id, owner.id, 'owner')
      await live.app.repos.debates.setRole(seminar.id, student.id, 'participant')
      const member = await LiveClient.open(live, { cookie: owner.cookie })
      const removed = await LiveClient.open(live, { cookie: student.cookie })
      await member.subscribe('seminar')
      await removed.subscribe('seminar')
      await removed.subscribe('sora')
      await post(live, 'seminar', owner.cookie, 'vorher')
      await removed.waitFor((f) => f.debate === 'seminar' && f.seq === 1)

      await live.app.db.transaction(async (tx) => {
        await tx.delete(debateMembers).where(and(eq(debateMembers.debateId, seminar.id), eq(debateMembers.userId, student.id)))
      })
      if (told) live.app.hub.refreshAccess('seminar')
      await post(live, 'seminar', owner.cookie, 'nachher')
      await post(live, 'sora', owner.cookie, 'Markierung')

      await member.waitFor((f) => f.debate === 'seminar' && f.seq === 2)
      await removed.waitFor((f) => f.debate === 'sora' && f.type === 'comment.created')
      expect(removed.events('seminar').map((e) => e.comment.body)).toEqual(['vorher'])
      expect(removed.frames).toContainEqual({ type: 'unsubscribed', debate: 'seminar', reason: 'forbidden' })
      await live.app.close()
    }
  })

  it('stops delivering to a member the leader removes from the very next event', async () => {
    const { live, s, account, socket: removed } = await memberOfSeminar()
    const leader = await LiveClient.open(live, { cookie: s.leader.cookie })
    await leader.subscribe(s.slug)
    await write(live.app, 'PUT', s.url('/spotlight'), s.leader.cookie, { anchor: s.anchors[0] })
    await removed.waitFor((f) => f.type === 'spotlight.changed')

    expect((await write(live.app, 'DELETE', s.url(`/members/${account.id}`), s.leader.cookie)).statusCode).toBe(204)
    await write(live.app, 'PUT', s.url('/spotlight'), s.leader.cookie, { anchor: null })
    await leader.waitFor((f) => f.type === 'spotlight.changed' && f.anchor === null)
    expect(await removed.waitFor((f) => f.type === 'unsubscribed')).toEqual({ type: 'unsubscribed', debate: s.slug, reason: 'forbidden' })
    expect(removed.events(s.slug).map((e) => e.anchor)).toEqual([s.anchors[0]])
  })

  it('sends a member the leader appoints the moderators’ events from the very next one', async () => {
    const { live, s, account, socket: member } = await memberOfSeminar()
    await write(live.app, 'POST', s.url('/join-code'), s.leader.cookie, {})
    await member.waitFor((f) => f.type === 'skip')

    expect((await write(live.app, 'PUT', s.url(`/moderators/${account.username}`), s.leader.cookie)).statusCode).toBe(204)
    await write(live.app, 'POST', s.url('/join-code'), s.leader.cookie, {})
    expect(await member.waitFor((f) => f.type === 'join-code.changed')).toMatchObject({ debate: s.slug, joinCode: expect.any(String) })
  })

  it('lets anonymous readers follow public debates', async () => {
    const live = await startLive()
    const user = await signUp(live.app)
    const anonymous = await LiveClient.open(live)
    await anonymous.subscribe()
    await post(live, 'sora', user.cookie, 'für alle')
    expect(await anonymous.waitFor((f) => f.type === 'comment.created')).toMatchObject({ seq: 1, clientId: null })
  })

  it('answers an unknown debate with an error and keeps the socket', async () => {
    const live = await startLive()
    const client = await LiveClient.open(live)
    client.send({ type: 'subscribe', debate: 'gibt-es-nicht' })
    expect(await client.waitFor((f) => f.type === 'error')).toMatchObject({ debate: 'gibt-es-nicht' })
    await client.subscribe('sora')
  })
})
