/**
 * The authorisation matrix: every role against every action, in an open and in a locked
 * debate, over REST; and what each role receives of the live events moderation is about.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { describe, expect, it } from 'vitest'
import { audienceKey, commentIdOf, presentEvent } from '../../server/policy/visibility.ts'
import type { LiveEvent, StoredEvent } from '../../server/schemas/live.ts'
import { write } from '../helper.ts'
import { person, setup, type Person } from './support.ts'

const ROLES = ['anonymous', 'participant', 'author', 'muted', 'moderator', 'owner', 'admin'] as const
type Role = (typeof ROLES)[number]
type Outcome = 'allow' | 401 | 403

interface World {
  app: FastifyInstance
  anchor: string
  people: Record<Exclude<Role, 'anonymous'>, Person>
  /** A fresh comment by the author. */
  comment(): Promise<number>
}

type Act = (w: World, who: Person | null) => Promise<LightMyRequestResponse>

const cookie = (who: Person | null) => who?.cookie ?? null

const ACTIONS: Record<string, Act> = {
  read: (w, who) => w.app.inject({ url: `/api/debates/sora/paragraphs/${w.anchor}/comments`, headers: who ? { cookie: who.cookie } : {} }),
  post: (w, who) => write(w.app, 'POST', `/api/debates/sora/paragraphs/${w.anchor}/comments`, cookie(who), { body: 'Neu', stance: 'pro' }),
  edit: async (w, who) => write(w.app, 'PATCH', `/api/comments/${await w.comment()}`, cookie(who), { body: 'Geändert' }),
  delete: async (w, who) => write(w.app, 'DELETE', `/api/comments/${await w.comment()}`, cookie(who)),
  vote: async (w, who) => write(w.app, 'PUT', `/api/comments/${await w.comment()}/vote`, cookie(who), { value: 1 }),
  position: (w, who) => write(w.app, 'PUT', `/api/debates/sora/paragraphs/${w.anchor}/position`, cookie(who), { stance: 'contra' }),
  flag: async (w, who) => write(w.app, 'POST', `/api/comments/${await w.comment()}/flags`, cookie(who), { reason: 'spam' }),
  hide: async (w, who) => write(w.app, 'POST', `/api/comments/${await w.comment()}/hide`, cookie(who), { reason: 'Grund' }),
  unhide: async (w, who) => {
    const id = await w.comment()
    const debate = (await w.app.repos.debates.bySlug('sora'))!
    await w.app.repos.moderation.hide(debate, (await w.app.repos.comments.byId(id))!, w.people.moderator.id, 'vorher verborgen')
    return write(w.app, 'POST', `/api/comments/${id}/unhide`, cookie(who))
  },
  pin: async (w, who) => write(w.app, 'POST', `/api/comments/${await w.comment()}/pin`, cookie(who)),
  lock: (w, who) => write(w.app, 'PUT', `/api/debates/sora/paragraphs/${w.anchor}/lock`, cookie(who), { locked: true }),
  mute: async (w, who) => write(w.app, 'PUT', `/api/debates/sora/mutes/${(await person(w.app)).username}`, cookie(who), {}),
  ban: async (w, who) => write(w.app, 'PUT', `/api/admin/bans/${(await person(w.app)).username}`, cookie(who)),
  settings: (w, who) => write(w.app, 'PATCH', '/api/debates/sora/settings', cookie(who), { flagThreshold: 4 }),
}

const A = 'allow' as const
//                     anonymous participant author muted moderator owner admin
const OPEN: Record<string, Outcome[]> = {
  read: /*       */ [A, A, A, A, A, A, A],
  post: /*       */ [401, A, A, 403, A, A, A],
  edit: /*       */ [401, 403, A, 403, 403, 403, 403],
  delete: /*     */ [401, 403, A, 403, A, A, A],
  vote: /*       */ [401, A, 403, 403, A, A, A],
  position: /*   */ [401, A, A, 403, A, A, A],
  flag: /*       */ [401, A, 403, 403, A, A, A],
  hide: /*       */ [401, 403, 403, 403, A, A, A],
  unhide: /*     */ [401, 403, 403, 403, A, A, A],
  pin: /*        */ [401, 403, 403, 403, A, A, A],
  lock: /*       */ [401, 403, 403, 403, A, A, A],
  mute: /*       */ [401, 403, 403, 403, A, A, A],
  ban: /*        */ [401, 403, 403, 403, 403, 403, A],
  settings: /*   */ [401, 403, 403, 403, A, A, A],
}
// A locked debate is read-only for participants; moderators are exempt. Flagging stays
// possible: a locked thread may still hold something a moderator must see.
const LOCKED: Record<string, Outcome[]> = {
  ...OPEN,
  post: /*       */ [401, 403, 403, 403, A, A, A],
  edit: /*       */ [401, 403, 403, 403, 403, 403, 403],
  delete: /*     */ [401, 403, 403, 403, A, A, A],
  vote: /*       */ [401, 403, 403, 403, A, A, A],
  position: /*   */ [401, 403, 403, 403, A, A, A],
}

async function world(locked: boolean): Promise<World> {
  const { app, anchor } = await setup()
  const debate = (await app.repos.debates.bySlug('sora'))!
  const block = (await app.repos.debates.paragraph(debate, anchor))!
  const people = {
    participant: await person(app),
    author: await person(app),
    muted: await person(app),
    moderator: await person(app, { role: 'moderator' }),
    owner: await person(app, { role: 'owner' }),
    admin: await person(app, { admin: true }),
  }
  await app.repos.members.setMute(debate, (await app.repos.users.byId(people.muted.id))!, people.moderator.id, { until: null })
  let n = 0
  const comment = async () =>
    (await app.repos.comments.create(debate, block, people.author.id, { body: `Argument ${++n}`, stance: 'pro' })).value.comment.id
  if (locked) await app.repos.moderation.updateSettings(debate, people.admin.id, { locked: true })
  return { app, anchor, people, comment }
}

function outcome(res: LightMyRequestResponse): Outcome | number {
  if (res.statusCode >= 200 && res.statusCode < 300) return 'allow'
  return res.statusCode
}

describe.each([
  ['open', false, OPEN],
  ['locked', true, LOCKED],
] as const)('REST in an %s debate', (_state, locked, table) => {
  it.each(Object.keys(ACTIONS))('%s', async (action) => {
    const w = await world(locked)
    const actual: Record<string, Outcome | number> = {}
    const expected: Record<string, Outcome> = {}
    for (const [i, role] of ROLES.entries()) {
      const who = role === 'anonymous' ? null : w.people[role]
      const res = await ACTIONS[action]!(w, who)
      actual[role] = outcome(res)
      expected[role] = table[action]![i]!
      if (res.statusCode === 403) expect(res.json().message, `${role} ${action}`).toMatch(/\w/)
    }
    expect(actual).toEqual(expected)
  })

  it('tells a refused participant why', async () => {
    const w = await world(locked)
    const muted = await ACTIONS.post!(w, w.people.muted)
    expect(muted.json().message).toMatch(/You are muted in this debate indefinitely/)
    const participant = await ACTIONS.post!(w, w.people.participant)
    if (locked) expect(participant.json().message).toMatch(/This debate is locked/)
    else expect(participant.statusCode).toBe(201)
  })
})

/** The comment a presented event carries, if any. */
function commentOf(event: LiveEvent | null) {
  return event && 'comment' in event ? event.comment : undefined
}

describe('live events each role receives', () => {
  async function liveWorld() {
    const w = await world(false)
    const debate = (await w.app.repos.debates.bySlug('sora'))!
    const viewers = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [
          role,
          await w.app.guardian.viewerOf(debate, role === 'anonymous' ? null : (await w.app.repos.users.byId(w.people[role].id))!),
        ]),
      ),
    ) as Record<Role, Awaited<ReturnType<typeof w.app.guardian.viewerOf>>>
    const log = () => w.app.repos.events.since(debate, 0)
    const current = async (event: StoredEvent) => {
      const id = commentIdOf(event)
      return id === undefined ? undefined : (await w.app.repos.comments.states([id])).get(id)
    }
    return { ...w, debate, viewers, log, current }
  }

  it('a hidden comment reaches participants without body, the author and moderators with it, even replayed', async () => {
    const w = await liveWorld()
    const id = await w.comment()
    const created = (await w.log()).find((e) => e.type === 'comment.created')!
    const { events } = await w.app.repos.moderation.hide(w.debate, (await w.app.repos.comments.byId(id))!, w.people.moderator.id, 'Grund')
    const hidden = events.find((e) => e.type === 'comment.hidden')!
    const sees = async (event: StoredEvent) => {
      const state = await w.current(event)
      return Object.fromEntries(
        ROLES.map((role) => {
          const shown = presentEvent(event, w.viewers[role], state)
          const c = commentOf(shown)
          return [role, c ? { body: c.body, hidden: c.hidden, reason: c.hiddenReason } : null]
        }),
      )
    }
    const insider = { body: 'Argument 1', hidden: true, reason: 'Grund' }
    const outsider = { body: null, hidden: true, reason: null }
    const expected = {
      anonymous: outsider,
      participant: outsider,
      author: insider,
      muted: outsider,
      moderator: insider,
      owner: insider,
      admin: insider,
    }
    expect(await sees(hidden)).toEqual(expected)
    // The replay of the comment's creation, from before it was hidden, shows it as it is now.
    expect(await sees(created)).toEqual(expected)
    const now = await w.current(created)
    expect(new Set(ROLES.map((r) => audienceKey(created, w.viewers[r], now)))).toEqual(
      new Set(['all', `author:${w.people.author.id}`, 'mod']),
    )
  })

  it('the queue size goes to moderators, owners and admins only', async () => {
    const w = await liveWorld()
    const id = await w.comment()
    const { events } = await w.app.repos.moderation.flag(
      w.debate,
      (await w.app.repos.comments.byId(id))!,
      w.people.participant.id,
      'spam',
      null,
    )
    const queue = events.find((e) => e.type === 'moderation.queue')!
    expect(queue.size).toBe(1)
    const receives = Object.fromEntries(ROLES.map((role) => [role, presentEvent(queue, w.viewers[role]) !== null]))
    expect(receives).toEqual({
      anonymous: false,
      participant: false,
      author: false,
      muted: false,
      moderator: true,
      owner: true,
      admin: true,
    })
  })

  it('news of a mute goes to the moderators and the muted member only', async () => {
    const w = await liveWorld()
    const muted = (await w.app.repos.users.byId(w.people.muted.id))!
    const until = Date.now() + 60_000
    const { events } = await w.app.repos.members.setMute(w.debate, muted, w.people.moderator.id, { until })
    expect(events).toEqual([
      expect.objectContaining({
        type: 'member.updated',
        user: { id: muted.id, username: muted.username },
        muted: true,
        mutedUntil: new Date(until).toISOString(),
      }),
    ])
    const receives = Object.fromEntries(ROLES.map((role) => [role, presentEvent(events[0]!, w.viewers[role]) !== null]))
    expect(receives).toEqual({
      anonymous: false,
      participant: false,
      author: false,
      muted: true,
      moderator: true,
      owner: true,
      admin: true,
    })
    expect(audienceKey(events[0]!, w.viewers.muted)).toBe(`member:${muted.id}`)
    expect(audienceKey(events[0]!, w.viewers.participant)).toBe('all')
  })

  it('a comment awaiting approval exists only for its author and the moderators', async () => {
    const w = await liveWorld()
    const debate = w.debate
    const block = (await w.app.repos.debates.paragraph(debate, w.anchor))!
    const { events } = await w.app.repos.comments.create(
      debate,
      block,
      w.people.author.id,
      { body: 'Wartet', stance: 'pro' },
      { hold: 'pre-moderation' },
    )
    const created = events.find((e) => e.type === 'comment.created')!
    const state = await w.current(created)
    const receives = Object.fromEntries(ROLES.map((role) => [role, commentOf(presentEvent(created, w.viewers[role], state))?.body ?? null]))
    expect(receives).toEqual({
      anonymous: null,
      participant: null,
      author: 'Wartet',
      muted: null,
      moderator: 'Wartet',
      owner: 'Wartet',
      admin: 'Wartet',
    })
    // Pinning or voting events about it do not reach those who cannot see it either.
    const voted: StoredEvent = {
      type: 'comment.voted',
      debate: 'sora',
      seq: 99,
      anchor: w.anchor,
      commentId: commentIdOf(created)!,
      votes: 1,
    }
    expect(presentEvent(voted, w.viewers.participant, await w.current(voted))).toBeNull()
    expect(presentEvent(voted, w.viewers.moderator, await w.current(voted))).not.toBeNull()
    // Everything else passes to every reader.
    const settings: StoredEvent = { type: 'debate.settings', debate: 'sora', seq: 100, settings: w.app.repos.debates.settingsOf(debate) }
    for (const role of ROLES) expect(presentEvent(settings, w.viewers[role])).toBe(settings)
  })
})
