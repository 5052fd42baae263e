/**
 * The live connection's policy, on top of the raw socket (socket.ts): it follows the debate
 * the page has open, resubscribes with the last `seq` applied after every reconnect (so the
 * server replays exactly what was missed), reconnects by itself with exponential backoff and
 * jitter, and sends an application-level `ping` so that a socket which died while the laptop
 * slept is noticed by its missing `pong` rather than trusted because it still says "open".
 * What arrives goes to its listener, the live reader (handlers/live.ts), which alone decides
 * what a message changes; this module never touches the page's state.
 */
import { JsonSocket, type WebSocketFactory } from './socket.ts'
import type { ServerFrame, Stance } from './types.ts'

export type Connection = 'connecting' | 'online' | 'offline'

/** Who hears what the connection learns. */
export interface LiveListener {
  connection(state: Connection): void
  message(frame: ServerFrame): void
}

/** The debate to follow and the last `seq` applied to it; null: none. */
export type Following = () => { debate: string; since: number } | null

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

export class LiveConnection {
  private readonly socket: JsonSocket
  private readonly random: () => number
  private readonly now: () => number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly heartbeatMs: number
  private readonly pongTimeoutMs: number
  private readonly typingEveryMs: number

  private running = false
  /** The connection was lost and is not back: retries keep saying "offline" until subscribed again. */
  private lost = false
  private attempt = 0
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null
  private pongTimer: ReturnType<typeof setTimeout> | null = null
  private readonly typingSent = new Map<string, number>()
  /** The debate this socket follows (subscribe sent), or null. */
  private following: string | null = null
  private focused: string | null = null

  constructor(
    private readonly listener: LiveListener,
    private readonly wanted: Following,
    options: LiveOptions,
  ) {
    this.socket = new JsonSocket(
      options.url,
      { open: () => this.handleOpen(), message: (m) => this.handleMessage(m), close: () => this.handleClose() },
      options.create,
    )
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
    this.baseDelayMs = options.baseDelayMs ?? 1000
    this.maxDelayMs = options.maxDelayMs ?? 30_000
    this.heartbeatMs = options.heartbeatMs ?? 25_000
    this.pongTimeoutMs = options.pongTimeoutMs ?? 10_000
    this.typingEveryMs = options.typingEveryMs ?? 3000
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.connect()
  }

  stop(): void {
    this.running = false
    this.clearTimers()
    this.socket.close()
  }

  /**
   * Checks the connection now, e.g. when the page becomes visible or the network returns:
   * an open socket is pinged, any other is replaced at once rather than after its backoff.
   */
  check(): void {
    if (!this.running) return
    if (this.socket.isOpen) this.ping()
    else this.reopen()
  }

  /** The network is back: a new socket at once, since the old one may be a husk of the network before. */
  reconnect(): void {
    if (this.running) this.reopen()
  }

  /**
   * The browser says the network is gone: the socket is given up at once, since it may
   * still say "open" for minutes without carrying anything.
   */
  offline(): void {
    if (this.running) this.socket.close()
  }

  /**
   * Opens a new socket at once. The server knows the reader by the cookie sent with the
   * upgrade: signing in or out needs a new socket, rather than one after a backoff.
   */
  restart(): void {
    if (this.running) this.reopen(true)
  }

  /** Subscribes to the debate the page wants followed, once it is known (and so its `seq`). */
  follow(): void {
    const wanted = this.wanted()
    const debate = wanted?.debate ?? null
    if (debate === this.following || !this.socket.isOpen) return
    if (this.following) this.socket.send({ type: 'unsubscribe', debate: this.following })
    this.following = null
    if (!wanted) return
    if (this.socket.send({ type: 'subscribe', debate: wanted.debate, since: wanted.since })) this.following = wanted.debate
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

  /** Asks for a `pong`; the listener hears it once everything sent before it has arrived. */
  ping(): void {
    if (this.pongTimer || !this.socket.send({ type: 'ping' })) return
    this.pongTimer = setTimeout(() => {
      this.pongTimer = null
      this.socket.close()
    }, this.pongTimeoutMs)
  }

  // Test seam: cuts the connection as a network failure would, without a close frame.
  drop(): void {
    this.socket.close()
  }

  /** A new socket now; `fresh`: it is not a reconnection, and says "connecting". */
  private reopen(fresh = false): void {
    this.socket.close()
    if (fresh) this.lost = false
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.attempt = 0
    this.connect()
  }

  private connect(): void {
    this.reconnectTimer = null
    if (!this.running) return
    if (!this.lost) this.listener.connection('connecting')
    this.socket.open()
  }

  private handleOpen(): void {
    this.attempt = 0
    this.heartbeatTimer = setInterval(() => this.ping(), this.heartbeatMs)
    this.following = null
    this.follow()
  }

  private handleMessage(data: Record<string, unknown> & { type: string }): void {
    // The server's frames follow the contract in server/schemas/live.ts.
    const frame = data as unknown as ServerFrame
    // Any frame proves the socket alive.
    this.clearPongTimer()
    if (frame.type === 'subscribed') {
      this.lost = false
      this.listener.connection('online')
      if (this.focused) this.socket.send({ type: 'focus', debate: frame.debate, anchor: this.focused })
    }
    if (frame.type === 'unsubscribed' && frame.debate === this.following) this.following = null
    this.listener.message(frame)
    // The replay follows `subscribed` at once; the answer to this ping comes after it.
    if (frame.type === 'subscribed') this.ping()
  }

  private handleClose(): void {
    this.clearTimers()
    this.following = null
    this.lost = true
    this.listener.connection('offline')
    if (!this.running) return
    const delay = backoffDelay(this.attempt++, this.baseDelayMs, this.maxDelayMs, this.random)
    this.reconnectTimer = setTimeout(() => this.connect(), delay)
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
  }
}
