/**
 * Replays from the event log, and whose turn it is to run one. A client resuming with
 * `since` is sent what it missed in chunks, with a yield between them, so no replay holds up
 * the event loop; the next chunk waits until the socket's unsent bytes are below a high-water
 * mark, so a slow reader slows only its own replay. Each remote address runs a few replays
 * at a time, the others wait their turn in order: a crowd of resuming sockets (or one peer
 * opening many) queues up rather than flooding the process. A replay waiting for its reader
 * gives its turn up meanwhile, so a peer that reads slowly cannot hold up the others behind
 * the same address. However many replays are due, one turn of the event loop runs them for
 * a few milliseconds at most, round-robin, before the server answers anything else again.
 *
 * The hub owns what a chunk holds and when a replay ends (see LiveHub.pump); this module owns
 * the pacing.
 */
import type { LiveConnection } from './connection.ts'

/**
 * `waiting`: for a turn; `running`: holds one, its next step due; `draining`: holds none, waits
 * for its socket to take what it was sent; `done`: finished or called off.
 */
export type ReplayState = 'waiting' | 'running' | 'draining' | 'done'

/** One subscription's replay: the last seq it was sent, and how it paces its chunks. */
export class Replay {
  state: ReplayState = 'waiting'
  /** Replayed frames handed to the socket so far, and how many of them went out. */
  private frames = 0
  private written = 0

  constructor(
    readonly conn: LiveConnection,
    readonly slug: string,
    /** The last seq this socket was sent of the debate. */
    public sent: number,
    private readonly highWaterBytes: number,
    private readonly turns: ReplayTurns,
  ) {}

  /** Whether this is still the subscription's replay: not finished, and not replaced by a new subscribe. */
  get current(): boolean {
    return this.state !== 'done' && this.conn.subscriptions.get(this.slug)?.replay === this
  }

  /** Sends one replayed frame; false once the socket is no longer open. */
  send(frame: string): boolean {
    const n = ++this.frames
    return this.conn.send(frame, false, () => this.wentOut(n))
  }

  /**
   * Runs the next chunk after a yield to the event loop, once the socket holds no more than
   * the high-water mark unsent; a reader that is slow to take the bytes is waited for, not
   * cut off, and its turn goes to another replay meanwhile.
   */
  next(): void {
    if (this.conn.socket.bufferedAmount <= this.highWaterBytes || this.written === this.frames) this.turns.schedule(this)
    else this.turns.pause(this)
  }

  /**
   * A replayed frame went out to the network. The replay asks for a turn again as soon as the
   * buffer is below the mark, or when its own last frame is out (whatever else the socket
   * still holds is live traffic, bounded by the backpressure limit).
   */
  private wentOut(n: number): void {
    this.written = Math.max(this.written, n)
    if (this.state !== 'draining') return
    if (this.conn.socket.bufferedAmount > this.highWaterBytes && n < this.frames) return
    this.turns.enter(this)
  }
}

/** How long one turn of the event loop runs replay steps before it yields. */
const TURN_MS = 10

/**
 * Concurrent replays per remote address (a few run, the rest wait in the order they came), and
 * the turns of the event loop in which the running ones take their steps.
 */
export class ReplayTurns {
  private readonly running = new Map<string, number>()
  private readonly waiting = new Map<string, Replay[]>()
  private readonly draining = new Set<Replay>()
  /** Running replays whose next step is due, in order. */
  private due: Replay[] = []
  private turn: NodeJS.Immediate | null = null

  constructor(
    private readonly perAddress: number,
    private readonly run: (replay: Replay) => void,
  ) {}

  /**
   * Starts (or resumes) the replay when its address has a turn free, else it waits for one.
   * Either way it runs after a yield: a burst of subscribes (each calling off the one before)
   * costs no replay.
   */
  enter(replay: Replay): void {
    this.draining.delete(replay)
    const address = replay.conn.address
    const running = this.running.get(address) ?? 0
    if (running < this.perAddress) {
      this.running.set(address, running + 1)
      this.start(replay)
      return
    }
    replay.state = 'waiting'
    const queue = this.waiting.get(address) ?? []
    queue.push(replay)
    this.waiting.set(address, queue)
  }

  /** A running replay waits for its socket; its turn passes on until it enters again. */
  pause(replay: Replay): void {
    this.release(replay)
    replay.state = 'draining'
    this.draining.add(replay)
  }

  /** Ends a replay, finished or called off; a turn it held passes to the next waiting replay of its address. */
  finish(replay: Replay): void {
    this.release(replay)
    this.draining.delete(replay)
    replay.state = 'done'
  }

  /** Queues a running replay's next step for the next turn of the event loop. */
  schedule(replay: Replay): void {
    this.due.push(replay)
    this.turn ??= setImmediate(() => this.runDue())
  }

  /** Drops the steps still due and stops running them (the hub is closing). */
  stop(): void {
    if (this.turn) clearImmediate(this.turn)
    this.turn = null
    this.due = []
  }

  /** Replays holding a turn, waiting for one, and waiting for their readers, for tests and logs. */
  get size(): { running: number; waiting: number; draining: number } {
    let running = 0
    let waiting = 0
    for (const n of this.running.values()) running += n
    for (const queue of this.waiting.values()) waiting += queue.length
    return { running, waiting, draining: this.draining.size }
  }

  private release(replay: Replay): void {
    const address = replay.conn.address
    if (replay.state === 'waiting') {
      const queue = this.waiting.get(address)
      const at = queue?.indexOf(replay) ?? -1
      if (queue && at >= 0) queue.splice(at, 1)
      if (queue?.length === 0) this.waiting.delete(address)
      return
    }
    if (replay.state !== 'running') return
    const queue = this.waiting.get(address)
    const next = queue?.shift()
    if (queue?.length === 0) this.waiting.delete(address)
    // The turn passes on without being freed, so a newcomer cannot jump the queue.
    if (next) return this.start(next)
    const running = (this.running.get(address) ?? 1) - 1
    if (running > 0) this.running.set(address, running)
    else this.running.delete(address)
  }

  private start(replay: Replay): void {
    replay.state = 'running'
    this.schedule(replay)
  }

  /**
   * One turn: the steps that were due when it began, in order, until the time is up; the rest
   * go first next turn. A step scheduled during the turn waits for the next one, so every
   * replay yields between its steps.
   */
  private runDue(): void {
    this.turn = null
    const batch = this.due
    this.due = []
    const until = performance.now() + TURN_MS
    let next = 0
    while (next < batch.length) {
      const replay = batch[next++]!
      // A step may have called off other replays (a socket closed); those are not run.
      if (replay.state === 'running') this.run(replay)
      if (performance.now() >= until) break
    }
    this.due = batch.slice(next).concat(this.due)
    if (this.due.length > 0) this.turn ??= setImmediate(() => this.runDue())
  }
}
