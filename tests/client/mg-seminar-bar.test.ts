import { html } from 'lit'
import { describe, expect, it, vi } from 'vitest'
import '../../client/views/seminar/seminar-views.ts'
import '../../client/components/mg-essay/mg-essay.ts'
import type { MgSeminarBar } from '../../client/views/seminar/mg-seminar-bar/mg-seminar-bar.ts'
import type { MgEssay } from '../../client/components/mg-essay/mg-essay.ts'
import type { Block, Poll, QueueEntry, Room, User } from '../../client/services/types.ts'
import { debateLoaded, debateLoading, type DebateState } from '../../client/state/debate.ts'
import { roomLoaded } from '../../client/state/seminar.ts'
import { initialState, type AppState } from '../../client/state/store.ts'
import { block, deepQuery, deepQueryAll, flush, settle, textOf } from './helpers.ts'
import { answerCalls, fakeServer, renderInto, testHost } from './seminar-helpers.ts'

/** Elements matching `selector` inside the `part` element(s) under `root`, through shadow roots. */
function within<T extends Element = Element>(root: Element, part: string, selector: string): T[] {
  return deepQueryAll(root, part).flatMap((p) => deepQueryAll<T>(p, selector))
}

const blocks = [block('p-1'), block('p-2'), block('p-3')]
const me: User = { id: 7, username: 'Mia', isAdmin: false, guest: true }

const entry = (id: number, userId: number, name: string, overrides: Partial<QueueEntry> = {}): QueueEntry => ({
  id,
  user: { id: userId, name },
  anchor: 'p-2',
  kind: 'argument',
  raisedAt: '2026-01-01T10:00:00.000Z',
  ...overrides,
})
const openPoll: Poll = {
  id: 9,
  anchor: 'p-2',
  before: null,
  status: 'open',
  votes: 4,
  openedAt: '2026-01-01T10:00:00.000Z',
  closedAt: null,
  mine: null,
}

const room = (overrides: Partial<Room> = {}): Room => ({
  phase: 'open',
  anonymous: true,
  spotlight: 'p-2',
  poll: openPoll,
  queue: [entry(3, 8, 'Amber Fox', { kind: 'order' }), entry(4, 9, 'Quiet Owl', { kind: 'question', anchor: 'p-3' })],
  speaker: entry(2, 10, 'Brave Lynx'),
  timer: { startedAt: '2026-01-01T10:00:00.000Z', endsAt: '2026-01-01T10:01:30.000Z', seconds: 90 },
  members: 23,
  seq: 10,
  groups: { state: null, groups: [], mine: null, ungrouped: [] },
  now: '2026-01-01T10:00:00.000Z',
  ...overrides,
})

function state(r: Room): AppState {
  let s: AppState = { ...initialState(), user: me }
  s = debateLoading(s, 'class-1')
  s = debateLoaded(
    s,
    {
      slug: 'class-1',
      title: 'Class',
      state: 'open',
      visibility: 'private',
      seq: 10,
      seminar: { phase: r.phase, anonymous: r.anonymous, spotlight: r.spotlight },
    },
    { slug: 'sora', title: 'Sora', blocks },
  )
  return roomLoaded(s, r, Date.parse(r.now))
}

async function bar(r: Room, route: Parameters<typeof fakeServer>[0] = () => undefined) {
  const server = fakeServer(route)
  const host = testHost()
  const page = answerCalls(host, state(r), server.api)
  const el = renderInto<MgSeminarBar>(
    host,
    html`<mg-seminar-bar .room=${r} .blocks=${blocks} .user=${me} .follow=${true} .skewMs=${0}></mg-seminar-bar>`,
  )
  await settle(host)
  return { el, host, ...server, ...page }
}

describe('the seminar bar', () => {
  it('says the phase and the anonymity mode plainly', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-01T10:00:30.000Z'), toFake: ['Date'] })
    try {
      const { el } = await bar(room({ phase: 'private' }))
      const text = textOf(el)
      expect(text).toMatch(/private phase: only you and the leaders see your arguments/i)
      expect(text).toMatch(/anonymous seminar: participants see each other under pseudonyms/i)
      expect(text).toContain('23 participants')
    } finally {
      vi.useRealTimers()
    }
  })

  it("shows the seminar's title", async () => {
    const { el, host } = await bar(room())
    el.seminarTitle = 'Klasse 9a, Dienstag'
    await settle(host)
    expect(deepQuery(el, '.title')?.textContent).toBe('Klasse 9a, Dienstag')
  })

  it('shows the poll with the count so far and sends the vote', async () => {
    const { el, host, requests, store } = await bar(room(), (method, path, body) =>
      method === 'PUT' && path === '/api/polls/9/vote'
        ? { status: 200, body: { poll: { ...openPoll, votes: 5, mine: (body as { stance: string }).stance } } }
        : undefined,
    )
    expect(textOf(el)).toContain('4 votes so far')
    const contra = within<HTMLButtonElement>(el, 'mg-poll-card', 'button').find((b) => /contra/i.test(b.textContent ?? ''))!
    contra.click()
    await flush(host)
    expect(requests.at(-1)).toEqual({ method: 'PUT', path: '/api/polls/9/vote', body: { stance: 'contra' } })
    expect(store.state.seminar.room?.poll).toMatchObject({ votes: 5, mine: 'contra' })
  })

  it('marks the own vote and asks why in an "after" round when the participant moved', async () => {
    const after: Poll = { ...openPoll, id: 10, before: 9, mine: 'contra' }
    // jsdom has no scrollIntoView: record what asks for it.
    const proto = Element.prototype as { scrollIntoView?: unknown }
    const before = proto.scrollIntoView
    const scrolled: string[] = []
    proto.scrollIntoView = function (this: Element) {
      scrolled.push(this.className)
    }
    const { el, host, requests } = await bar(room({ poll: after }), (method, path) =>
      method === 'PUT' && path === '/api/polls/10/vote' ? { status: 200, body: { poll: after } } : undefined,
    )
    el.previous = { ...openPoll, status: 'closed', mine: 'pro' }
    await settle(host)
    proto.scrollIntoView = before
    // Asked for after the vote, the field is brought into view, even at the end of a small bar.
    expect(scrolled).toEqual(['reason'])
    const pressed = within<HTMLButtonElement>(el, 'mg-poll-card', 'button[aria-pressed=true]')
    expect(pressed.map((b) => b.textContent?.trim())).toEqual([expect.stringMatching(/contra/i)])
    const reason = within<HTMLInputElement>(el, 'mg-poll-card', 'input[name=reason]')[0]!
    reason.value = 'The third paragraph convinced me'
    reason.dispatchEvent(new Event('input'))
    await settle(host)
    within<HTMLFormElement>(el, 'mg-poll-card', 'form')[0]!.requestSubmit()
    await flush(host)
    expect(requests.at(-1)).toEqual({
      method: 'PUT',
      path: '/api/polls/10/vote',
      body: { stance: 'contra', reason: 'The third paragraph convinced me' },
    })
  })

  it('asks once for the round before an open "after" round it does not know, as after a reload', async () => {
    const after: Poll = { ...openPoll, id: 10, before: 9 }
    const { el, host, requests, store } = await bar(room({ poll: after }), (method, path) =>
      method === 'GET' && path === '/api/polls/9'
        ? { status: 200, body: { poll: { ...openPoll, status: 'closed', mine: 'pro' } } }
        : undefined,
    )
    await flush(host)
    expect(store.state.seminar.previous).toMatchObject({ id: 9, mine: 'pro' })
    el.previous = store.state.seminar.previous
    el.room = room({ poll: { ...after, votes: 5 } })
    await settle(host)
    expect(requests.filter((r) => r.path === '/api/polls/9')).toHaveLength(1)
  })

  it("shows a closed poll's result with the shift and the reasons", async () => {
    const shift = {
      pro: { pro: 3, contra: 2, undecided: 0 },
      contra: { pro: 0, contra: 4, undecided: 0 },
      undecided: { pro: 1, contra: 0, undecided: 1 },
    }
    const closed: Poll = {
      ...openPoll,
      id: 10,
      before: 9,
      status: 'closed',
      closedAt: '2026-01-01T10:05:00.000Z',
      results: { pro: 4, contra: 6, undecided: 1 },
      shift,
      reasons: [{ from: 'pro', to: 'contra', reason: 'Paragraph 3' }],
      mine: 'contra',
    }
    const { el } = await bar(room({ poll: closed }))
    const text = textOf(el)
    expect(text).toMatch(/3 people changed their mind/)
    expect(text).toContain('Paragraph 3')
    expect(within(el, 'mg-poll-card', 'td').map((td) => td.textContent)).toEqual(['3', '2', '0', '0', '4', '0', '1', '0', '1'])
  })

  it('shows who speaks, the order of hands and the time left', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-01T10:00:30.000Z'), toFake: ['Date'] })
    try {
      const { el } = await bar(room())
      const text = textOf(el)
      expect(text).toContain('Brave Lynx')
      expect(within(el, 'mg-speaker-queue', 'li').map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
        expect.stringMatching(/^Amber Fox · Point of order · Paragraph 2/),
        expect.stringMatching(/^Quiet Owl · Question · Paragraph 3/),
      ])
      expect(deepQuery(el, '[role=timer]').textContent).toBe('1:00')
    } finally {
      vi.useRealTimers()
    }
  })

  it('raises a hand on a paragraph with a kind, and lowers it', async () => {
    const mine = entry(5, 7, 'Mia', { kind: 'question', anchor: 'p-3' })
    const { el, host, requests, store } = await bar(room(), (method, path) => {
      if (method === 'POST' && path === '/api/debates/class-1/queue')
        return { status: 201, body: { entry: mine, queue: [...room().queue, mine], speaker: room().speaker } }
      if (method === 'DELETE' && path === '/api/debates/class-1/queue/mine') return { status: 204 }
      return undefined
    })
    const [paragraph, kind] = within<HTMLSelectElement>(el, 'mg-speaker-queue', 'select')
    paragraph!.value = 'p-3'
    paragraph!.dispatchEvent(new Event('change'))
    kind!.value = 'question'
    kind!.dispatchEvent(new Event('change'))
    await settle(host)
    within<HTMLFormElement>(el, 'mg-speaker-queue', 'form')[0]!.requestSubmit()
    await flush(host)
    expect(requests.at(-1)).toEqual({ method: 'POST', path: '/api/debates/class-1/queue', body: { anchor: 'p-3', kind: 'question' } })
    expect(store.state.seminar.room?.queue.map((e) => e.id)).toEqual([3, 4, 5])

    el.room = store.state.seminar.room
    await settle(host)
    expect(textOf(el)).toMatch(/you are number 3/)
    const lower = within<HTMLButtonElement>(el, 'mg-speaker-queue', 'button').find((b) => /lower hand/i.test(b.textContent ?? ''))!
    lower.click()
    await flush(host)
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/debates/class-1/queue/mine' })
    expect(store.state.seminar.room?.queue.map((e) => e.id)).toEqual([3, 4])
  })

  it('offers no votes or hands once the seminar is closed', async () => {
    const { el } = await bar(room({ phase: 'closed' }))
    expect(within<HTMLButtonElement>(el, 'mg-poll-card', '.choices button').every((b) => b.disabled)).toBe(true)
    expect(within(el, 'mg-speaker-queue', 'form')).toHaveLength(0)
  })
})

describe('the spotlight in the essay', () => {
  function debate(phase: Room['phase'] = 'open'): DebateState {
    return state(room({ phase })).debate!
  }

  async function essay(follow: boolean) {
    const scrolled: string[] = []
    // jsdom lays nothing out and has no scrollIntoView: record who asks for it.
    const proto = Element.prototype as Element & { scrollIntoView?: unknown }
    const before = proto.scrollIntoView
    proto.scrollIntoView = function (this: Element) {
      scrolled.push(this.id)
    }
    const host = testHost()
    const el = renderInto<MgEssay>(
      host,
      html`<mg-essay .debate=${debate()} .user=${me} .phase=${'open'} .spotlight=${null} .follow=${follow}></mg-essay>`,
    )
    await settle(host)
    el.spotlight = 'p-2'
    await settle(host)
    proto.scrollIntoView = before
    return { el, scrolled }
  }

  it('brings the spotlighted paragraph into view when following the leader', async () => {
    const { el, scrolled } = await essay(true)
    expect(scrolled).toEqual(['p-2'])
    const spotlit = deepQueryAll(el, 'mg-paragraph').filter((p) => p.hasAttribute('spotlit'))
    expect(spotlit.map((p) => (p as HTMLElement & { block: Block }).block.anchor)).toEqual(['p-2'])
  })

  it('only marks it when not following', async () => {
    const { el, scrolled } = await essay(false)
    expect(scrolled).toEqual([])
    expect(deepQuery(el, '.spotlit').id).toBe('p-2')
    expect(textOf(el)).toMatch(/in the spotlight/i)
  })

  it('replaces the composer and the position picker with a note in the reading phase', async () => {
    const host = testHost()
    const d = debate('reading')
    const el = renderInto<MgEssay>(
      host,
      html`<mg-essay .debate=${d} .user=${me} .open=${['p-1']} .threads=${{ 'p-1': { status: 'ready', comments: [] } }} .phase=${'reading'}></mg-essay>`,
    )
    await settle(host)
    expect(deepQueryAll(el, 'mg-position-picker')).toHaveLength(0)
    expect(deepQueryAll(el, 'mg-composer')).toHaveLength(0)
    expect(textOf(el)).toMatch(/reading phase/i)
  })

  it('says a closed seminar is kept as a record', async () => {
    const host = testHost()
    const el = renderInto<MgEssay>(
      host,
      html`<mg-essay .debate=${debate('closed')} .user=${me} .open=${['p-1']} .threads=${{ 'p-1': { status: 'ready', comments: [] } }} .phase=${'closed'}></mg-essay>`,
    )
    await settle(host)
    expect(deepQueryAll(el, 'mg-composer')).toHaveLength(0)
    expect(textOf(el)).toMatch(/closed: it is kept as a record/i)
  })
})
