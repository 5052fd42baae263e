import { describe, expect, it } from 'vitest'
import { Api, ApiError, NetworkError } from '../../client/services/api.ts'
import type { Comment } from '../../client/services/types.ts'
import { pickLocale } from '../../client/services/locale.ts'
import { MgPostCommentEvent } from '../../client/events/post-comment.ts'
import { request } from '../../client/events/request.ts'
import { MgVoteEvent } from '../../client/events/vote.ts'
import { LiveReader } from '../../client/handlers/live.ts'
import { pageHandlers } from '../../client/handlers/page.ts'
import { choosePosition, debateLoaded, debateLoading } from '../../client/state/debate.ts'
import { applyLiveEvent } from '../../client/state/events.ts'
import { initialState, type AppState } from '../../client/state/store.ts'
import { threadLoaded, threadLoading } from '../../client/state/threads.ts'
import { answer, testContext } from './handlers.ts'
import { block, comment } from './helpers.ts'

function loaded(comments: Comment[] = []): AppState {
  let s = debateLoading(initialState(), 'sora')
  s = debateLoaded(
    s,
    { slug: 'sora', title: 'Sora', state: 'open', visibility: 'public', seq: 10 },
    { slug: 'sora', title: 'Sora', blocks: [block('p-1'), block('p-2')] },
  )
  return threadLoaded(threadLoading(s, 'p-1'), 'p-1', comments)
}

describe('live events', () => {
  it('adds a new comment once, however often the event arrives', () => {
    const c = comment({ id: 50, anchor: 'p-1', stance: 'contra' })
    const event = {
      type: 'comment.created' as const,
      debate: 'sora',
      seq: 11,
      anchor: 'p-1',
      comment: c,
      counts: { comments: 1, pro: 0, contra: 1, neutral: 0 },
    }
    let s = applyLiveEvent(loaded(), event)
    s = applyLiveEvent(s, event)
    s = applyLiveEvent(s, { ...event, seq: 12 })
    expect(s.threads['p-1']!.comments.map((x) => x.id)).toEqual([50])
    expect(s.debate!.essay!.blocks[0]!.counts).toEqual({ comments: 1, pro: 0, contra: 1, neutral: 0 })
    expect(s.debate!.seq).toBe(12)
  })

  it('merges edits and deletions by id, keeping the reader’s own vote flag', () => {
    const mine = comment({ id: 7, anchor: 'p-1', voted: true, body: 'before' })
    let s = applyLiveEvent(loaded([mine]), {
      type: 'comment.updated' as const,
      debate: 'sora',
      seq: 11,
      anchor: 'p-1',
      comment: { ...mine, voted: false, body: 'after', editedAt: new Date().toISOString() },
    })
    expect(s.threads['p-1']!.comments).toHaveLength(1)
    expect(s.threads['p-1']!.comments[0]).toMatchObject({ body: 'after', voted: true })
    s = applyLiveEvent(s, {
      type: 'comment.deleted',
      debate: 'sora',
      seq: 12,
      anchor: 'p-1',
      comment: { ...mine, body: null, deleted: true },
      counts: { comments: 0, pro: 0, contra: 0, neutral: 0 },
    })
    expect(s.threads['p-1']!.comments[0]).toMatchObject({ deleted: true, body: null })
  })

  it('applies votes and positions, and ignores other debates and old events', () => {
    let s = loaded([comment({ id: 8, anchor: 'p-1', votes: 1 })])
    s = applyLiveEvent(s, { type: 'comment.voted', debate: 'sora', seq: 11, anchor: 'p-1', commentId: 8, votes: 4 })
    s = applyLiveEvent(s, {
      type: 'position.changed',
      debate: 'sora',
      seq: 12,
      anchor: 'p-2',
      positions: { pro: 2, contra: 1, undecided: 0 },
    })
    expect(s.threads['p-1']!.comments[0]!.votes).toBe(4)
    expect(s.debate!.essay!.blocks[1]!.positions).toEqual({ pro: 2, contra: 1, undecided: 0 })
    const same = applyLiveEvent(s, { type: 'comment.voted', debate: 'other', seq: 13, anchor: 'p-1', commentId: 8, votes: 9 })
    expect(same).toBe(s)
    const stale = applyLiveEvent(s, { type: 'comment.voted', debate: 'sora', seq: 5, anchor: 'p-1', commentId: 8, votes: 9 })
    expect(stale).toBe(s)
  })

  it('reaches the store through the live reader', () => {
    const context = testContext(new Api({ clientId: 'tab', fetch: async () => new Response('{}') }), loaded())
    const store = context.store
    new LiveReader(context).message({
      type: 'comment.created',
      debate: 'sora',
      seq: 11,
      anchor: 'p-1',
      comment: comment({ id: 60, anchor: 'p-1' }),
    })
    expect(store.state.threads['p-1']!.comments.map((c) => c.id)).toEqual([60])
  })
})

describe('positions', () => {
  it('counts a changed position at once', () => {
    let s = loaded()
    s = choosePosition(s, 'p-1', 'pro')
    s = choosePosition(s, 'p-1', 'contra')
    expect(s.debate!.essay!.blocks[0]).toMatchObject({ myPosition: 'contra', positions: { pro: 0, contra: 1, undecided: 0 } })
  })
})

describe("the page's handlers", () => {
  function fakeApi(routes: Record<string, (init: RequestInit) => Response | Promise<Response>>) {
    const calls: { url: string; init: RequestInit }[] = []
    const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input)
      calls.push({ url, init })
      const key = `${init.method ?? 'GET'} ${url.split('?')[0]}`
      const handler = routes[key]
      if (!handler) throw new Error(`unexpected ${key}`)
      return handler(init)
    }
    return { api: new Api({ clientId: 'tab-1', fetch: fetch as typeof globalThis.fetch }), calls }
  }
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

  it('posts with the tab id and counts the new comment once', async () => {
    const created = comment({ id: 70, anchor: 'p-1', stance: 'contra' })
    const { api, calls } = fakeApi({ 'POST /api/debates/sora/paragraphs/p-1/comments': () => json(201, { comment: created }) })
    const context = testContext(api, loaded())
    const store = context.store
    const page = new EventTarget()
    answer(page, pageHandlers, context)
    const input = { body: 'x', stance: 'contra' as const, parentId: null, clientKey: 'k1' }
    await request(page, new MgPostCommentEvent('p-1', input))
    await request(page, new MgPostCommentEvent('p-1', input))
    expect(store.state.threads['p-1']!.comments.map((c) => c.id)).toEqual([70])
    expect(store.state.debate!.essay!.blocks[0]!.counts).toMatchObject({ comments: 1, contra: 1 })
    expect(new Headers(calls[0]!.init.headers).get('x-client-id')).toBe('tab-1')
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ body: 'x', stance: 'contra', clientKey: 'k1' })
    expect(store.state.highlight).toMatchObject({ kind: 'comment', id: 70 })
  })

  it("counts the reader's own argument once in a seminar's private phase, where its event comes without counts", async () => {
    const created = comment({ id: 71, anchor: 'p-1', stance: 'pro' })
    const { api } = fakeApi({ 'POST /api/debates/sora/paragraphs/p-1/comments': () => json(201, { comment: created }) })
    const context = testContext(api, loaded())
    const store = context.store
    const page = new EventTarget()
    answer(page, pageHandlers, context)
    // The socket is quicker than the answer to the post.
    store.update((s) =>
      applyLiveEvent(s, { type: 'comment.created', debate: 'sora', seq: 11, anchor: 'p-1', clientId: 'tab-1', comment: created }),
    )
    await request(page, new MgPostCommentEvent('p-1', { body: 'x', stance: 'pro', parentId: null, clientKey: 'k2' }))
    expect(store.state.debate!.essay!.blocks[0]!.counts).toMatchObject({ comments: 1, pro: 1 })
  })

  it('takes back an optimistic vote the server refuses, and says why', async () => {
    const { api } = fakeApi({
      'PUT /api/comments/9/vote': () => json(403, { statusCode: 403, error: 'Forbidden', message: 'This debate is locked' }),
    })
    const context = testContext(api, loaded([comment({ id: 9, anchor: 'p-1', votes: 2 })]))
    const store = context.store
    const page = new EventTarget()
    answer(page, pageHandlers, context)
    await request(page, new MgVoteEvent(9, 1))
    expect(store.state.threads['p-1']!.comments[0]).toMatchObject({ votes: 2, voted: false })
    expect(store.state.announcement?.text).toBe('This debate is locked')
  })

  it('turns error answers into typed errors', async () => {
    const { api } = fakeApi({
      'POST /api/debates/sora/paragraphs/p-1/comments': () =>
        json(429, { statusCode: 429, error: 'Too Many Requests', message: 'slow down' }, { 'retry-after': '30' }),
      'PUT /api/debates/sora/paragraphs/p-1/position': () => {
        throw new TypeError('Failed to fetch')
      },
    })
    const err = await api.post('sora', 'p-1', { body: 'x', stance: 'pro', parentId: null, clientKey: 'k' }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 429, message: 'slow down', retryAfter: 30 })
    await expect(api.position('sora', 'p-1', 'pro')).rejects.toBeInstanceOf(NetworkError)
    expect(new ApiError(400, 'body/stance must be equal to one of the allowed values').field).toBe('stance')
    expect(new ApiError(400, 'body must not be empty').field).toBe('body')
    expect(new ApiError(409, 'body must not be empty').field).toBeNull()
  })
})

describe('pickLocale', () => {
  it('prefers the remembered choice, then the browser’s languages, then English', () => {
    expect(pickLocale('en', ['de-DE'])).toBe('en')
    expect(pickLocale(null, ['de-AT', 'en'])).toBe('de')
    expect(pickLocale(null, ['fr-FR', 'de'])).toBe('de')
    expect(pickLocale('xx', ['fr'])).toBe('en')
  })
})
