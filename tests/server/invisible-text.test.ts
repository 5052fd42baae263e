/**
 * Text that shows nothing says nothing: a comment, an edit, a reason or a seminar's title made
 * only of whitespace and invisible characters (zero-width spaces and joiners, the word joiner,
 * the byte order mark, other format characters, blank fillers) is refused like an empty one.
 */
import { describe, expect, it } from 'vitest'
import { setup, person } from '../moderation/support.ts'
import { openPoll, seminar, vote } from '../seminars/support.ts'
import { write } from '../helper.ts'

const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', ' \u200b\u200d \ufeff\t', '\u00ad', '\u202e', '\u3164', '\u2800']

describe('invisible text', () => {
  it.each(INVISIBLE.map((text) => [JSON.stringify(text), text]))('refuses a comment of %s with 400 and stores nothing', async (_, text) => {
    const { app, thread, read } = await setup()
    const author = await person(app)
    const res = await write(app, 'POST', thread(), author.cookie, { body: text, stance: 'pro' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/^body\/body must not be empty/) })
    expect(await read(author)).toEqual([])
  })

  it('refuses an edit to nothing visible, keeping the comment as it was', async () => {
    const { app, post, read } = await setup()
    const author = await person(app)
    const comment = await post(author, 'Sichtbar')
    const res = await write(app, 'PATCH', `/api/comments/${comment.id}`, author.cookie, { body: '\u200b\u2060' })
    expect(res.statusCode).toBe(400)
    expect((await read(author))[0]!.body).toBe('Sichtbar')
  })

  it("refuses a moderator's reason and a flag's note of nothing visible", async () => {
    const { app, post } = await setup()
    const comment = await post(await person(app), 'Ein Satz')
    const moderator = await person(app, { role: 'moderator' })
    const hidden = await write(app, 'POST', `/api/comments/${comment.id}/hide`, moderator.cookie, { reason: '\u200b\u200d' })
    expect(hidden.statusCode).toBe(400)
    expect(hidden.json().message).toMatch(/^body\/reason /)
    const flagged = await write(app, 'POST', `/api/comments/${comment.id}/flags`, (await person(app)).cookie, {
      reason: 'other',
      note: '\ufeff\u200b',
    })
    expect(flagged.statusCode).toBe(400)
    expect(flagged.json().message).toMatch(/note is required/)
  })

  it("refuses a poll vote's reason and a seminar's title of nothing visible", async () => {
    const s = await seminar()
    const [a] = s.participants
    const before = await openPoll(s.app, s.slug, s.leader)
    await vote(s.app, before.id, a!, 'pro')
    expect((await write(s.app, 'POST', `/api/polls/${before.id}/close`, s.leader.cookie)).statusCode).toBe(200)
    const after = await openPoll(s.app, s.slug, s.leader, { before: before.id })
    const res = await write(s.app, 'PUT', `/api/polls/${after.id}/vote`, a!.cookie, { stance: 'contra', reason: '\u200b \u2060' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/^body\/reason must not be empty/)
    expect((await vote(s.app, after.id, a!, 'contra', 'Überzeugt')).mine).toBe('contra')

    const title = await write(s.app, 'POST', '/api/seminars', s.leader.cookie, { essay: 'sora-spektakel', title: '\u200b\u200c' })
    expect(title.statusCode).toBe(400)
  })
})
