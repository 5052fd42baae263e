/**
 * What each reader sees of a comment: the presentation rules one by one, then a long seeded
 * sequence of posts, edits, hides, unhides, deletions, holds and returns after each step of
 * which no participant's REST view, live event or replay holds the body of a comment that is
 * hidden, waiting, returned or deleted.
 */
import { describe, expect, it } from 'vitest'
import { statement } from '../../db/client.ts'
import { commentIdOf, present, presentEvent, presentThread, type ViewerClass } from '../../server/policy/visibility.ts'
import type { Comment } from '../../server/schemas/comments.ts'
import type { StoredEvent } from '../../server/schemas/live.ts'
import { write } from '../helper.ts'
import { person, setup, type Person } from './support.ts'

const full = (over: Partial<Comment> = {}): Comment => ({
  id: 1,
  parentId: null,
  anchor: 'p-1',
  author: { id: 10, username: 'autorin' },
  body: 'Der Text',
  stance: 'pro',
  votes: 0,
  voted: false,
  depth: 0,
  createdAt: new Date(0).toISOString(),
  editedAt: null,
  deleted: false,
  outdated: false,
  outdatedText: null,
  hidden: false,
  hiddenReason: null,
  pinned: false,
  status: 'published',
  statusReason: null,
  removed: false,
  ...over,
})

const reader: ViewerClass = { userId: 20, moderator: false }
const anonymous: ViewerClass = { userId: null, moderator: false }
const author: ViewerClass = { userId: 10, moderator: false }
const moderator: ViewerClass = { userId: 30, moderator: true }

describe('presenting a comment', () => {
  it('shows a hidden comment to readers as a placeholder, to its author and moderators in full', () => {
    const hidden = full({ hidden: true, hiddenReason: 'Beleidigend' })
    for (const v of [reader, anonymous]) expect(present(hidden, v)).toMatchObject({ hidden: true, body: null, hiddenReason: null })
    for (const v of [author, moderator]) expect(present(hidden, v)).toEqual(hidden)
  })

  it('lets a comment that is not published exist only for its author and moderators', () => {
    for (const status of ['pending', 'returned'] as const) {
      const c = full({ status, statusReason: 'pre-moderation' })
      expect(present(c, reader)).toBeNull()
      expect(present(c, anonymous)).toBeNull()
      expect(present(c, author)).toMatchObject({ status, statusReason: 'pre-moderation', body: 'Der Text' })
      expect(present(c, moderator)).toMatchObject({ status, body: 'Der Text' })
    }
  })

  it('shows a removed comment as a tombstone to everyone', () => {
    const removed = full({ removed: true, body: null })
    for (const v of [reader, author, moderator]) expect(present(removed, v)).toMatchObject({ removed: true, body: null })
  })

  it('leaves out replies under a comment the reader cannot see', () => {
    const thread = [full({ id: 1, status: 'pending' }), full({ id: 2, parentId: 1, depth: 1 }), full({ id: 3 })]
    expect(presentThread(thread, reader).map((c) => c.id)).toEqual([3])
    expect(presentThread(thread, moderator).map((c) => c.id)).toEqual([1, 2, 3])
  })

  it('presents an old event with the comment’s current state', () => {
    const created: StoredEvent = {
      type: 'comment.created',
      debate: 'sora',
      seq: 1,
      anchor: 'p-1',
      comment: full(),
      counts: { comments: 1, pro: 1, contra: 0, neutral: 0 },
    }
    const now = { authorId: 10, hidden: true, hiddenReason: 'Spam', status: 'published' as const, removed: false }
    expect(presentEvent(created, reader, now)).toMatchObject({ comment: { hidden: true, body: null } })
    expect(presentEvent(created, author, now)).toMatchObject({ comment: { hidden: true, body: 'Der Text', hiddenReason: 'Spam' } })
    expect(presentEvent(created, reader, { ...now, hidden: false, status: 'returned' })).toBeNull()
    expect(presentEvent(created, reader, { ...now, hidden: false, deleted: true })).toMatchObject({ comment: { body: null } })
  })

  it("keeps a reattached comment's tallies, of both paragraphs, from participants in the private phase", () => {
    const counts = { comments: 1, pro: 1, contra: 0, neutral: 0 }
    const moved: StoredEvent = {
      type: 'comment.updated',
      debate: 'seminar',
      seq: 2,
      anchor: 'p-2',
      comment: full({ anchor: 'p-2' }),
      counts,
      from: { anchor: 'p-1', counts: { ...counts, comments: 0, pro: 0 } },
    }
    const participant = presentEvent(moved, { ...author, hideOthers: true })
    expect(participant).toMatchObject({ comment: { id: 1, anchor: 'p-2' } })
    expect(participant).not.toHaveProperty('counts')
    expect(participant).not.toHaveProperty('from')
    expect(presentEvent(moved, { userId: 30, moderator: true })).toMatchObject({ counts, from: { anchor: 'p-1' } })
  })
})

/** A small fast PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[int(xs.length)])
  return { next, int, pick }
}

describe('hidden content never leaks', () => {
  it.each([20260611, 7])('through REST, live events or replays, over 200 random steps (seed %i)', async (seed) => {
    const { app, anchors, thread } = await setup()
    const rnd = prng(seed)
    const debate = async () => (await app.repos.debates.bySlug('sora'))!
    const paragraphsUsed = [anchors[1]!, anchors[4]!]
    const authors: Person[] = []
    for (let i = 0; i < 8; i++) authors.push(await person(app))
    const mod = await person(app, { role: 'moderator' })
    const observer = await person(app)
    const observerClass = await app.guardian.viewerOf(await debate(), (await app.repos.users.byId(observer.id))!)
    const anonymousClass = await app.guardian.viewerOf(await debate(), null)
    let serial = 0
    const secretWord = () => `geheim${seed}x${++serial}x${rnd.int(1e9)}`

    type Row = { id: number; author_id: number; body: string; status: string; hidden_at: number | null; deleted_at: number | null }
    const allComments = statement<Record<string, never>, Row>(
      'test_comments',
      'select id, author_id, body, status, hidden_at, deleted_at from comments',
    )
    const openItems = statement<Record<string, never>, { id: number }>(
      'test_open_items',
      'select id from moderation_queue where resolved_at is null',
    )
    const versionsOf = statement<{ id: number }, { body: string }>(
      'test_versions',
      'select body from comment_versions where comment_id = @id',
    )
    const rows = () => app.db.rows(allComments, {})
    const queueItems = () => app.db.rows(openItems, {})
    /** Every wording, past or present, of every comment that is hidden, not published or deleted. */
    const secrets = async () => {
      const out = new Set<string>()
      for (const r of await rows()) {
        if (r.hidden_at === null && r.status === 'published' && r.deleted_at === null) continue
        out.add(r.body)
        for (const v of await app.db.rows(versionsOf, { id: r.id })) out.add(v.body)
      }
      out.delete('')
      return out
    }
    const leaks = (text: string, secret: Set<string>) => [...secret].filter((s) => text.includes(s))

    const steps: Record<string, () => Promise<unknown>> = {
      post: async () => {
        const who = rnd.pick(authors)!
        const anchor = rnd.pick(paragraphsUsed)!
        const parents = (await rows()).filter((r) => r.status === 'published' && r.deleted_at === null)
        const parent = rnd.next() < 0.3 ? rnd.pick(parents) : undefined
        const parentAnchor = parent && (await app.repos.comments.view(parent.id, null)).anchor
        return write(app, 'POST', thread(parentAnchor ?? anchor), who.cookie, {
          body: `Argument ${secretWord()}`,
          stance: rnd.pick(['pro', 'contra', 'neutral'] as const),
          ...(parent ? { parentId: parent.id } : {}),
        })
      },
      edit: async () => {
        const r = rnd.pick((await rows()).filter((x) => x.deleted_at === null))
        const who = r && authors.find((a) => a.id === r.author_id)
        return r && who && write(app, 'PATCH', `/api/comments/${r.id}`, who.cookie, { body: `Neu ${secretWord()}` })
      },
      hide: async () => {
        const r = rnd.pick((await rows()).filter((x) => x.deleted_at === null && x.hidden_at === null))
        return r && write(app, 'POST', `/api/comments/${r.id}/hide`, mod.cookie, { reason: `Grund ${serial}` })
      },
      unhide: async () => {
        const r = rnd.pick((await rows()).filter((x) => x.hidden_at !== null))
        return r && write(app, 'POST', `/api/comments/${r.id}/unhide`, mod.cookie)
      },
      delete: async () => {
        const r = rnd.pick((await rows()).filter((x) => x.deleted_at === null))
        const who = rnd.next() < 0.5 ? mod : authors.find((a) => a.id === r?.author_id)
        return r && who && write(app, 'DELETE', `/api/comments/${r.id}`, who.cookie)
      },
      flag: async () => {
        const r = rnd.pick((await rows()).filter((x) => x.deleted_at === null && x.status === 'published'))
        const who = rnd.pick([observer, ...authors].filter((a) => a.id !== r?.author_id))
        return r && who && write(app, 'POST', `/api/comments/${r.id}/flags`, who.cookie, { reason: 'spam' })
      },
      premoderation: async () =>
        write(app, 'PATCH', '/api/debates/sora/settings', mod.cookie, { preModeration: !(await debate()).preModeration }),
      review: async () => {
        const item = rnd.pick(await queueItems())
        const action = rnd.pick(['keep', 'hide', 'return', 'delete'] as const)!
        return item && write(app, 'POST', `/api/moderation/queue/${item.id}`, mod.cookie, { action, reason: `Prüfung ${serial}` })
      },
    }
    const weights: [string, number][] = [
      ['post', 30],
      ['edit', 12],
      ['hide', 14],
      ['unhide', 10],
      ['delete', 6],
      ['flag', 12],
      ['premoderation', 4],
      ['review', 12],
    ]
    const total = weights.reduce((s, [, w]) => s + w, 0)
    const choose = () => {
      let x = rnd.int(total)
      for (const [name, w] of weights) if ((x -= w) < 0) return name
      return 'post'
    }

    const done: Record<string, number> = {}
    for (let step = 0; step < 200; step++) {
      const name = choose()
      const res = (await steps[name]!()) as { statusCode: number; body: string } | undefined
      if (res) {
        expect(res.statusCode, `step ${step} ${name}: ${res.body}`).toBeLessThan(500)
        if (res.statusCode < 300) done[name] = (done[name] ?? 0) + 1
      }
      const secret = await secrets()
      for (const anchor of paragraphsUsed) {
        for (const who of [observer, null]) {
          const rest = await app.inject({ url: thread(anchor), headers: who ? { cookie: who.cookie } : {} })
          expect(leaks(rest.body, secret), `step ${step} ${name}: REST thread`).toEqual([])
          for (const c of rest.json().comments as Comment[]) {
            expect(c.status, `step ${step}: only published comments reach readers`).toBe('published')
            if (c.hidden) expect(c.body).toBeNull()
          }
        }
      }
      // The events this step published are delivered live with the state as it is now, and a
      // resume from any seq replays a suffix of the log with the state as it is now: presenting
      // the whole log covers both.
      const log = await app.repos.events.since(await debate(), 0)
      const states = await app.repos.comments.states((await rows()).map((r) => r.id))
      for (const viewer of [observerClass, anonymousClass]) {
        for (const event of log) {
          const id = commentIdOf(event)
          const shown = presentEvent(event, viewer, id === undefined ? undefined : states.get(id))
          expect(leaks(JSON.stringify(shown), secret), `step ${step} ${name}: event ${event.seq} ${event.type}`).toEqual([])
        }
      }
      const target = rnd.pick((await rows()).filter((r) => secret.has(r.body)))
      if (target) {
        for (const path of [`/api/comments/${target.id}`, `/api/comments/${target.id}/versions`]) {
          const one = await app.inject({ url: path, headers: { cookie: observer.cookie } })
          expect(leaks(one.body, secret), `step ${step}: ${path}`).toEqual([])
        }
      }
    }
    // The sequence exercised every kind of step, so the absence of leaks means something.
    for (const name of ['post', 'edit', 'hide', 'unhide', 'delete', 'flag', 'premoderation', 'review']) {
      expect(done[name] ?? 0, `${name} steps that succeeded`).toBeGreaterThan(0)
    }
    expect((await rows()).some((r) => r.hidden_at !== null)).toBe(true)
  })
})
