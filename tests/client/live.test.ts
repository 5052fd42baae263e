import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Api } from '../../client/services/api.ts'
import type {} from '../../client/services/types.ts'
import { LiveReader } from '../../client/handlers/live.ts'
import { backoffDelay, LiveConnection, type LiveOptions } from '../../client/services/live.ts'
import type { WebSocketLike } from '../../client/services/socket.ts'
import { debateLoaded, debateLoading } from '../../client/state/debate.ts'
import { applyLiveEvent } from '../../client/state/events.ts'
import { initialLive, showUnseen } from '../../client/state/live.ts'
import { initialState, type AppState } from '../../client/state/store.ts'
import { setOpen, threadLoaded, threadLoading } from '../../client/state/threads.ts'
import { testContext } from './handlers.ts'
import { block, comment } from './helpers.ts'

function loaded(seq = 10): AppState {
  let s: AppState = { ...initialState(), live: initialLive('me') }
  s = debateLoading(s, 'sora')
  return debateLoaded(
    s,
    { slug: 'sora', title: 'Sora', state: 'open', visibility: 'public', seq },
    { slug: 'sora', title: 'Sora', blocks: [block('p-1'), block('p-2')] },
  )
}

/** A WebSocket that records what is sent and lets the test play the server. */
class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = []
  readyState = 0
  sent: unknown[] = []
  onopen: ((ev: Event) => void) | null = null
  onmessage: ((ev: MessageEvent) => void) | null = null
  onclose: ((ev: CloseEvent) => void) | null = null
  onerror: ((ev: Event) => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    this.readyState = 3
  }
  accept() {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }
  receive(message: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }))
  }
  /** The connection ends without a close frame, as after a network failure. */
  die(code = 1006) {
    this.readyState = 3
    this.onclose?.({ code } as CloseEvent)
  }
}

const last = () => FakeSocket.all.at(-1)!

function connect(state: AppState = loaded(), options: Partial<LiveOptions> = {}) {
  const api = { debate: vi.fn(), thread: vi.fn() } as unknown as Api
  const context = testContext(api, state)
  const store = context.store
  const reader = new LiveReader(context)
  const live = new LiveConnection(reader, reader.following, {
    url: 'ws://test/api/live?clientId=me',
    create: (url) => new FakeSocket(url),
    random: () => 0.5,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
    heartbeatMs: 25_000,
    pongTimeoutMs: 10_000,
    ...options,
  })
  reader.start(live)
  return { store, api, live }
}

beforeEach(() => {
  FakeSocket.all = []
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('backoff', () => {
  it('doubles per attempt, stays within half and all of its ceiling, and is capped', () => {
    expect(backoffDelay(0, 1000, 30_000, () => 0)).toBe(500)
    expect(backoffDelay(0, 1000, 30_000, () => 0.99)).toBe(995)
    expect(backoffDelay(3, 1000, 30_000, () => 0)).toBe(4000)
    expect(backoffDelay(3, 1000, 30_000, () => 1)).toBe(8000)
    expect(backoffDelay(20, 1000, 30_000, () => 1)).toBe(30_000)
    expect(backoffDelay(20, 1000, 30_000, () => 0)).toBe(15_000)
  })

  it('waits longer after each failed attempt, and starts over once subscribed', () => {
    const { live } = connect()
    last().die()
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(749)
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(2)
    last().die()
    vi.advanceTimersByTime(1499)
    expect(FakeSocket.all).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(3)
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 10 })
    last().die()
    vi.advanceTimersByTime(750)
    expect(FakeSocket.all).toHaveLength(4)
    live.stop()
  })
})

describe('resubscribing', () => {
  it('subscribes with the loaded seq, and after a drop with the last seq applied', () => {
    const { store, live } = connect()
    last().accept()
    expect(last().sent).toEqual([{ type: 'subscribe', debate: 'sora', since: 10 }])
    last().receive({ type: 'subscribed', debate: 'sora', seq: 10 })
    expect(store.state.live.connection).toBe('online')
    last().receive({ type: 'position.changed', debate: 'sora', seq: 11, anchor: 'p-1', positions: { pro: 1, contra: 0, undecided: 0 } })
    last().receive({ type: 'skip', debate: 'sora', seq: 12 })
    last().die()
    expect(store.state.live.connection).toBe('offline')
    vi.advanceTimersByTime(1000)
    last().accept()
    expect(last().sent).toEqual([{ type: 'subscribe', debate: 'sora', since: 12 }])
    live.stop()
  })

  it('opens a new socket at once when the reader signs in, so the server knows them', () => {
    const { store, live } = connect({ ...loaded(), user: null })
    last().accept()
    expect(FakeSocket.all).toHaveLength(1)
    store.update((s) => ({ ...s, user: { id: 5, username: 'mara', isAdmin: false } }))
    expect(FakeSocket.all).toHaveLength(2)
    expect(FakeSocket.all[0]!.readyState).toBe(3)
    last().accept()
    expect(last().sent).toEqual([{ type: 'subscribe', debate: 'sora', since: 10 }])
    live.stop()
  })

  it('waits for the debate to load before subscribing', () => {
    const { store, live } = connect(debateLoading({ ...initialState(), live: initialLive('me') }, 'sora'))
    last().accept()
    expect(last().sent).toEqual([])
    store.update((s) =>
      debateLoaded(
        s,
        { slug: 'sora', title: 'Sora', state: 'open', visibility: 'public', seq: 7 },
        { slug: 'sora', title: 'Sora', blocks: [] },
      ),
    )
    expect(last().sent).toEqual([{ type: 'subscribe', debate: 'sora', since: 7 }])
    live.stop()
  })

  it('refetches the debate on reset', async () => {
    const { api, live } = connect()
    vi.mocked(api.debate).mockResolvedValue({
      debate: { slug: 'sora', title: 'Sora', state: 'open', visibility: 'public', seq: 40 },
      essay: { slug: 'sora', title: 'Sora', blocks: [] },
    })
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 40 })
    last().receive({ type: 'reset', debate: 'sora', seq: 40 })
    expect(api.debate).toHaveBeenCalledWith('sora')
    live.stop()
  })

  it('refetches the debate when a new version of the essay arrives, and advances past it', () => {
    const { api, store, live } = connect()
    vi.mocked(api.debate).mockReturnValue(new Promise(() => {}))
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 10 })
    expect(api.debate).not.toHaveBeenCalled()
    last().receive({ type: 'essay.updated', debate: 'sora', seq: 11, clientId: null, essay: 'sora', edited: [], added: [], removed: [] })
    expect(api.debate).toHaveBeenCalledWith('sora')
    expect(store.state.debate!.seq).toBe(11)
    live.stop()
  })
})

describe('heartbeat', () => {
  it('closes a socket that does not answer its ping, and reconnects', () => {
    const { store, live } = connect()
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 10 })
    last().receive({ type: 'pong' })
    vi.advanceTimersByTime(25_000)
    expect(last().sent.at(-1)).toEqual({ type: 'ping' })
    last().receive({ type: 'pong' })
    vi.advanceTimersByTime(25_000)
    expect(last().sent.at(-1)).toEqual({ type: 'ping' })
    // The laptop slept: the socket still says "open", but nothing answers.
    vi.advanceTimersByTime(9999)
    expect(store.state.live.connection).toBe('online')
    vi.advanceTimersByTime(1)
    expect(store.state.live.connection).toBe('offline')
    expect(last().readyState).toBe(3)
    vi.advanceTimersByTime(1000)
    expect(FakeSocket.all).toHaveLength(2)
    live.stop()
  })
})

describe('offline', () => {
  it('stays "offline" through the retries until a new socket is subscribed, and retries at once when the network returns', () => {
    const { store, live } = connect()
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 10 })
    live.offline()
    expect(store.state.live.connection).toBe('offline')
    vi.advanceTimersByTime(750)
    expect(FakeSocket.all).toHaveLength(2)
    last().accept()
    expect(store.state.live.connection).toBe('offline')
    last().die()
    live.reconnect()
    expect(FakeSocket.all).toHaveLength(3)
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 10 })
    expect(store.state.live.connection).toBe('online')
    live.stop()
  })
})

describe('presence and typing', () => {
  it('records presence, and lets a typing notice expire', () => {
    const { store, live } = connect()
    last().accept()
    last().receive({ type: 'presence', debate: 'sora', online: 3, readers: { 'p-1': 2 } })
    expect(store.state.live.online).toBe(3)
    expect(store.state.live.readers).toEqual({ 'p-1': 2 })
    last().receive({ type: 'typing', debate: 'sora', anchor: 'p-1', stance: 'contra', expiresIn: 5000 })
    expect(store.state.live.typing).toEqual({ 'p-1': 'contra' })
    vi.advanceTimersByTime(5000)
    expect(store.state.live.typing).toEqual({})
    live.stop()
  })

  it('ends the typing notice when an argument of that stance arrives there', () => {
    const { store, live } = connect()
    last().accept()
    const created = (id: number, seq: number, anchor: string, stance: 'pro' | 'contra') => ({
      type: 'comment.created',
      debate: 'sora',
      seq,
      anchor,
      clientId: 'other',
      comment: comment({ id, anchor, stance }),
      counts: { comments: 1, pro: 0, contra: 1, neutral: 0 },
    })
    last().receive({ type: 'typing', debate: 'sora', anchor: 'p-1', stance: 'contra', expiresIn: 5000 })
    last().receive({ type: 'typing', debate: 'sora', anchor: 'p-2', stance: 'contra', expiresIn: 5000 })
    last().receive(created(1, 11, 'p-1', 'pro'))
    expect(store.state.live.typing).toEqual({ 'p-1': 'contra', 'p-2': 'contra' })
    last().receive(created(2, 12, 'p-1', 'contra'))
    expect(store.state.live.typing).toEqual({ 'p-2': 'contra' })
    live.stop()
  })

  it('sends typing at most once per interval and focus on change', () => {
    const { live } = connect()
    last().accept()
    live.typing('p-1', 'pro')
    live.typing('p-1', 'pro')
    vi.advanceTimersByTime(3000)
    live.typing('p-1', 'pro')
    live.focus('p-2')
    live.focus('p-2')
    expect(last().sent.slice(1)).toEqual([
      { type: 'typing', debate: 'sora', anchor: 'p-1', stance: 'pro' },
      { type: 'typing', debate: 'sora', anchor: 'p-1', stance: 'pro' },
      { type: 'focus', debate: 'sora', anchor: 'p-2' },
    ])
    live.stop()
  })
})

describe('while you were away', () => {
  it('summarises the new arguments and replies per paragraph once the replay after any drop is in, and announces it', () => {
    const { store, live } = connect()
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 10 })
    last().die()
    vi.advanceTimersByTime(1000)
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 12 })
    last().receive({
      type: 'comment.created',
      debate: 'sora',
      seq: 11,
      anchor: 'p-2',
      clientId: null,
      comment: comment({ id: 1, anchor: 'p-2', stance: 'contra' }),
      counts: { comments: 1, pro: 0, contra: 1, neutral: 0 },
    })
    last().receive({
      type: 'comment.created',
      debate: 'sora',
      seq: 12,
      anchor: 'p-1',
      clientId: null,
      comment: comment({ id: 2, anchor: 'p-1', stance: 'neutral', parentId: 7 }),
      counts: { comments: 1, pro: 0, contra: 0, neutral: 0 },
    })
    expect(store.state.live.away).toBeNull()
    last().receive({ type: 'pong' })
    expect(store.state.live.away).toEqual({ 'p-1': { arguments: 0, replies: 1 }, 'p-2': { arguments: 1, replies: 0 } })
    expect(store.state.announcement?.text).toBe('While you were away: Paragraph 1: 1 new reply. Paragraph 2: 1 new argument.')
    live.stop()
  })
})

describe('while you were away, after a reset', () => {
  it('sums up once the debate is loaded anew, since the replay brought nothing', async () => {
    const { api, store, live } = connect()
    const again = loaded(13).debate!
    const blocks = again.essay!.blocks.map((b) =>
      b.anchor === 'p-2' ? { ...b, counts: { comments: 3, pro: 1, contra: 1, neutral: 0 } } : b,
    )
    vi.mocked(api.debate).mockResolvedValue({ debate: again.info!, essay: { ...again.essay!, blocks } })
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 10 })
    last().die()
    vi.advanceTimersByTime(1000)
    last().accept()
    last().receive({ type: 'subscribed', debate: 'sora', seq: 13 })
    last().receive({ type: 'reset', debate: 'sora', seq: 13 })
    last().receive({ type: 'pong' })
    expect(store.state.live.away).toBeNull()
    await vi.waitFor(() => expect(store.state.live.away).toEqual({ 'p-2': { arguments: 2, replies: 1 } }))
    live.stop()
  })
})

describe('new arguments in an open thread', () => {
  const created = (id: number, seq: number, clientId: string | null = 'other') => ({
    type: 'comment.created' as const,
    debate: 'sora',
    seq,
    clientId,
    anchor: 'p-1',
    comment: comment({ id, anchor: 'p-1', stance: 'pro' }),
    counts: { comments: seq - 10, pro: seq - 10, contra: 0, neutral: 0 },
  })

  it('holds back others\' arguments as "N new" and counts them at once', () => {
    let s = setOpen(threadLoaded(threadLoading(loaded(), 'p-1'), 'p-1', []), 'p-1', true)
    s = applyLiveEvent(s, created(101, 11))
    s = applyLiveEvent(s, created(102, 12))
    s = applyLiveEvent(s, created(102, 12))
    s = applyLiveEvent(s, created(103, 13, 'me'))
    expect(s.live.unseen['p-1']).toEqual([101, 102])
    expect(s.debate!.essay!.blocks[0]!.counts.pro).toBe(3)
    expect(s.threads['p-1']!.comments.map((c) => c.id)).toEqual([101, 102, 103])
    s = showUnseen(s, 'p-1')
    expect(s.live.unseen['p-1']).toBeUndefined()
  })

  it('holds nothing back in a closed thread', () => {
    const s = applyLiveEvent(loaded(), created(104, 11))
    expect(s.live.unseen).toEqual({})
  })
})
