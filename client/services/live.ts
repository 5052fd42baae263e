/**
 * The live connection's policy, on top of the raw socket (socket.ts): it follows the debate
 * the store has open, resubscribes with the last `seq` applied after every reconnect (so
 * the server replays exactly what was missed), reconnects by itself with exponential
 * backoff and jitter, and sends an application-level `ping` so that a socket which died
 * while the laptop slept is noticed by its missing `pong` rather than trusted because it
 * still says "open". Every message goes into the store; components only render it.
 */
import { msg, str } from '@lit/localize'
import type { Stance } from './api.ts'
import type { Room } from './seminar-api.ts'
import { JsonSocket, type WebSocketFactory } from './socket.ts'
import type { Actions } from '../state/actions.ts'
import type { LiveEvent } from '../state/events.ts'
import {
  awaySummary,
  setAway,
  setConnection,
  setPresence,
  setTyping,
  snapshotCounts,
  type AwaySummary,
} from '../state/live.ts'
import type { AppState, Store } from '../state/store.ts'

export interface LiveOptions {
  /** The socket's URL, `clientId` included. */
  url: string
  create?: WebSocketFactory
  /** A number in [0, 1), for the jitter. */
  random?: () => number
  /** First reconnect delay; it doubles with each failed attempt up to `maxDelayMs`. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** How often to ping an open socket. */
  heartbeatMs?: number
  /** How long a `pong` may take before the socket counts as dead. */
  pongTimeoutMs?: number
  /** An absence at least this long earns a "while you were away" summary. */
  awayAfterMs?: number
  /** The least time between two typing notices for the same paragraph and stance. */
  typingEveryMs?: number
  now?: () => number
}

/**
 * The wait before reconnect attempt `attempt` (0-based): exponential, capped, with "equal
 * jitter" — half of it fixed, half random — so that a server restart is not met by every
 * reader at the same instant, and no reader retries at once in a tight loop.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** A socket URL for this page's origin. */
export function liveUrl(location: Location, clientId: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/api/live?clientId=${encodeURIComponent(clientId)}`
}

type Message = Record<string, unknown> & { type: string }

export class LiveConnection {
  private readonly socket: JsonSocket
  private readonly random: () => number
  private readonly now: () => number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly heartbeatMs: number
  private readonly pongTimeoutMs: number
  private readonly awayAfterMs: number
  private readonly typingEveryMs: number

  private running = false
  private attempt = 0
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null
  private pongTimer: ReturnType<typeof setTimeout> | null = null
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly typingSent = new Map<string, number>()
  /** The debate this socket follows (subscribe sent), or null. */
  private following: string | null = null
  private focused: string | null = null
  private unsubscribeStore: (() => void) | null = null
  /** The signed-in reader's id the socket was opened with (`undefined`: not known yet). */
  private user: number | null | undefined = undefined
  /** Counts when the reader went away, and since when. */
  private away: { since: number; counts: Record<string, { pro: number; contra: number }>; debate: string } | null = null
  private summaryDue = false

  constructor(
    private readonly store: Store,
    private readonly actions: Actions,
    options: LiveOptions,
  ) {
    this.socket = new JsonSocket(
      options.url,
      { open: () => this.handleOpen(), message: (m) => this.handleMessage(m), close: (code) => this.handleClose(code) },
      options.create,
    )
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
    this.baseDelayMs = options.baseDelayMs ?? 1000
    this.maxDelayMs = options.maxDelayMs ?? 30_000
    this.heartbeatMs = options.heartbeatMs ?? 25_000
    this.pongTimeoutMs = options.pongTimeoutMs ?? 10_000
    this.awayAfterMs = options.awayAfterMs ?? 60_000
    this.typingEveryMs = options.typingEveryMs ?? 3000
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.user = this.userOf(this.store.state)
    this.unsubscribeStore = this.store.subscribe((s) => this.handleState(s))
    this.connect()
  }

  stop(): void {
    this.running = false
    this.unsubscribeStore?.()
    this.unsubscribeStore = null
    this.clearTimers()
    this.socket.close()
  }

  /**
   * Checks the connection now, e.g. when the page becomes visible or the network returns:
   * an open socket is pinged, a closed one is retried without waiting for its backoff.
   */
  check(): void {
    if (!this.running) return
    if (this.socket.isOpen) this.ping()
    else if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer)
      this.reconnectTimer = null
      this.connect()
    }
  }

  /** The page was hidden (`true`) or shown again: long absences earn a summary. */
  setHidden(hidden: boolean): void {
    if (hidden) this.markAway()
    else {
      this.summaryDue = true
      this.check()
    }
  }

  /** The paragraph the reader is reading (null: none). */
  focus(anchor: string | null): void {
    if (this.focused === anchor) return
    this.focused = anchor
    if (this.following) this.socket.send({ type: 'focus', debate: this.following, anchor })
  }

  /** The reader is writing an argument of `stance` under `anchor`; throttled here. */
  typing(anchor: string, stance: Stance): void {
    if (!this.following) return
    const key = `${anchor} ${stance}`
    const last = this.typingSent.get(key)
    const now = this.now()
    if (last !== undefined && now - last < this.typingEveryMs) return
    if (this.socket.send({ type: 'typing', debate: this.following, anchor, stance })) this.typingSent.set(key, now)
  }

  // Test seam: cuts the connection as a network failure would, without a close frame.
  drop(): void {
    this.socket.close()
  }

  private userOf(state: AppState): number | null | undefined {
    return state.user === undefined ? undefined : (state.user?.id ?? null)
  }

  private handleState(state: AppState): void {
    const user = this.userOf(state)
    const before = this.user
    this.user = user
    // The server knows the reader by the cookie sent with the upgrade: signing in or out
    // needs a new socket (typing notices, private debates), at once rather than after a backoff.
    if (before !== undefined && user !== before) this.restart()
    else this.follow(state)
  }

  private restart(): void {
    if (!this.running) return
    this.socket.close()
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.attempt = 0
    this.connect()
  }

  private connect(): void {
    this.reconnectTimer = null
    if (!this.running) return
    this.store.update((s) => setConnection(s, 'connecting'))
    this.socket.open()
  }

  private handleOpen(): void {
    this.attempt = 0
    this.heartbeatTimer = setInterval(() => this.ping(), this.heartbeatMs)
    this.following = null
    this.follow(this.store.state)
  }

  /** Subscribes to the store's debate once its state (and so its `seq`) is loaded. */
  private follow(state: AppState): void {
    const debate = state.debate
    const wanted = debate && debate.status === 'ready' ? debate.slug : null
    if (wanted === this.following || !this.socket.isOpen) return
    if (this.following) this.socket.send({ type: 'unsubscribe', debate: this.following })
    this.following = null
    if (!wanted || !debate) return
    if (this.socket.send({ type: 'subscribe', debate: wanted, since: debate.seq })) this.following = wanted
  }

  private handleMessage(m: Message): void {
    // Any frame proves the socket alive.
    this.clearPongTimer()
    switch (m.type) {
      case 'pong':
        if (this.summaryDue) this.summarise()
        return
      case 'subscribed':
        this.store.update((s) => setConnection(s, 'online'))
        // A seminar's room comes whole with the subscription, current at once after a reconnect.
        if (m.room && typeof m.room === 'object' && m.debate === this.store.state.debate?.slug) this.actions.roomLoaded(m.room as Room)
        if (this.focused) this.socket.send({ type: 'focus', debate: String(m.debate), anchor: this.focused })
        // The replay follows `subscribed` at once; the answer to this ping comes after it.
        this.summaryDue = this.away !== null
        this.ping()
        return
      case 'reset':
        void this.refetch(m)
        return
      case 'presence':
        if (typeof m.online === 'number' && m.readers && typeof m.readers === 'object') {
          const { debate, online, readers } = m as unknown as { debate: string; online: number; readers: Record<string, number> }
          this.store.update((s) => setPresence(s, debate, online, readers))
        }
        return
      case 'typing':
        this.handleTyping(m)
        return
      case 'unsubscribed':
        if (m.debate === this.following) this.following = null
        return
      case 'error':
        return
      default:
        if (typeof m.seq !== 'number' || typeof m.debate !== 'string') return
        this.actions.applyEvent(m as unknown as LiveEvent)
        // A new version of the essay changes paragraphs, not just tallies: load it whole.
        if (m.type === 'essay.updated' && m.debate === this.store.state.debate?.slug) void this.actions.refetch()
    }
  }

  private handleTyping(m: Message): void {
    const anchor = typeof m.anchor === 'string' ? m.anchor : null
    const stance = m.stance === 'pro' || m.stance === 'contra' || m.stance === 'neutral' ? m.stance : null
    if (!anchor || !stance) return
    this.store.update((s) => setTyping(s, anchor, stance))
    clearTimeout(this.typingTimers.get(anchor))
    const expiresIn = typeof m.expiresIn === 'number' ? m.expiresIn : 5000
    this.typingTimers.set(
      anchor,
      setTimeout(() => {
        this.typingTimers.delete(anchor)
        this.store.update((s) => setTyping(s, anchor, null))
      }, expiresIn),
    )
  }

  private async refetch(m: Message): Promise<void> {
    const slug = this.store.state.debate?.slug
    if (!slug || m.debate !== slug) return
    // The server's log starts over from this seq; the refetched state is at least as new.
    const seq = typeof m.seq === 'number' ? m.seq : 0
    this.store.update((s) => (s.debate ? { ...s, debate: { ...s.debate, seq } } : s))
    await this.actions.refetch()
  }

  private handleClose(_code: number): void {
    this.clearTimers()
    this.following = null
    if (!this.running) {
      this.store.update((s) => setConnection(s, 'offline'))
      return
    }
    this.markAway()
    // Typing notices of a connection that is gone would stand forever.
    this.store.update((s) => setConnection({ ...s, live: { ...s.live, typing: {} } }, 'offline'))
    const delay = backoffDelay(this.attempt++, this.baseDelayMs, this.maxDelayMs, this.random)
    this.reconnectTimer = setTimeout(() => this.connect(), delay)
  }

  private ping(): void {
    if (this.pongTimer || !this.socket.send({ type: 'ping' })) return
    this.pongTimer = setTimeout(() => {
      this.pongTimer = null
      this.socket.close()
    }, this.pongTimeoutMs)
  }

  private markAway(): void {
    const state = this.store.state
    if (this.away || !state.debate?.essay) return
    this.away = { since: this.now(), counts: snapshotCounts(state), debate: state.debate.slug }
  }

  private summarise(): void {
    this.summaryDue = false
    const away = this.away
    if (!away || typeof document !== 'undefined' && document.visibilityState === 'hidden') return
    this.away = null
    const state = this.store.state
    if (state.debate?.slug !== away.debate || this.now() - away.since < this.awayAfterMs) return
    const summary = awaySummary(away.counts, state)
    if (!summary) return
    this.store.update((s) => setAway(s, summary))
    this.actions.announce(describeAway(summary, state))
  }

  private clearPongTimer(): void {
    if (this.pongTimer) clearTimeout(this.pongTimer)
    this.pongTimer = null
  }

  private clearTimers(): void {
    this.clearPongTimer()
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer)
    this.heartbeatTimer = null
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
    for (const t of this.typingTimers.values()) clearTimeout(t)
    this.typingTimers.clear()
  }
}

/** The paragraph's number as the essay shows it (paragraphs only, from 1). */
export function paragraphNumber(state: AppState, anchor: string): number {
  const paragraphs = (state.debate?.essay?.blocks ?? []).filter((b) => b.kind === 'paragraph')
  return paragraphs.findIndex((b) => b.anchor === anchor) + 1
}

/** One sentence per paragraph: "Paragraph 3: 2 new pro, 1 new contra." */
export function describeAway(summary: AwaySummary, state: AppState): string {
  const lines = Object.entries(summary).map(([anchor, { pro, contra }]) => {
    const n = paragraphNumber(state, anchor)
    return msg(str`Paragraph ${n}: ${pro} new pro, ${contra} new contra.`)
  })
  return [msg('While you were away:'), ...lines].join(' ')
}
