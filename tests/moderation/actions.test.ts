import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments, flags } from '../../db/schema.ts'
import { write } from '../helper.ts'
import { person, setup } from './support.ts'

describe('flags', () => {
  it('takes one flag per reader (201, then 409) and never one on your own comment', async () => {
    const { app, post } = await setup()
    const author = await person(app)
    const reader = await person(app)
    const { id } = await post(author, 'Sora ist ein Werkzeug wie jedes andere.')
    const first = await write(app, 'POST', `/api/comments/${id}/flags`, reader.cookie, { reason: 'off-topic' })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toEqual({ flag: { id: expect.any(Number) } })
    const again = await write(app, 'POST', `/api/comments/${id}/flags`, reader.cookie, { reason: 'spam' })
    expect(again.statusCode).toBe(409)
    const own = await write(app, 'POST', `/api/comments/${id}/flags`, author.cookie, { reason: 'spam' })
    expect(own.statusCode).toBe(403)
    expect((await write(app, 'POST', `/api/comments/${id}/flags`, null, { reason: 'spam' })).statusCode).toBe(401)
    expect((await app.db.select({ n: count() }).from(flags))[0]!.n).toBe(1)
  })

  it('needs a note for "other" and refuses unknown reasons', async () => {
    const { app, post } = await setup()
    const { id } = await post(await person(app), 'Ein Argument')
    const reader = await person(app)
    const bare = await write(app, 'POST', `/api/comments/${id}/flags`, reader.cookie, { reason: 'other' })
    expect(bare.statusCode).toBe(400)
    expect(bare.json().message).toContain('note')
    const unknown = await write(app, 'POST', `/api/comments/${id}/flags`, reader.cookie, { reason: 'boring' })
    expect(unknown.statusCode).toBe(400)
    const noted = await write(app, 'POST', `/api/comments/${id}/flags`, reader.cookie, { reason: 'other', note: 'Werbung für ein Produkt' })
    expect(noted.statusCode).toBe(201)
  })

  it('hides a comment once flags from distinct readers reach the threshold, until reviewed', async () => {
    const { app, post, read, anchor } = await setup()
    const author = await person(app)
    const reader = await person(app)
    const { id } = await post(author, 'Wer Sora nutzt, ist faul.')
    const flaggers = [await person(app), await person(app), await person(app)]
    for (const [i, f] of flaggers.entries()) {
      expect((await write(app, 'POST', `/api/comments/${id}/flags`, f.cookie, { reason: 'insulting' })).statusCode).toBe(201)
      const seen = (await read(reader)).find((c) => c.id === id)!
      expect(seen.hidden).toBe(i === 2)
    }
    const hidden = (await read(reader)).find((c) => c.id === id)!
    expect(hidden).toMatchObject({ hidden: true, body: null, hiddenReason: null })
    const own = (await read(author)).find((c) => c.id === id)!
    expect(own).toMatchObject({ hidden: true, body: 'Wer Sora nutzt, ist faul.', hiddenReason: 'Hidden after 3 flags, awaiting review' })
    const block = (await app.inject({ url: '/api/debates/sora' })).json().essay.blocks.find((b: { anchor: string }) => b.anchor === anchor)
    expect(block.counts.comments).toBe(0)
    const log = await app.repos.moderation.log((await app.repos.debates.bySlug('sora'))!.id)
    expect(log[0]).toMatchObject({ action: 'auto-hide', actor: { id: flaggers[2]!.id }, target: { type: 'comment', id: String(id) } })
  })

  it('follows the debate’s own threshold', async () => {
    const { app, post, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    await write(app, 'PATCH', '/api/debates/sora/settings', mod.cookie, { flagThreshold: 1 })
    const { id } = await post(await person(app), 'Spam spam spam')
    await write(app, 'POST', `/api/comments/${id}/flags`, (await person(app)).cookie, { reason: 'spam' })
    expect((await read(null)).find((c) => c.id === id)).toMatchObject({ hidden: true, body: null })
  })

  it('caps flags per reader and day with 429 and Retry-After', async () => {
    const { app, post } = await setup()
    const reader = await person(app)
    const target = await post(await person(app), 'Noch ein Argument')
    const now = Date.now()
    const { comments: table } = await import('../../db/schema.ts')
    const debateId = (await app.repos.debates.bySlug('sora'))!.id
    const row = (await app.repos.comments.byId(target.id))!
    // Fifty earlier flags today, on fifty other comments.
    await app.db.transaction(async (tx) => {
      for (let i = 0; i < 50; i++) {
        const [other] = await tx
          .insert(table)
          .values({ debateId, blockId: row.blockId, authorId: row.authorId, body: `x${i}`, stance: 'pro', createdAt: now })
          .returning()
        await tx.insert(flags).values({ commentId: other!.id, userId: reader.id, reason: 'spam', createdAt: now - 1000 })
      }
    })
    const res = await write(app, 'POST', `/api/comments/${target.id}/flags`, reader.cookie, { reason: 'spam' })
    expect(res.statusCode).toBe(429)
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
  })
})

describe('hiding, pinning and removal', () => {
  it('hides with a reason: readers get a placeholder, the author and moderators the text and reason', async () => {
    const { app, post, read } = await setup()
    const author = await person(app)
    const reader = await person(app)
    const mod = await person(app, { role: 'moderator' })
    const { id } = await post(author, 'Ein grober Satz.')
    const noReason = await write(app, 'POST', `/api/comments/${id}/hide`, mod.cookie, { reason: '  ' })
    expect(noReason.statusCode).toBe(400)
    const hide = await write(app, 'POST', `/api/comments/${id}/hide`, mod.cookie, { reason: 'Beleidigend' })
    expect(hide.statusCode).toBe(200)
    expect(hide.json().comment).toMatchObject({ id, hidden: true, hiddenReason: 'Beleidigend', body: 'Ein grober Satz.' })
    for (const who of [reader, null]) {
      expect((await read(who))[0]).toMatchObject({ id, hidden: true, body: null, hiddenReason: null })
      const one = await app.inject({ url: `/api/comments/${id}`, headers: who ? { cookie: who.cookie } : {} })
      expect(one.json().comment).toMatchObject({ hidden: true, body: null })
    }
    for (const who of [author, mod]) {
      expect((await read(who))[0]).toMatchObject({ id, hidden: true, body: 'Ein grober Satz.', hiddenReason: 'Beleidigend' })
    }
    const block = (await app.inject({ url: '/api/debates/sora' }))
      .json()
      .essay.blocks.find((b: { counts: { comments: number } }) => b.counts.comments > 0)
    expect(block).toBeUndefined()
    const unhide = await write(app, 'POST', `/api/comments/${id}/unhide`, mod.cookie)
    expect(unhide.statusCode).toBe(200)
    expect(unhide.json().comment).toMatchObject({ hidden: false, hiddenReason: null })
    expect((await read(reader))[0]).toMatchObject({ hidden: false, body: 'Ein grober Satz.' })
  })

  it('keeps the earlier wordings of a hidden comment from readers', async () => {
    const { app, post } = await setup()
    const author = await person(app)
    const mod = await person(app, { role: 'moderator' })
    const { id } = await post(author, 'Erste Fassung, grob')
    await write(app, 'PATCH', `/api/comments/${id}`, author.cookie, { body: 'Zweite Fassung, grob' })
    await write(app, 'POST', `/api/comments/${id}/hide`, mod.cookie, { reason: 'grob' })
    const forReader = await app.inject({ url: `/api/comments/${id}/versions` })
    expect(forReader.json().versions).toEqual([])
    const forMod = await app.inject({ url: `/api/comments/${id}/versions`, headers: { cookie: mod.cookie } })
    expect(forMod.json().versions.map((v: { body: string }) => v.body)).toEqual(['Erste Fassung, grob'])
  })

  it('pins an argument to the top of its thread, and never a reply', async () => {
    const { app, post, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const author = await person(app)
    const old = await post(author, 'Das älteste Argument')
    const reply = await post(author, 'Eine Antwort', { parentId: old.id })
    await post(author, 'Ein neueres Argument')
    const pin = await write(app, 'POST', `/api/comments/${old.id}/pin`, mod.cookie)
    expect(pin.statusCode).toBe(200)
    expect(pin.json().comment.pinned).toBe(true)
    expect((await read(null)).map((c) => c.id).slice(0, 2)).toEqual([old.id, reply.id])
    expect((await write(app, 'POST', `/api/comments/${reply.id}/pin`, mod.cookie)).statusCode).toBe(400)
    expect((await write(app, 'POST', `/api/comments/${old.id}/pin`, author.cookie)).statusCode).toBe(403)
    expect((await write(app, 'POST', `/api/comments/${old.id}/unpin`, mod.cookie)).json().comment.pinned).toBe(false)
    expect((await read(null))[0]!.id).not.toBe(old.id)
  })

  it('lets an admin remove a comment for good: a tombstone, no earlier wordings, no words in the log', async () => {
    const { app, post, read } = await setup()
    const admin = await person(app, { admin: true })
    const mod = await person(app, { role: 'moderator' })
    const author = await person(app)
    const { id } = await post(author, 'Rechtswidriger Inhalt')
    await write(app, 'PATCH', `/api/comments/${id}`, author.cookie, { body: 'Noch rechtswidriger' })
    const byMod = await write(app, 'POST', `/api/comments/${id}/remove`, mod.cookie, { reason: 'Gerichtsbeschluss' })
    expect(byMod.statusCode).toBe(403)
    const removed = await write(app, 'POST', `/api/comments/${id}/remove`, admin.cookie, { reason: 'Gerichtsbeschluss 123/26' })
    expect(removed.statusCode).toBe(200)
    expect(removed.json().comment).toMatchObject({ removed: true, body: null })
    for (const who of [author, mod, null]) expect((await read(who))[0]).toMatchObject({ id, removed: true, body: null })
    expect(await app.repos.comments.versions(id)).toEqual([])
    const log = await app.repos.moderation.log((await app.repos.debates.bySlug('sora'))!.id)
    expect(log[0]).toMatchObject({ action: 'remove', reason: 'Gerichtsbeschluss 123/26' })
    expect(JSON.stringify(log)).not.toContain('rechtswidrig')
    expect(await app.db.select({ body: comments.body }).from(comments).where(eq(comments.id, id))).toEqual([{ body: '' }])
  })
})

describe('locks and settings', () => {
  it('locks one paragraph’s thread: participants read but cannot answer, moderators can', async () => {
    const { app, post, anchor, anchors, thread } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const reader = await person(app)
    const existing = await post(reader, 'Vor der Sperre')
    const lock = await write(app, 'PUT', `/api/debates/sora/paragraphs/${anchor}/lock`, mod.cookie, { locked: true })
    expect(lock.statusCode).toBe(200)
    expect(lock.json()).toEqual({ anchor, locked: true })
    const refused = await write(app, 'POST', thread(), reader.cookie, { body: 'Nach der Sperre', stance: 'pro' })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().message).toMatch(/paragraph's thread is locked/)
    expect((await write(app, 'PATCH', `/api/comments/${existing.id}`, reader.cookie, { body: 'geändert' })).statusCode).toBe(403)
    expect((await write(app, 'PUT', `/api/debates/sora/paragraphs/${anchor}/position`, reader.cookie, { stance: 'pro' })).statusCode).toBe(
      403,
    )
    expect((await write(app, 'POST', thread(anchors[0]), reader.cookie, { body: 'Anderswo', stance: 'pro' })).statusCode).toBe(201)
    expect((await write(app, 'POST', thread(), mod.cookie, { body: 'Moderation', stance: 'neutral' })).statusCode).toBe(201)
    const blocks = (await app.inject({ url: '/api/debates/sora' })).json().essay.blocks
    expect(blocks.filter((b: { locked: boolean }) => b.locked).map((b: { anchor: string }) => b.anchor)).toEqual([anchor])
    await write(app, 'PUT', `/api/debates/sora/paragraphs/${anchor}/lock`, mod.cookie, { locked: false })
    expect((await write(app, 'POST', thread(), reader.cookie, { body: 'Wieder offen', stance: 'pro' })).statusCode).toBe(201)
  })

  it('reads and changes the debate’s settings, announcing each change', async () => {
    const { app } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const reader = await person(app)
    const get = await app.inject({ url: '/api/debates/sora/settings' })
    expect(get.json()).toEqual({ settings: { locked: false, slowModeSeconds: 0, preModeration: false, flagThreshold: 3 } })
    const patch = { locked: true, slowModeSeconds: 30, preModeration: true, flagThreshold: 5 }
    expect((await write(app, 'PATCH', '/api/debates/sora/settings', reader.cookie, patch)).statusCode).toBe(403)
    const res = await write(app, 'PATCH', '/api/debates/sora/settings', mod.cookie, patch)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ settings: patch })
    for (const bad of [{}, { slowModeSeconds: -1 }, { flagThreshold: 0 }, { locked: 'yes' }, { colour: 'red' }]) {
      expect((await write(app, 'PATCH', '/api/debates/sora/settings', mod.cookie, bad)).statusCode).toBe(400)
    }
    const debate = (await app.inject({ url: '/api/debates/sora', headers: { cookie: mod.cookie } })).json().debate
    expect(debate).toMatchObject({ state: 'locked', settings: patch, role: 'moderator', muted: false, mutedUntil: null })
    const events = await app.repos.events.since((await app.repos.debates.bySlug('sora'))!, 0)
    expect(events.at(-1)).toMatchObject({ type: 'debate.settings', settings: patch })
    const locked = await write(
      app,
      'POST',
      `/api/debates/sora/paragraphs/${(await app.inject({ url: '/api/debates/sora' })).json().essay.blocks[0].anchor}/comments`,
      reader.cookie,
      { body: 'x', stance: 'pro' },
    )
    expect(locked.statusCode).toBe(403)
    expect(locked.json().message).toMatch(/This debate is locked/)
  })
})
