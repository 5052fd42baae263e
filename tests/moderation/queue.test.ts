import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_ESSAY, DEFAULT_ESSAY_FILE } from '../../server/seed.ts'
import { write } from '../helper.ts'
import { person, setup, type Person } from './support.ts'

type App = Awaited<ReturnType<typeof setup>>['app']

const queueOf = async (app: App, mod: Person) =>
  (await app.inject({ url: '/api/debates/sora/moderation/queue', headers: { cookie: mod.cookie } })).json().items as {
    id: number
    kind: string
    comment: { id: number; status: string; hidden: boolean; anchor: string }
    flags: { reason: string; note: string | null; user: { username: string } }[]
  }[]

const flagBy = (app: App, who: Person, id: number, reason = 'insulting', note?: string) =>
  write(app, 'POST', `/api/comments/${id}/flags`, who.cookie, { reason, ...(note ? { note } : {}) })

describe('the review queue', () => {
  it('lists flagged comments once each, with their flags, oldest first, to moderators only', async () => {
    const { app, post } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const reader = await person(app)
    const a = await post(await person(app), 'Erstes')
    const b = await post(await person(app), 'Zweites')
    await flagBy(app, reader, a.id, 'other', 'Wirkt wie Werbung')
    await flagBy(app, await person(app), a.id, 'spam')
    await flagBy(app, reader, b.id)
    const items = await queueOf(app, mod)
    expect(items.map((i) => [i.kind, i.comment.id])).toEqual([
      ['flagged', a.id],
      ['flagged', b.id],
    ])
    expect(items[0]!.flags).toEqual([
      expect.objectContaining({ reason: 'other', note: 'Wirkt wie Werbung', user: expect.objectContaining({ username: reader.username }) }),
      expect.objectContaining({ reason: 'spam', note: null }),
    ])
    expect((await app.inject({ url: '/api/debates/sora/moderation/queue', headers: { cookie: reader.cookie } })).statusCode).toBe(403)
    expect((await app.inject({ url: '/api/debates/sora/moderation/queue' })).statusCode).toBe(401)
    expect((await write(app, 'POST', `/api/moderation/queue/${items[0]!.id}`, reader.cookie, { action: 'keep' })).statusCode).toBe(403)
  })

  it('keep clears the flags and shows a comment the flags had hidden; the queue size goes out live to moderators', async () => {
    const { app, post, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const { id } = await post(await person(app), 'Streitbar, aber zulässig')
    for (let i = 0; i < 3; i++) await flagBy(app, await person(app), id)
    expect((await read(null))[0]!.hidden).toBe(true)
    const [item] = await queueOf(app, mod)
    const res = await write(app, 'POST', `/api/moderation/queue/${item!.id}`, mod.cookie, { action: 'keep' })
    expect(res.statusCode).toBe(200)
    expect(res.json().item).toMatchObject({ resolution: 'keep', resolvedAt: expect.any(String), flags: expect.any(Array) })
    expect((await read(null))[0]).toMatchObject({ hidden: false, body: 'Streitbar, aber zulässig' })
    expect(await queueOf(app, mod)).toEqual([])
    // Cleared flags no longer count: one new flag does not hide it again.
    await flagBy(app, await person(app), id)
    expect((await read(null))[0]!.hidden).toBe(false)
    const again = await write(app, 'POST', `/api/moderation/queue/${item!.id}`, mod.cookie, { action: 'keep' })
    expect(again.statusCode).toBe(409)
    const sizes = (await app.repos.events.since((await app.repos.debates.bySlug('sora'))!, 0))
      .filter((e) => e.type === 'moderation.queue')
      .map((e) => e.size)
    expect(sizes).toEqual([1, 0, 1])
  })

  it('keep does not show a comment a moderator hid by hand', async () => {
    const { app, post, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const { id } = await post(await person(app), 'Grob')
    await write(app, 'POST', `/api/comments/${id}/hide`, mod.cookie, { reason: 'Grob' })
    await flagBy(app, await person(app), id)
    const [item] = await queueOf(app, mod)
    await write(app, 'POST', `/api/moderation/queue/${item!.id}`, mod.cookie, { action: 'keep' })
    expect((await read(null))[0]).toMatchObject({ hidden: true, body: null })
  })

  it('hide and return need a reason; delete deletes', async () => {
    const { app, post, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const a = await post(await person(app), 'Eins')
    const b = await post(await person(app), 'Zwei')
    await flagBy(app, await person(app), a.id)
    await flagBy(app, await person(app), b.id)
    const [ia, ib] = await queueOf(app, mod)
    for (const action of ['hide', 'return']) {
      const res = await write(app, 'POST', `/api/moderation/queue/${ia!.id}`, mod.cookie, { action })
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toContain('reason')
    }
    expect(
      (await write(app, 'POST', `/api/moderation/queue/${ia!.id}`, mod.cookie, { action: 'reattach', anchor: 'p-x' })).statusCode,
    ).toBe(404)
    const hide = await write(app, 'POST', `/api/moderation/queue/${ia!.id}`, mod.cookie, { action: 'hide', reason: 'Off-topic' })
    expect(hide.json().item.comment).toMatchObject({ hidden: true, hiddenReason: 'Off-topic' })
    const del = await write(app, 'POST', `/api/moderation/queue/${ib!.id}`, mod.cookie, { action: 'delete', reason: 'Spam' })
    expect(del.json().item.comment).toMatchObject({ deleted: true, body: null })
    const thread = await read(null)
    expect(thread.find((c) => c.id === a.id)).toMatchObject({ hidden: true, body: null })
    expect(thread.find((c) => c.id === b.id)).toMatchObject({ body: null })
  })

  it('returns a comment for revision: the author sees why, others do not see it, the edit sends it back', async () => {
    const { app, post, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const author = await person(app)
    const reader = await person(app)
    const { id } = await post(author, 'Alle Nutzer sind dumm.')
    await flagBy(app, reader, id)
    const [item] = await queueOf(app, mod)
    const ret = await write(app, 'POST', `/api/moderation/queue/${item!.id}`, mod.cookie, {
      action: 'return',
      reason: 'Bitte ohne Pauschalurteil',
    })
    expect(ret.statusCode).toBe(200)
    expect(await read(reader)).toEqual([])
    expect((await app.inject({ url: `/api/comments/${id}`, headers: { cookie: reader.cookie } })).statusCode).toBe(404)
    const mine = (await read(author))[0]!
    expect(mine).toMatchObject({ id, status: 'returned', statusReason: 'Bitte ohne Pauschalurteil', body: 'Alle Nutzer sind dumm.' })
    expect(await queueOf(app, mod)).toEqual([])
    const edit = await write(app, 'PATCH', `/api/comments/${id}`, author.cookie, { body: 'Viele Nutzer denken zu wenig nach.' })
    expect(edit.statusCode).toBe(200)
    expect(edit.json().comment.status).toBe('pending')
    const [back] = await queueOf(app, mod)
    expect(back).toMatchObject({ kind: 'held', comment: { id, status: 'pending' } })
    await write(app, 'POST', `/api/moderation/queue/${back!.id}`, mod.cookie, { action: 'keep' })
    expect((await read(reader))[0]).toMatchObject({ id, status: 'published', body: 'Viele Nutzer denken zu wenig nach.' })
  })

  it('offers outdated comments of a re-imported essay: reattach moves them with their replies, keep leaves them', async () => {
    const { app, post, read } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const author = await person(app)
    const original = readFileSync(DEFAULT_ESSAY_FILE, 'utf8')
    const blocks = (await app.inject({ url: '/api/debates/sora' })).json().essay.blocks as { anchor: string; text: string; kind: string }[]
    const target = blocks.find((b) => b.text.startsWith('Weder filmtheoretisches'))!
    const first = await post(author, 'Handwerk zählt weiter.', {}, target.anchor)
    const reply = await post(author, 'Eine Antwort darauf', { parentId: first.id }, target.anchor)
    const second = await post(author, 'Noch ein Argument', {}, target.anchor)
    await app.repos.essays.import(
      original.replace(target.text, 'Ein ganz neuer Absatz über Schnitt, Verwerfen und Weiterdenken, ohne Bezug zum alten Text.'),
      DEFAULT_ESSAY,
      'markdown',
    )
    const items = await queueOf(app, mod)
    expect(items.map((i) => [i.kind, i.comment.id])).toEqual([
      ['outdated', first.id],
      ['outdated', second.id],
    ])
    const destination = blocks.find((b) => b.kind === 'paragraph' && b.anchor !== target.anchor)!.anchor
    const noAnchor = await write(app, 'POST', `/api/moderation/queue/${items[0]!.id}`, mod.cookie, { action: 'reattach' })
    expect(noAnchor.statusCode).toBe(400)
    const moved = await write(app, 'POST', `/api/moderation/queue/${items[0]!.id}`, mod.cookie, { action: 'reattach', anchor: destination })
    expect(moved.statusCode).toBe(200)
    expect(moved.json().item.comment).toMatchObject({ anchor: destination, outdated: false })
    expect((await read(null, destination)).map((c) => c.id)).toEqual([first.id, reply.id])
    const kept = await write(app, 'POST', `/api/moderation/queue/${items[1]!.id}`, mod.cookie, { action: 'keep' })
    expect(kept.json().item.comment).toMatchObject({ id: second.id, outdated: true })
    expect(await queueOf(app, mod)).toEqual([])
  })
})
