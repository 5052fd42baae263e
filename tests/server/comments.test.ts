import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { comments, commentVersions, commentVotes, debates, events } from '../../db/schema.ts'
import { buildApp, paragraphs, runStatement, signUp, write } from '../helper.ts'

type App = Awaited<ReturnType<typeof buildApp>>
const rows = async (app: App, table: typeof comments | typeof commentVotes | typeof commentVersions | typeof events) =>
  (await app.db.select({ n: count() }).from(table))[0]!.n

async function setup() {
  const app = await buildApp()
  const anchors = await paragraphs(app)
  const url = (anchor = anchors[2]!) => `/api/debates/sora/paragraphs/${anchor}/comments`
  return { app, anchors, url }
}

describe('arguments on paragraphs', () => {
  it('posts a contra argument and lists it in the thread in the API shape', async () => {
    const { app, url, anchors } = await setup()
    const hanna = await signUp(app, 'hanna')
    const res = await write(app, 'POST', url(), hanna.cookie, { body: '  Sora ist *auch* ein Werkzeug.  ', stance: 'contra' })
    expect(res.statusCode).toBe(201)
    const comment = res.json().comment
    expect(comment).toMatchObject({
      parentId: null,
      anchor: anchors[2],
      author: { id: hanna.id, username: 'hanna' },
      body: 'Sora ist *auch* ein Werkzeug.',
      stance: 'contra',
      votes: 0,
      editedAt: null,
      deleted: false,
      outdated: false,
    })
    expect(new Date(comment.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000)
    const thread = await app.inject({ url: url() })
    expect(thread.json().comments).toEqual([comment])
    const debate = (await app.inject({ url: '/api/debates/sora' })).json()
    const block = debate.essay.blocks.find((b: { anchor: string }) => b.anchor === anchors[2])
    expect(block.counts).toEqual({ comments: 1, pro: 0, contra: 1, neutral: 0 })
  })

  it('refuses anonymous posting with 401 and writes nothing', async () => {
    const { app, url } = await setup()
    const res = await write(app, 'POST', url(), null, { body: 'Hallo', stance: 'pro' })
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' })
    expect(await rows(app, comments)).toBe(0)
    expect(await rows(app, events)).toBe(0)
  })

  it.each([
    [{ body: '   ', stance: 'pro' }, 'body'],
    [{ body: 'x'.repeat(5001), stance: 'pro' }, 'body'],
    [{ body: 'Gut', stance: 'maybe' }, 'body/stance'],
    [{ body: 'Gut' }, 'body/stance'],
    [{ stance: 'pro' }, 'body/body'],
    [{ body: 'Gut', stance: 'pro', author: 1 }, 'author'],
    [{ body: 'Gut', stance: 'pro', clientKey: 'k'.repeat(65) }, 'body/clientKey'],
    [{ body: 'Gut', stance: 'pro', parentId: 'eins' }, 'body/parentId'],
    [{ body: 'Gut', stance: 'pro', parentId: 999 }, 'parentId'],
    [{ body: 7, stance: 'pro' }, 'body/body'],
  ])('rejects %j with 400 naming the field, and writes nothing', async (payload, field) => {
    const { app, url } = await setup()
    const { cookie } = await signUp(app)
    const res = await write(app, 'POST', url(), cookie, payload)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' })
    expect(res.json().message).toContain(field)
    expect(await rows(app, comments)).toBe(0)
    expect(await rows(app, events)).toBe(0)
  })

  it('accepts exactly 5,000 characters after trimming', async () => {
    const { app, url } = await setup()
    const { cookie } = await signUp(app)
    const res = await write(app, 'POST', url(), cookie, { body: `\n${'ä'.repeat(5000)}\n`, stance: 'neutral' })
    expect(res.statusCode).toBe(201)
  })

  it('refuses a body over 64 KiB with 413', async () => {
    const { app, url } = await setup()
    const { cookie } = await signUp(app)
    const res = await write(app, 'POST', url(), cookie, { body: 'x'.repeat(70_000), stance: 'pro' })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' })
    expect(await rows(app, comments)).toBe(0)
  })

  it('answers 404 for an unknown debate, paragraph, or a heading', async () => {
    const { app } = await setup()
    const { cookie } = await signUp(app)
    const blocks = (await app.inject({ url: '/api/debates/sora' })).json().essay.blocks as { anchor: string; kind: string }[]
    const heading = blocks.find((b) => b.kind === 'heading')!.anchor
    for (const path of [
      '/api/debates/nope/paragraphs/p-1/comments',
      '/api/debates/sora/paragraphs/p-nope/comments',
      `/api/debates/sora/paragraphs/${heading}/comments`,
    ]) {
      const get = await app.inject({ url: path })
      expect(get.statusCode).toBe(404)
      const post = await write(app, 'POST', path, cookie, { body: 'Hallo', stance: 'pro' })
      expect(post.statusCode).toBe(404)
      expect(post.json().message).toMatch(/No (debate|paragraph)/)
    }
    expect(await rows(app, comments)).toBe(0)
  })

  it('is idempotent per clientKey: a retry returns the first comment and stores nothing', async () => {
    const { app, url } = await setup()
    const a = await signUp(app)
    const b = await signUp(app)
    const first = await write(app, 'POST', url(), a.cookie, { body: 'Einmal', stance: 'pro', clientKey: 'draft-1' })
    const retry = await write(app, 'POST', url(), a.cookie, { body: 'Einmal', stance: 'pro', clientKey: 'draft-1' })
    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(200)
    expect(retry.json().comment).toEqual(first.json().comment)
    expect(await rows(app, comments)).toBe(1)
    expect(await rows(app, events)).toBe(1)
    const other = await write(app, 'POST', url(), b.cookie, { body: 'Einmal', stance: 'pro', clientKey: 'draft-1' })
    expect(other.statusCode).toBe(201)
    expect(await rows(app, comments)).toBe(2)
  })

  it('nests replies under their parent, with a stance towards it, up to the depth cap', async () => {
    const { app, url, anchors } = await setup()
    const { cookie } = await signUp(app)
    const root = (await write(app, 'POST', url(), cookie, { body: 'These', stance: 'pro' })).json().comment
    let parentId = root.id
    for (let depth = 1; depth <= 6; depth++) {
      const reply = await write(app, 'POST', url(), cookie, { body: `Ebene ${depth}`, stance: 'contra', parentId })
      expect(reply.statusCode).toBe(201)
      expect(reply.json().comment).toMatchObject({ parentId, depth })
      parentId = reply.json().comment.id
    }
    const tooDeep = await write(app, 'POST', url(), cookie, { body: 'Zu tief', stance: 'pro', parentId })
    expect(tooDeep.statusCode).toBe(400)
    const elsewhere = await write(app, 'POST', url(anchors[0]), cookie, { body: 'Falscher Ort', stance: 'pro', parentId: root.id })
    expect(elsewhere.statusCode).toBe(400)
    expect(elsewhere.json().message).toContain('parentId')
    const thread = (await app.inject({ url: url() })).json().comments
    expect(thread.map((c: { depth: number }) => c.depth)).toEqual([0, 1, 2, 3, 4, 5, 6])
    const counts = (await app.inject({ url: '/api/debates/sora' }))
      .json()
      .essay.blocks.find((b: { anchor: string }) => b.anchor === anchors[2]).counts
    expect(counts).toEqual({ comments: 7, pro: 1, contra: 0, neutral: 0 })
  })

  it('sorts by newest or strongest, keeps a parent before its replies, and filters by stance', async () => {
    const { app, url } = await setup()
    const author = await signUp(app)
    const voters = await Promise.all([signUp(app), signUp(app)])
    const post = async (body: string, stance: string, parentId?: number) =>
      (await write(app, 'POST', url(), author.cookie, { body, stance, parentId })).json().comment
    const weak = await post('Schwach', 'pro')
    const strong = await post('Stark', 'contra')
    const reply = await post('Antwort', 'pro', weak.id)
    const newest = await post('Neu', 'neutral')
    for (const v of voters) await write(app, 'PUT', `/api/comments/${strong.id}/vote`, v.cookie, { value: 1 })
    const ids = async (query: string) => (await app.inject({ url: `${url()}${query}` })).json().comments.map((c: { id: number }) => c.id)
    expect(await ids('?sort=new')).toEqual([newest.id, strong.id, weak.id, reply.id])
    expect(await ids('?sort=top')).toEqual([strong.id, newest.id, weak.id, reply.id])
    expect(await ids('?stance=pro')).toEqual([weak.id, reply.id])
    expect(await ids('?stance=contra')).toEqual([strong.id])
    const bad = await app.inject({ url: `${url()}?sort=loudest` })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('querystring/sort')
  })
})

describe('editing, deleting and voting', () => {
  it('lets the author edit, keeping the earlier wording, and refuses anyone else', async () => {
    const { app, url } = await setup()
    const author = await signUp(app)
    const other = await signUp(app)
    const { id } = (await write(app, 'POST', url(), author.cookie, { body: 'Erste Fassung', stance: 'pro' })).json().comment
    const denied = await write(app, 'PATCH', `/api/comments/${id}`, other.cookie, { body: 'Gekapert' })
    expect(denied.statusCode).toBe(403)
    const anonymous = await write(app, 'PATCH', `/api/comments/${id}`, null, { body: 'Gekapert' })
    expect(anonymous.statusCode).toBe(401)
    const empty = await write(app, 'PATCH', `/api/comments/${id}`, author.cookie, { body: ' ' })
    expect(empty.statusCode).toBe(400)
    expect(await rows(app, commentVersions)).toBe(0)
    const edited = await write(app, 'PATCH', `/api/comments/${id}`, author.cookie, { body: 'Zweite Fassung' })
    expect(edited.statusCode).toBe(200)
    expect(edited.json().comment.body).toBe('Zweite Fassung')
    expect(edited.json().comment.editedAt).not.toBeNull()
    const versions = (await app.inject({ url: `/api/comments/${id}/versions` })).json().versions
    expect(versions.map((v: { body: string }) => v.body)).toEqual(['Erste Fassung'])
    const missing = await write(app, 'PATCH', '/api/comments/9999', author.cookie, { body: 'x' })
    expect(missing.statusCode).toBe(404)
  })

  it('deletes softly: a placeholder keeps the replies in place; only the author may', async () => {
    const { app, url } = await setup()
    const author = await signUp(app)
    const other = await signUp(app)
    const parent = (await write(app, 'POST', url(), author.cookie, { body: 'Eltern', stance: 'pro' })).json().comment
    const reply = (await write(app, 'POST', url(), other.cookie, { body: 'Kind', stance: 'contra', parentId: parent.id })).json().comment
    expect((await write(app, 'DELETE', `/api/comments/${parent.id}`, other.cookie)).statusCode).toBe(403)
    expect((await write(app, 'DELETE', `/api/comments/${parent.id}`, null)).statusCode).toBe(401)
    const del = await write(app, 'DELETE', `/api/comments/${parent.id}`, author.cookie)
    expect(del.statusCode).toBe(204)
    const thread = (await app.inject({ url: url() })).json().comments
    expect(thread).toEqual([
      expect.objectContaining({ id: parent.id, deleted: true, body: null }),
      expect.objectContaining({ id: reply.id, parentId: parent.id, body: 'Kind' }),
    ])
    expect((await write(app, 'PATCH', `/api/comments/${parent.id}`, author.cookie, { body: 'wieder' })).statusCode).toBe(409)
    expect(await rows(app, comments)).toBe(2)
  })

  it('counts one upvote per reader, revocably, never for oneself', async () => {
    const { app, url } = await setup()
    const author = await signUp(app)
    const reader = await signUp(app)
    const { id } = (await write(app, 'POST', url(), author.cookie, { body: 'Stark', stance: 'contra' })).json().comment
    const own = await write(app, 'PUT', `/api/comments/${id}/vote`, author.cookie, { value: 1 })
    expect(own.statusCode).toBe(403)
    expect(await rows(app, commentVotes)).toBe(0)
    expect((await write(app, 'PUT', `/api/comments/${id}/vote`, reader.cookie, { value: 1 })).json()).toEqual({ votes: 1 })
    expect((await write(app, 'PUT', `/api/comments/${id}/vote`, reader.cookie, { value: 1 })).json()).toEqual({ votes: 1 })
    const seen = (await app.inject({ url: url(), headers: { cookie: reader.cookie } })).json().comments[0]
    expect(seen).toMatchObject({ votes: 1, voted: true })
    expect((await write(app, 'PUT', `/api/comments/${id}/vote`, reader.cookie, { value: 0 })).json()).toEqual({ votes: 0 })
    expect((await write(app, 'PUT', `/api/comments/${id}/vote`, reader.cookie, { value: 2 })).statusCode).toBe(400)
    expect((await write(app, 'PUT', `/api/comments/${id}/vote`, null, { value: 1 })).statusCode).toBe(401)
    expect(await rows(app, commentVotes)).toBe(0)
  })

  it('announces every change in the debate log with seq growing by one', async () => {
    const { app, url } = await setup()
    const author = await signUp(app)
    const reader = await signUp(app)
    const { id } = (await write(app, 'POST', url(), author.cookie, { body: 'Eins', stance: 'pro' })).json().comment
    await write(app, 'PATCH', `/api/comments/${id}`, author.cookie, { body: 'Zwei' })
    await write(app, 'PUT', `/api/comments/${id}/vote`, reader.cookie, { value: 1 })
    await write(app, 'DELETE', `/api/comments/${id}`, author.cookie)
    const log = await app.db.select().from(events).orderBy(events.seq)
    expect(log.map((e) => [e.seq, e.type])).toEqual([
      [1, 'comment.created'],
      [2, 'comment.updated'],
      [3, 'comment.voted'],
      [4, 'comment.deleted'],
    ])
    expect((await app.inject({ url: '/api/debates/sora' })).json().debate.seq).toBe(4)
  })

  it('refuses changes in a locked debate with 403', async () => {
    const { app, url } = await setup()
    const { cookie } = await signUp(app)
    const { id } = (await write(app, 'POST', url(), cookie, { body: 'Vorher', stance: 'pro' })).json().comment
    await app.db.transaction(async (tx) => {
      await tx.update(debates).set({ state: 'locked' }).where(eq(debates.slug, 'sora'))
    })
    const post = await write(app, 'POST', url(), cookie, { body: 'Nachher', stance: 'pro' })
    expect(post.statusCode).toBe(403)
    expect(post.json().message).toContain('locked')
    expect((await write(app, 'PATCH', `/api/comments/${id}`, cookie, { body: 'x' })).statusCode).toBe(403)
    expect(await rows(app, comments)).toBe(1)
  })

  it('never shows the cause of a server error', async () => {
    const { app, url } = await setup()
    const { cookie } = await signUp(app)
    await runStatement(app.db, 'drop table comment_versions')
    await runStatement(app.db, 'create table comment_versions (id integer primary key, secret_detail text not null)')
    const { id } = (await write(app, 'POST', url(), cookie, { body: 'Eins', stance: 'pro' })).json().comment
    const res = await write(app, 'PATCH', `/api/comments/${id}`, cookie, { body: 'Zwei' })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: expect.any(String) })
    expect(res.body).not.toMatch(/comment_versions|secret_detail|SQLITE/)
    expect((await app.inject({ url: url() })).json().comments[0].body).toBe('Eins')
  })
})
