import { describe, expect, it } from 'vitest'
import { statement } from '../../db/client.ts'
import { buildApp, cookieOf, paragraphs, signUp, write } from '../helper.ts'

type Counts = { debate_id: number; block_id: number; comments: number; pro: number; contra: number; neutral: number }

// What the counts must always equal: the comments that count, recounted from scratch.
const RECOUNT = statement<Record<string, never>, Counts>(
  'test_recount',
  `
  select debate_id, block_id, cast(count(*) as integer) as comments,
    cast(sum(case when parent_id is null and stance = 'pro' then 1 else 0 end) as integer) as pro,
    cast(sum(case when parent_id is null and stance = 'contra' then 1 else 0 end) as integer) as contra,
    cast(sum(case when parent_id is null and stance = 'neutral' then 1 else 0 end) as integer) as neutral
  from comments
  where status = 'published' and deleted_at is null and hidden_at is null and removed_at is null
  group by debate_id, block_id order by debate_id, block_id`,
)
const KEPT = statement<Record<string, never>, Counts>(
  'test_kept',
  `select debate_id, block_id, comments, pro, contra, neutral from paragraph_counts
  where comments > 0 order by debate_id, block_id`,
)

describe('paragraph counts', () => {
  it('stay equal to a recount through any sequence of posts, replies, deletions, hides and unhides', async () => {
    const app = await buildApp()
    await app.repos.users.create('counter-admin', 'admin password', { isAdmin: true })
    const login = await write(app, 'POST', '/api/auth/login', null, { username: 'counter-admin', password: 'admin password' })
    const admin = cookieOf(login)
    const readers = await Promise.all([signUp(app), signUp(app), signUp(app)])
    const anchors = (await paragraphs(app)).slice(0, 3)
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const posted: { id: number; author: string; anchor: string }[] = []
    const stances = ['pro', 'contra', 'neutral'] as const
    for (let step = 0; step < 150; step++) {
      const action = posted.length === 0 ? 0 : random(6)
      const target = posted[random(Math.max(posted.length, 1))]
      if (action <= 1) {
        const reader = readers[random(readers.length)]!
        const reply = action === 1 && target ? target : undefined
        const anchor = reply?.anchor ?? anchors[random(anchors.length)]!
        const res = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, reader.cookie, {
          body: `Schritt ${step}`,
          stance: stances[random(3)],
          ...(reply ? { parentId: reply.id } : {}),
        })
        if (res.statusCode === 201) posted.push({ id: res.json().comment.id, author: reader.cookie, anchor })
      } else if (action === 2 && target) {
        await write(app, 'DELETE', `/api/comments/${target.id}`, target.author)
      } else if (action === 3 && target) {
        await write(app, 'POST', `/api/comments/${target.id}/hide`, admin, { reason: 'Zu scharf' })
      } else if (action === 4 && target) {
        await write(app, 'POST', `/api/comments/${target.id}/unhide`, admin)
      } else if (target) {
        await write(app, 'POST', `/api/comments/${target.id}/remove`, admin, { reason: 'Rechtlich' })
      }
      expect(await app.db.rows(KEPT, {})).toEqual(await app.db.rows(RECOUNT, {}))
    }
    expect(posted.length).toBeGreaterThan(20)
  }, 60_000)
})
