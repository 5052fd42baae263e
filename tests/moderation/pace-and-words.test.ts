import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments } from '../../db/schema.ts'
import { compilePattern, patternProblem, screen } from '../../server/policy/watched-words.ts'
import { write } from '../helper.ts'
import { person, setup } from './support.ts'

describe('slow mode', () => {
  it('answers a participant’s second comment within N seconds with 429 and Retry-After', async () => {
    const { app, thread, anchors } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const reader = await person(app)
    await write(app, 'PATCH', '/api/debates/sora/settings', mod.cookie, { slowModeSeconds: 120 })
    expect((await write(app, 'POST', thread(), reader.cookie, { body: 'Erstens', stance: 'pro' })).statusCode).toBe(201)
    const second = await write(app, 'POST', thread(anchors[0]), reader.cookie, { body: 'Zweitens', stance: 'pro' })
    expect(second.statusCode).toBe(429)
    const retryAfter = Number(second.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(120)
    expect(second.json().message).toMatch(/Slow mode.*post again in \d+ seconds/)
    // A retry of the first post is not a second comment.
    const others = await person(app)
    const key = { body: 'Mit Schlüssel', stance: 'pro', clientKey: 'k-1' }
    expect((await write(app, 'POST', thread(), others.cookie, key)).statusCode).toBe(201)
    expect((await write(app, 'POST', thread(), others.cookie, key)).statusCode).toBe(200)
    // Moderators are exempt.
    expect((await write(app, 'POST', thread(), mod.cookie, { body: 'Eins', stance: 'neutral' })).statusCode).toBe(201)
    expect((await write(app, 'POST', thread(), mod.cookie, { body: 'Zwei', stance: 'neutral' })).statusCode).toBe(201)
  })

  it('lets the participant post again once the interval has passed', async () => {
    const { app, thread, post } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const reader = await person(app)
    await write(app, 'PATCH', '/api/debates/sora/settings', mod.cookie, { slowModeSeconds: 60 })
    const first = await post(reader, 'Erstens')
    await app.db.transaction(async (tx) => {
      await tx
        .update(comments)
        .set({ createdAt: sql`${comments.createdAt} - 61000` })
        .where(eq(comments.id, first.id))
    })
    expect((await write(app, 'POST', thread(), reader.cookie, { body: 'Zweitens', stance: 'pro' })).statusCode).toBe(201)
  })
})

describe('watched words: matching', () => {
  it('matches whole words regardless of case, with * for any run of letters, umlauts included', () => {
    const idiot = compilePattern('idiot*')
    for (const hit of ['Idiot', 'IDIOTEN', 'so idiotisch!']) expect(hit.match(idiot)).not.toBeNull()
    for (const miss of ['Halbidiot', 'idio']) expect(miss.match(idiot)).toBeNull()
    const dumm = compilePattern('dümmlich')
    expect('Das ist DÜMMLICH.'.match(dumm)).not.toBeNull()
    expect('überdümmlich'.match(dumm)).toBeNull()
    expect('Straße'.match(compilePattern('stra*e'))).not.toBeNull()
    expect('Strasse'.match(compilePattern('straße'))).toBeNull()
    expect('a.b'.match(compilePattern('a-b'))).toBeNull()
  })

  it('blocks, holds and censors, masking each match with as many • as it has characters', () => {
    const rules = [
      { pattern: 'mist', action: 'censor' as const },
      { pattern: 'betrug*', action: 'hold' as const },
      { pattern: 'verboten', action: 'block' as const },
    ]
    expect(screen('So ein Mist, MIST!', rules)).toEqual({ blocked: null, held: null, body: 'So ein ••••, ••••!' })
    expect(screen('Das ist Betrügerei? Nein, Betrug.', rules)).toMatchObject({ held: 'betrug*', blocked: null })
    expect(screen('Das ist verboten und Mist', rules)).toMatchObject({ blocked: 'verboten', body: 'Das ist verboten und ••••' })
  })

  it('refuses patterns that would match everything or hold odd characters', () => {
    expect(patternProblem('*')).toMatch(/letter or digit/)
    expect(patternProblem('a.*')).toMatch(/only letters/)
    expect(patternProblem('schlecht* wort')).toBeNull()
  })
})

describe('watched words: in a debate', () => {
  it('blocks with a clear message and writes nothing', async () => {
    const { app, thread, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const reader = await person(app)
    const add = await write(app, 'POST', '/api/debates/sora/watched-words', mod.cookie, { pattern: 'Schwachkopf*', action: 'block' })
    expect(add.statusCode).toBe(201)
    expect(add.json().word).toMatchObject({ pattern: 'Schwachkopf*', action: 'block', scope: 'debate' })
    const res = await write(app, 'POST', thread(), reader.cookie, { body: 'Du schwachkopf!', stance: 'contra' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe('body contains the blocked word "Schwachkopf*"')
    expect(await read(mod)).toEqual([])
  })

  it('holds for review: only the author and moderators see it, and the queue has it', async () => {
    const { app, post, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const author = await person(app)
    await write(app, 'POST', '/api/debates/sora/watched-words', mod.cookie, { pattern: 'Betrug', action: 'hold' })
    const held = await post(author, 'Das ist Betrug am Publikum.')
    expect(held).toMatchObject({ status: 'pending', statusReason: 'watched word "Betrug"' })
    expect(await read(null)).toEqual([])
    expect(await read(await person(app))).toEqual([])
    expect((await read(author)).map((c) => c.id)).toEqual([held.id])
    const queue = (await app.inject({ url: '/api/debates/sora/moderation/queue', headers: { cookie: mod.cookie } })).json()
    expect(queue.items).toEqual([expect.objectContaining({ kind: 'held', comment: expect.objectContaining({ id: held.id }) })])
  })

  it('censors: the stored comment shows each match masked', async () => {
    const { app, post, read } = await setup()
    const admin = await person(app, { admin: true })
    const site = await write(app, 'POST', '/api/admin/watched-words', admin.cookie, { pattern: 'Mist', action: 'censor' })
    expect(site.statusCode).toBe(201)
    expect(site.json().word.scope).toBe('site')
    const posted = await post(await person(app), 'So ein Mist, aber kein Mistkäfer.')
    expect(posted.body).toBe('So ein ••••, aber kein Mistkäfer.')
    expect((await read(null))[0]!.body).toBe('So ein ••••, aber kein Mistkäfer.')
  })

  it('keeps the lists apart: moderators manage their debate’s, admins the site-wide one', async () => {
    const { app } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const admin = await person(app, { admin: true })
    const reader = await person(app)
    expect((await write(app, 'POST', '/api/admin/watched-words', mod.cookie, { pattern: 'x1', action: 'block' })).statusCode).toBe(403)
    expect(
      (await write(app, 'POST', '/api/debates/sora/watched-words', reader.cookie, { pattern: 'x1', action: 'block' })).statusCode,
    ).toBe(403)
    expect((await write(app, 'POST', '/api/debates/sora/watched-words', mod.cookie, { pattern: '*', action: 'block' })).statusCode).toBe(
      400,
    )
    const site = (await write(app, 'POST', '/api/admin/watched-words', admin.cookie, { pattern: 'global', action: 'hold' })).json().word
    const local = (await write(app, 'POST', '/api/debates/sora/watched-words', mod.cookie, { pattern: 'lokal', action: 'censor' })).json()
      .word
    const list = (await app.inject({ url: '/api/debates/sora/watched-words', headers: { cookie: mod.cookie } })).json().words
    expect(list.map((w: { pattern: string; scope: string }) => [w.pattern, w.scope])).toEqual([
      ['global', 'site'],
      ['lokal', 'debate'],
    ])
    expect((await write(app, 'DELETE', `/api/debates/sora/watched-words/${site.id}`, mod.cookie)).statusCode).toBe(404)
    expect((await write(app, 'DELETE', `/api/debates/sora/watched-words/${local.id}`, mod.cookie)).statusCode).toBe(204)
    expect((await write(app, 'DELETE', `/api/admin/watched-words/${site.id}`, admin.cookie)).statusCode).toBe(204)
    expect((await app.inject({ url: '/api/debates/sora/watched-words', headers: { cookie: mod.cookie } })).json().words).toEqual([])
  })
})

describe('pre-moderation', () => {
  it('holds new comments until a moderator approves them; moderators post at once', async () => {
    const { app, post, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const author = await person(app)
    const reader = await person(app)
    await write(app, 'PATCH', '/api/debates/sora/settings', mod.cookie, { preModeration: true })
    const held = await post(author, 'Bitte freischalten')
    expect(held).toMatchObject({ status: 'pending', statusReason: 'pre-moderation' })
    expect(await read(reader)).toEqual([])
    expect((await app.inject({ url: `/api/comments/${held.id}` })).statusCode).toBe(404)
    const blocks = (await app.inject({ url: '/api/debates/sora' })).json().essay.blocks
    expect(blocks.every((b: { counts: { comments: number } }) => b.counts.comments === 0)).toBe(true)
    const own = await post(mod, 'Von der Moderation')
    expect(own.status).toBe('published')
    const [item] = (await app.inject({ url: '/api/debates/sora/moderation/queue', headers: { cookie: mod.cookie } })).json().items
    expect(item).toMatchObject({ kind: 'held', comment: { id: held.id, status: 'pending' } })
    const keep = await write(app, 'POST', `/api/moderation/queue/${item.id}`, mod.cookie, { action: 'keep' })
    expect(keep.statusCode).toBe(200)
    expect(keep.json().item).toMatchObject({ resolution: 'keep', comment: { status: 'published' } })
    expect((await read(reader)).map((c) => c.body)).toContain('Bitte freischalten')
    expect((await app.inject({ url: '/api/debates/sora/moderation/queue', headers: { cookie: mod.cookie } })).json().items).toEqual([])
  })
})
