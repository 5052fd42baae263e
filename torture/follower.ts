/**
 * A reader following the default debate over the live socket (the `ws` package), as the
 * browser's live service does: it remembers the last seq it applied, reconnects after every
 * close and subscribes again with `since` = that seq, and after a `reset` reloads the debate
 * over REST. It records what the protocol promises to avoid: a seq not above the last one
 * (a duplicate), a seq more than one above it (a gap), a comment announced twice, and keeps
 * the debate's state (comments, tallies) as events and reloads left it.
 */
import WebSocket from 'ws'
import type { Http } from './http.ts'
import { sleep } from './server-process.ts'

// Frames are read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Frame = Record<string, any>

export interface CommentState {
  anchor: string
  body: string | null
  stance: string
  votes: number
  deleted: boolean
}

export interface DebateState {
  comments: Map<number, CommentState>
  /** By anchor: the paragraph's counts and positions. */
  tallies: Map<string, { counts: unknown; positions: unknown }>
}

/** The debate as a reader without an account sees it over REST, with its seq. */
export async function snapshot(http: Http, debate = 'sora'): Promise<DebateState & { seq: number }> {
  const res = await http.json<{
    debate: { seq: number }
    essay: { blocks: { anchor: string; kind: string; counts: unknown; positions: unknown }[] }
  }>(`/api/debates/${debate}`)
  const state: DebateState & { seq: number } = { seq: res.debate.seq, comments: new Map(), tallies: new Map() }
  for (const block of res.essay.blocks.filter((b) => b.kind === 'paragraph')) {
    state.tallies.set(block.anchor, { counts: block.counts, positions: block.positions })
    const thread = await http.json<{ comments: Frame[] }>(`/api/debates/${debate}/paragraphs/${block.anchor}/comments`)
    for (const c of thread.comments) state.comments.set(c.id as number, commentState(c))
  }
  return state
}

/** The differences between two states, described; empty when they are equal. */
export function differences(a: DebateState, b: DebateState): string[] {
  const out: string[] = []
  for (const [id, c] of a.comments) {
    const other = b.comments.get(id)
    if (!other) out.push(`comment ${id} only in the first`)
    else if (JSON.stringify(c) !== JSON.stringify(other)) out.push(`comment ${id}: ${JSON.stringify(c)} ≠ ${JSON.stringify(other)}`)
  }
  for (const id of b.comments.keys()) if (!a.comments.has(id)) out.push(`comment ${id} only in the second`)
  for (const [anchor, t] of a.tallies) {
    const other = b.tallies.get(anchor)
    if (JSON.stringify(t) !== JSON.stringify(other)) out.push(`${anchor}: ${JSON.stringify(t)} ≠ ${JSON.stringify(other)}`)
  }
  return out
}

function commentState(c: Frame): CommentState {
  return { anchor: c.anchor, body: c.body, stance: c.stance, votes: c.votes, deleted: c.deleted }
}

export class Follower {
  /** The last seq applied. */
  last: number
  socket: WebSocket | null = null
  readonly state: DebateState = { comments: new Map(), tallies: new Map() }
  /** comment.created events received, by comment id. */
  readonly announced = new Map<number, number>()
  /** Comments found in a reload after a reset. */
  readonly reloaded = new Set<number>()
  readonly gaps: string[] = []
  readonly duplicates: string[] = []
  resets = 0
  connections = 0
  closeCodes = new Map<number, number>()
  private stopped = false
  private connected: Promise<void> = Promise.resolve()
  private reloading: Promise<void> = Promise.resolve()
  private pongs = 0
  /** Events received during a reload. */
  private held: Frame[] | null = null
  private pongWaiters: (() => void)[] = []

  constructor(
    /** Where to connect, or a choice made afresh for every connection (one of several app servers). */
    private readonly wsUrl: string | (() => string),
    private readonly origin: string,
    private readonly http: Http,
    start: DebateState & { seq: number },
    private readonly debate = 'sora',
  ) {
    this.last = start.seq
    this.adopt(start)
  }

  /** Connects (retrying while the server is away) and subscribes with `since` = the last seq. */
  connect(): Promise<void> {
    this.connected = this.open()
    return this.connected
  }

  private async open(): Promise<void> {
    for (;;) {
      if (this.stopped) return
      try {
        await this.attempt()
        return
      } catch {
        await sleep(50 + Math.random() * 150)
      }
    }
  }

  private attempt(): Promise<void> {
    return new Promise((resolve, reject) => {
      const url = typeof this.wsUrl === 'string' ? this.wsUrl : this.wsUrl()
      const socket = new WebSocket(url, { origin: this.origin, perMessageDeflate: false })
      let subscribed = false
      socket.on('error', (err) => {
        if (!subscribed) reject(err)
      })
      socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', debate: this.debate, since: this.last })))
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Frame
        if (frame.type === 'subscribed' && !subscribed) {
          subscribed = true
          this.socket = socket
          this.connections++
          resolve()
          return
        }
        this.receive(frame)
      })
      socket.once('close', (code) => {
        this.closeCodes.set(code, (this.closeCodes.get(code) ?? 0) + 1)
        if (!subscribed) return reject(new Error(`closed with ${code} before subscribed`))
        if (this.socket === socket) this.socket = null
        // Reconnect only once this socket is done: frames still arriving on it come first.
        if (!this.stopped) void this.connect()
      })
    })
  }

  private receive(frame: Frame): void {
    if (frame.type === 'pong') {
      this.pongs++
      for (const wake of this.pongWaiters.splice(0)) wake()
      return
    }
    if (frame.debate !== this.debate || typeof frame.seq !== 'number') return
    if (frame.type === 'reset') {
      // The reset's seq is the debate's now, also when the client's was ahead (a restored server).
      this.resets++
      this.last = frame.seq
      this.reloading = this.reload()
      return
    }
    if (frame.type !== 'skip' && !String(frame.type).includes('.')) return
    if (frame.seq <= this.last) this.duplicates.push(`seq ${frame.seq} after ${this.last}`)
    else if (frame.seq > this.last + 1) this.gaps.push(`seq ${frame.seq} after ${this.last}`)
    if (frame.seq <= this.last) return
    this.last = frame.seq
    if (this.held) this.held.push(frame)
    else this.apply(frame)
  }

  private apply(event: Frame): void {
    if (event.type === 'comment.created') {
      const id = event.comment.id as number
      this.announced.set(id, (this.announced.get(id) ?? 0) + 1)
    }
    if (event.comment) this.state.comments.set(event.comment.id, commentState(event.comment))
    if (event.type === 'comment.voted') {
      const c = this.state.comments.get(event.commentId)
      if (c) c.votes = event.votes
    }
    const tally = typeof event.anchor === 'string' ? this.state.tallies.get(event.anchor) : undefined
    if (tally && event.counts) tally.counts = event.counts
    if (tally && event.positions) tally.positions = event.positions
  }

  /**
   * Reloads over REST; events arriving meanwhile are held and applied on top of the snapshot
   * (those after its seq: the threads are read after the debate, so they may show some of them
   * already, and events carry whole values, so applying one again changes nothing).
   */
  private async reload(): Promise<void> {
    await this.reloading
    this.held = []
    const fresh = await snapshot(this.http, this.debate)
    for (const id of fresh.comments.keys()) this.reloaded.add(id)
    this.adopt(fresh)
    for (const event of this.held.splice(0)) if (event.seq > fresh.seq) this.apply(event)
    this.held = null
  }

  private adopt(state: DebateState): void {
    this.state.comments = new Map([...state.comments].map(([id, c]) => [id, { ...c }]))
    this.state.tallies = new Map([...state.tallies].map(([anchor, t]) => [anchor, { ...t }]))
  }

  /** Drops the connection: a clean close, or an abrupt one (no close frame). */
  drop(abrupt: boolean): void {
    const socket = this.socket
    if (!socket) return
    if (abrupt) socket.terminate()
    else socket.close(1000, 'bye')
  }

  /** Waits until connected, and for a ping's answer: every frame sent before it has arrived. */
  async sync(): Promise<void> {
    for (;;) {
      await this.connected
      await this.reloading
      const socket = this.socket
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        await sleep(50)
        continue
      }
      const before = this.pongs
      socket.send(JSON.stringify({ type: 'ping' }))
      const answered = await Promise.race([
        new Promise<boolean>((resolve) => this.pongWaiters.push(() => resolve(this.pongs > before))),
        sleep(5000).then(() => false),
      ])
      // A reset that arrived before the answer has its reload under way.
      if (answered) return this.reloading
    }
  }

  /** Stops reconnecting and closes. */
  stop(): void {
    this.stopped = true
    this.socket?.terminate()
  }
}
