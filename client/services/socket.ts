/**
 * The raw live socket: one WebSocket that sends and receives JSON objects, and says when it
 * opened and closed. It knows nothing of debates, sequence numbers or retries; the policy
 * (reconnect, resubscribe, heartbeat) lives in live.ts, so either can be tested alone.
 */

/** What the socket needs of a WebSocket; tests hand in a fake. */
export interface WebSocketLike {
  readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: Event) => void) | null
  onmessage: ((ev: MessageEvent) => void) | null
  onclose: ((ev: CloseEvent) => void) | null
  onerror: ((ev: Event) => void) | null
}

export type WebSocketFactory = (url: string) => WebSocketLike

export interface SocketHandlers {
  open(): void
  message(data: Record<string, unknown> & { type: string }): void
  /** Called once per socket, however it ended (also after `close()`). */
  close(code: number): void
}

const OPEN = 1

export class JsonSocket {
  private ws: WebSocketLike | null = null

  constructor(
    private readonly url: string,
    private readonly handlers: SocketHandlers,
    private readonly create: WebSocketFactory = (u) => new WebSocket(u),
  ) {}

  get isOpen(): boolean {
    return this.ws?.readyState === OPEN
  }

  open(): void {
    this.close()
    const ws = this.create(this.url)
    this.ws = ws
    ws.onopen = () => this.handlers.open()
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return
      let data: unknown
      try {
        data = JSON.parse(ev.data)
      } catch {
        return
      }
      if (data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string') {
        this.handlers.message(data as Record<string, unknown> & { type: string })
      }
    }
    ws.onclose = (ev) => this.ended(ws, ev.code)
    // An error is always followed by close; nothing to do twice.
    ws.onerror = null
  }

  /** Sends one message; false when the socket is not open (the policy decides what then). */
  send(message: { type: string } & Record<string, unknown>): boolean {
    if (!this.ws || this.ws.readyState !== OPEN) return false
    this.ws.send(JSON.stringify(message))
    return true
  }

  /**
   * Closes the socket and reports it at once: a socket that died silently (after sleep) may
   * take minutes to deliver its own close event, and the policy must not wait for it.
   */
  close(code = 1000): void {
    const ws = this.ws
    if (!ws) return
    try {
      ws.close(code)
    } catch {
      // Closing a socket that never connected can throw in some browsers; it is gone either way.
    }
    this.ended(ws, 1006)
  }

  private ended(ws: WebSocketLike, code: number): void {
    if (this.ws !== ws) return
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null
    this.ws = null
    this.handlers.close(code)
  }
}
