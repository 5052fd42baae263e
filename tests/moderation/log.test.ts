import { describe, expect, it } from 'vitest'
import { cell } from '../../server/formats/csv.ts'
import { logToCsv } from '../../server/routes/api/moderation/log.ts'
import { write } from '../helper.ts'
import { person, setup } from './support.ts'

describe('the moderation log', () => {
  it('records every action with who, what, target, reason, when, and the content as it was', async () => {
    const { app, post, anchor } = await setup()
    const mod = await person(app, { role: 'moderator', name: 'leiterin' })
    const author = await person(app)
    const { id } = await post(author, 'Der ursprüngliche Wortlaut')
    await write(app, 'POST', `/api/comments/${id}/hide`, mod.cookie, { reason: 'Persönlicher Angriff' })
    await write(app, 'PATCH', `/api/comments/${id}`, author.cookie, { body: 'Ein neuer Wortlaut' })
    await write(app, 'POST', `/api/comments/${id}/unhide`, mod.cookie)
    await write(app, 'POST', `/api/comments/${id}/pin`, mod.cookie)
    await write(app, 'PUT', `/api/debates/sora/paragraphs/${anchor}/lock`, mod.cookie, { locked: true })
    await write(app, 'PATCH', '/api/debates/sora/settings', mod.cookie, { slowModeSeconds: 30 })
    await write(app, 'PUT', `/api/debates/sora/mutes/${author.username}`, mod.cookie, { reason: 'Wiederholt' })
    await write(app, 'DELETE', `/api/comments/${id}`, mod.cookie)
    const res = await app.inject({ url: '/api/debates/sora/moderation/log', headers: { cookie: mod.cookie } })
    expect(res.statusCode).toBe(200)
    const entries = res.json().entries as {
      action: string
      reason: string | null
      actor: { username: string }
      target: object
      at: string
      snapshot: { body?: string }
    }[]
    expect(entries.map((e) => e.action)).toEqual(['delete', 'mute', 'settings', 'lock-paragraph', 'pin', 'unhide', 'hide'])
    const hide = entries.at(-1)!
    expect(hide).toMatchObject({
      actor: { username: 'leiterin' },
      action: 'hide',
      target: { type: 'comment', id: String(id) },
      reason: 'Persönlicher Angriff',
      snapshot: expect.objectContaining({ body: 'Der ursprüngliche Wortlaut', hidden: false }),
    })
    expect(new Date(hide.at).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(entries[0]!.snapshot.body).toBe('Ein neuer Wortlaut')
    expect(entries[1]).toMatchObject({ reason: 'Wiederholt', target: { type: 'user', id: author.username } })
  })

  it('answers "what did I hide, and why" with filters, to moderators only', async () => {
    const { app, post } = await setup()
    const leader = await person(app, { role: 'moderator' })
    const other = await person(app, { role: 'moderator' })
    const a = await post(await person(app), 'Eins')
    const b = await post(await person(app), 'Zwei')
    await write(app, 'POST', `/api/comments/${a.id}/hide`, leader.cookie, { reason: 'Grund A' })
    await write(app, 'POST', `/api/comments/${b.id}/hide`, other.cookie, { reason: 'Grund B' })
    await write(app, 'POST', `/api/comments/${b.id}/pin`, leader.cookie)
    const url = `/api/debates/sora/moderation/log?action=hide&actor=${leader.username}`
    const mine = (await app.inject({ url, headers: { cookie: leader.cookie } })).json().entries
    expect(mine.map((e: { reason: string; target: { id: string } }) => [e.target.id, e.reason])).toEqual([[String(a.id), 'Grund A']])
    const reader = await person(app)
    expect((await app.inject({ url, headers: { cookie: reader.cookie } })).statusCode).toBe(403)
    expect((await app.inject({ url })).statusCode).toBe(401)
  })

  it('downloads as CSV, quoted, with formula-like cells neutralised', async () => {
    const { app, post } = await setup()
    const mod = await person(app, { role: 'moderator' })
    const { id } = await post(await person(app), 'Ein "zitierter" Text, mit Komma')
    await write(app, 'POST', `/api/comments/${id}/hide`, mod.cookie, { reason: '=HYPERLINK("http://evil.example")' })
    const res = await app.inject({ url: '/api/debates/sora/moderation/log?format=csv', headers: { cookie: mod.cookie } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toBe('attachment; filename="moderation-log-sora.csv"')
    const lines = res.body.trimEnd().split('\r\n')
    expect(lines[0]).toBe('"id","at","actor","action","target_type","target_id","reason","snapshot"')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(`"${mod.username}","hide","comment","${id}","'=HYPERLINK(""http://evil.example"")"`)
    expect(lines[1]).toContain('Ein \\""zitierter\\"" Text, mit Komma')
  })

  it('quotes every cell and prefixes = + - @ with an apostrophe', () => {
    expect(cell('plain')).toBe('"plain"')
    expect(cell('a"b')).toBe('"a""b"')
    for (const risky of ['=1+1', '+1', '-1', '@SUM(A1)']) expect(cell(risky)).toBe(`"'${risky}"`)
    expect(logToCsv([])).toBe('"id","at","actor","action","target_type","target_id","reason","snapshot"\r\n')
  })

  it('documents the moderation routes at /api/docs', async () => {
    const { app } = await setup()
    const doc = (await app.inject({ url: '/api/docs/json' })).json()
    for (const path of [
      '/api/comments/{id}/flags',
      '/api/comments/{id}/hide',
      '/api/comments/{id}/unhide',
      '/api/comments/{id}/pin',
      '/api/comments/{id}/unpin',
      '/api/comments/{id}/remove',
      '/api/debates/{debate}/settings',
      '/api/debates/{debate}/paragraphs/{anchor}/lock',
      '/api/debates/{debate}/moderators/{username}',
      '/api/debates/{debate}/mutes/{username}',
      '/api/debates/{debate}/members',
      '/api/debates/{debate}/watched-words',
      '/api/debates/{debate}/watched-words/{id}',
      '/api/debates/{debate}/moderation/queue',
      '/api/debates/{debate}/moderation/log',
      '/api/moderation/queue/{item}',
      '/api/admin/bans/{username}',
      '/api/admin/watched-words',
      '/api/admin/watched-words/{id}',
      '/api/admin/log',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path)
    }
    expect(Object.keys(doc.paths['/api/debates/{debate}/moderation/log'].get.responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
    ])
  })
})
