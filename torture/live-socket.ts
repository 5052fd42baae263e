/**
 * A live socket as a browser tab opens it (the app's origin, the reader's cookie) that keeps
 * every frame it receives, raw and parsed, for experiments outside the test runner. The same
 * idea as tests/live/support.ts's LiveClient, which is bound to vitest's clean-up.
 */
import WebSocket from 'ws'
import { ORIGIN } from './in-process.ts'
import { Waiters } from './waiters.ts'

// Frames are read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = Record<string, any>

export class LiveSocket {
  /** Every frame received, with its text as it came over the wire. */
  readonly frames: { raw: string; frame: Frame }[] = []
  private readonly waiters = new Waiters()

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const raw = data.toString()
      this.frames.push({ raw, frame: JSON.parse(raw) as Frame })
      this.waiters.notify()
    })
    socket.on('error', () => {})
  }

  static open(url: string, cookie: string | null): Promise<LiveSocket> {
    const socket = new WebSocket(url, { origin: ORIGIN, headers: cookie ? { cookie } : {} })
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new LiveSocket(socket)))
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)))
      socket.once('error', reject)
    })
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message))
  }

  /** Resolves once the frames received satisfy the condition; fails after WAIT_MS naming it. */
  until(condition: () => boolean, what: string): Promise<void> {
    return this.waiters.until(condition, what)
  }

  /**
   * Subscribes (again, from `since` when given) and resolves once the replay, if any, has
   * arrived: every seq up to the one `subscribed` named, or a `reset`.
   */
  async subscribe(debate: string, since?: number): Promise<Frame> {
    const from = this.frames.length
    this.send(since === undefined ? { type: 'subscribe', debate } : { type: 'subscribe', debate, since })
    const after = () => this.frames.slice(from).map((f) => f.frame)
    await this.until(() => after().some((f) => f.type === 'subscribed' && f.debate === debate), `subscribed to ${debate}`)
    const subscribed = after().find((f) => f.type === 'subscribed' && f.debate === debate)!
    if (since !== undefined && since < subscribed.seq) {
      await this.until(
        () => after().some((f) => f.debate === debate && typeof f.seq === 'number' && (f.seq >= subscribed.seq || f.type === 'reset')),
        `the replay of ${debate} up to ${subscribed.seq}`,
      )
    }
    return subscribed
  }

  /** A round trip: what the server sent before answering this ping has arrived once it resolves. */
  async sync(): Promise<void> {
    const pongs = this.frames.filter((f) => f.frame.type === 'pong').length
    this.send({ type: 'ping' })
    await this.until(() => this.frames.filter((f) => f.frame.type === 'pong').length > pongs, 'pong')
  }

  close(): void {
    this.socket.terminate()
  }
}
