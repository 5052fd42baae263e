/**
 * The live hub: which socket follows which debate, and delivery of each committed event to
 * every socket allowed to see it, exactly once and in `seq` order. Routes publish after their
 * transaction commits; the hub never writes.
 *
 * The event log is the bus. The hub learns that events have committed from this process's own
 * writes (`publish`, events in hand) and from the other app servers sharing the database
 * (`announced`, only the seq, see live/bus.ts); whatever it does not hold it reads from the log.
 * Per debate, commit order is seq order (the writes to a debate take their turns), so once seq
 * n is known to have committed, so has everything before it.
 *
 * Exactness rests on one invariant per followed debate (a channel, see channel.ts): every
 * member has been sent every event up to `channel.seq`, and only the channel's tasks, which
 * run one at a time, send events or let subscribers in. A subscriber is in its channel from
 * the moment it subscribes, so nothing committed after it read where the debate stands escapes
 * it; it becomes a member in a task that first sends it whatever lies between its own seq and
 * the members'. One that resumes from an older `since` is replayed (see replay.ts for the
 * pacing) before it is let in the same way.
 *
 * Each event passes the REST API's visibility rules (see visibility.ts) and is serialised
 * once per audience class; the same bytes go to every socket of that class. An event a
 * reader may not see at all is replaced by a `skip`, so their seq stays whole.
 *
 * The hub also owns the sockets' upkeep: presence (throttled per debate), typing notices,
 * pings, session re-checks, the backpressure limit, sockets and replays per address, log
 * retention and shutdown. No frame a client sends may end the process: `receive` answers
 * whatever fails.
 */
import type { RawData, WebSocket } from 'ws'
import type { DB, Tx } from '../../db/client.ts'
import { AppError } from '../errors.ts'
import type { Guardian, Viewer } from '../policy/guardian.ts'
import { RateLimiter } from '../plugins/app/rate-limiter.ts'
import type { Change } from '../repositories/comments.ts'
import type { DebateRow, DebatesRepository } from '../repositories/debates.ts'
import type { EventsRepository } from '../repositories/events.ts'
import type { SessionsRepository } from '../repositories/sessions.ts'
import { CLOSE_SESSION_ENDED, type ClientMessage, type ServerMessage, type StoredEvent } from '../schemas/live.ts'
import type { Room } from '../schemas/seminars.ts'
import type { Bus, BusMessage, PresenceShare } from './bus.ts'
import { MAX_PAYLOAD_BYTES } from './bus.ts'
import { Channel, type Known } from './channel.ts'
import { encode, LiveConnection, type Identity } from './connection.ts'
import { parseFrame } from './frames.ts'
import { Replay, ReplayTurns } from './replay.ts'
import { DebateView, type CommentStates, type ViewerClass } from './visibility.ts'

const SECOND = 1000
const DAY = 86_400_000

export interface LiveOptions {
  /** Every socket is pinged this often; one that has not answered the previous ping is terminated. */
  pingIntervalMs: number
  /** Unsent bytes a socket may hold before it is cut off (it resumes when it reconnects). */
  maxBufferedBytes: number
  /** Each open socket's session is looked up this often, so an expired or revoked one loses its sockets. */
  sessionCheckMs: number
  /**
   * How long the guardian's verdict on a reader (may read, moderates) is reused between
   * events. A change of the debate's visibility or phase, a `member.updated`, a change that
   * says so (see `publish`), or `refreshAccess` applies at once.
   */
  accessTtlMs: number
  /** Presence goes out at most this often per debate. */
  presenceIntervalMs: number
  /** How long a typing notice stands unless it is repeated. */
  typingExpiresMs: number
  /** Messages a socket may send per window; beyond it each frame counts as a bad one. */
  messages: { limit: number; windowMs: number }
  /** Typing notices a socket may send per window; more are dropped without reply. */
  typing: { limit: number; windowMs: number }
  /** Bad frames a socket may send per window before it is closed with 1008. */
  badFrames: { limit: number; windowMs: number }
  /** Debates one socket may follow at once. */
  maxSubscriptions: number
  /** A client further behind than this is sent `reset` rather than a replay. */
  maxReplay: number
  /** Events a replay sends per step; it yields to the event loop between steps. */
  replayChunk: number
  /** A replay's next step waits until the socket holds no more than this unsent. */
  replayHighWaterBytes: number
  /** Replays that run at once per remote address; the others wait their turn. */
  replaysPerAddress: number
  /**
   * Sockets open at once per remote address; one more is closed with 1008. Generous, since a
   * lecture hall may sit behind one NAT address.
   */
  maxSocketsPerAddress: number
  /** The event log keeps at most this many events per debate, and none older than this. */
  retention: { maxEvents: number; maxAgeMs: number }
  pruneIntervalMs: number
  /** Shutdown waits this long for peers to answer the 1001 close before cutting them off. */
  closeGraceMs: number
  /**
   * Test seam: every reader is told the writing tab's id, not that tab alone, so a benchmark
   * can tell which of its calls each frame answers. Never on in a deployment.
   */
  clientIdToAll: boolean
  /** With a bus: how often every followed debate's seq is compared with the database's, healing lost notifications. */
  busCheckMs: number
  /** With a bus: each server shares who reads a debate at least this often; a share not renewed for three times as long is dropped. */
  presenceShareMs: number
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  pingIntervalMs: 30 * SECOND,
  maxBufferedBytes: 1024 * 1024,
  sessionCheckMs: 5 * SECOND,
  accessTtlMs: 2 * SECOND,
  presenceIntervalMs: SECOND,
  typingExpiresMs: 5 * SECOND,
  messages: { limit: 60, windowMs: 10 * SECOND },
  typing: { limit: 10, windowMs: 10 * SECOND },
  badFrames: { limit: 10, windowMs: 60 * SECOND },
  maxSubscriptions: 16,
  maxReplay: 1000,
  replayChunk: 100,
  replayHighWaterBytes: 256 * 1024,
  replaysPerAddress: 4,
  maxSocketsPerAddress: 512,
  retention: { maxEvents: 10_000, maxAgeMs: 7 * DAY },
  pruneIntervalMs: 3_600 * SECOND,
  closeGraceMs: 2 * SECOND,
  clientIdToAll: false,
  busCheckMs: 2 * SECOND,
  presenceShareMs: 10 * SECOND,
}

/** What the hub reads: the debates and their log, comment states, sessions, seminar rooms, and the guardian. */
export interface HubDeps {
  db: DB
  debates: DebatesRepository
  events: EventsRepository
  comments: CommentStates
  sessions: SessionsRepository
  rooms: RoomSource
  /** Who is in which group, for presence and typing during group work. */
  groups: GroupSource
  guardian: Guardian
  log: HubLogger
  /** The other app servers on the same database (Postgres); none on SQLite. */
  bus?: Bus | null
}

/** The members of a seminar's groups: user id to group id. */
export interface GroupSource {
  memberGroups(debateId: number): Promise<Map<number, number>>
}

/** Where a seminar's room comes from, as one reader sees it at the debate's current seq. */
export interface RoomSource {
  room(debate: DebateRow, viewer: ViewerClass, tx?: Tx): Promise<Room>
}

export interface HubLogger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  debug(obj: object, msg?: string): void
}

type Reader = [LiveConnection, ViewerClass]

export class LiveHub {
  readonly options: LiveOptions
  private readonly connections = new Set<LiveConnection>()
  private readonly bySession = new Map<string, Set<LiveConnection>>()
  /** Open sockets per remote address. */
  private readonly byAddress = new Map<string, number>()
  private readonly turns: ReplayTurns
  private readonly channels = new Map<string, Channel>()
  /** When each socket's session is next looked up; spread out, so no tick checks them all. */
  private readonly sessionDue = new Map<LiveConnection, number>()
  private readonly messageLimiter: RateLimiter
  private readonly typingLimiter: RateLimiter
  private readonly badFrameLimiter: RateLimiter
  private readonly timers: NodeJS.Timeout[] = []
  private readonly listeners = new Set<(event: StoredEvent, clientId: string | null) => void>()
  private serial = 0
  private closing = false
  /** Messages, deliveries, replay steps and presence under way, for `idle`. */
  private busy = 0
  private idleWaiters: (() => void)[] = []

  constructor(
    private readonly deps: HubDeps,
    options: Partial<LiveOptions> = {},
  ) {
    this.options = { ...DEFAULT_LIVE_OPTIONS, ...options }
    const o = this.options
    this.messageLimiter = new RateLimiter(o.messages.limit, o.messages.windowMs)
    this.typingLimiter = new RateLimiter(o.typing.limit, o.typing.windowMs)
    this.badFrameLimiter = new RateLimiter(o.badFrames.limit, o.badFrames.windowMs)
    this.turns = new ReplayTurns(o.replaysPerAddress, (replay) => void this.track(this.pump(replay)))
    this.every(o.pingIntervalMs, () => this.heartbeat())
    this.every(Math.max(10, o.sessionCheckMs / 5), () => this.checkSessions())
    this.every(o.pruneIntervalMs, () => this.prune())
    if (deps.bus) {
      this.every(o.busCheckMs, () => this.check())
      this.every(o.presenceShareMs, () => this.sharePresence())
    }
    this.every(Math.max(o.messages.windowMs, o.typing.windowMs, o.badFrames.windowMs), () => {
      for (const limiter of [this.messageLimiter, this.typingLimiter, this.badFrameLimiter]) limiter.sweep()
    })
  }

  /** Starts listening to the other app servers, if there are any. */
  async start(): Promise<void> {
    await this.deps.bus?.start(
      (message, node) => this.heard(message, node),
      () => void this.check().catch((err: unknown) => this.deps.log.warn({ err }, 'live catch-up after the bus came back failed')),
    )
  }

  /** Counts `work` as under way until it settles. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.busy++
    return work.finally(() => {
      if (--this.busy === 0) for (const wake of this.idleWaiters.splice(0)) wake()
    })
  }

  /**
   * Test seam: resolves once no message, delivery, replay step or presence is under way, and no
   * replay has a step due (a replay waiting for its reader to take what it was sent does not count).
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.busy > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve))
      else if (this.turns.size.running > 0) await new Promise((resolve) => setImmediate(resolve))
      else return
    }
  }

  /** Sockets currently open. */
  get size(): number {
    return this.connections.size
  }

  /** Replays running, waiting for their turn, and waiting for their readers. */
  get replays(): { running: number; waiting: number; draining: number } {
    return this.turns.size
  }

  // Connections

  /**
   * Takes over an upgraded socket. Called synchronously from the route, so that no frame
   * arrives before the `message` handler is attached.
   */
  connect(socket: WebSocket, identity: Identity): LiveConnection {
    const conn = new LiveConnection(socket, identity, ++this.serial, this.options.maxBufferedBytes)
    socket.on('message', (data, isBinary) => this.receive(conn, data, isBinary))
    socket.on('close', () => {
      try {
        this.disconnect(conn)
      } catch (err) {
        this.deps.log.warn({ err, socket: conn.serial }, 'live socket could not be forgotten')
      }
    })
    socket.on('pong', () => {
      conn.alive = true
    })
    if (this.closing) {
      conn.close(1001, 'server shutting down')
      return conn
    }
    const fromAddress = this.byAddress.get(conn.address) ?? 0
    if (fromAddress >= this.options.maxSocketsPerAddress) {
      this.deps.log.info({ address: conn.address }, 'live socket refused: too many from one address')
      conn.close(1008, 'too many sockets from this address')
      return conn
    }
    this.byAddress.set(conn.address, fromAddress + 1)
    this.connections.add(conn)
    if (conn.sessionId) {
      const sockets = this.bySession.get(conn.sessionId) ?? new Set()
      sockets.add(conn)
      this.bySession.set(conn.sessionId, sockets)
      this.sessionDue.set(conn, Date.now() + this.options.sessionCheckMs)
    }
    this.deps.log.debug({ socket: conn.serial, user: conn.user?.id ?? null, clientId: conn.clientId }, 'live socket open')
    return conn
  }

  /** Closes the sockets of ended sessions (logout, ban), on every app server. */
  closeSessions(sessionIds: string[]): void {
    if (sessionIds.length === 0) return
    this.deps.bus?.send({ type: 'sessions', ids: sessionIds })
    this.endSessions(sessionIds)
  }

  private endSessions(sessionIds: string[]): void {
    for (const id of sessionIds) {
      for (const conn of [...(this.bySession.get(id) ?? [])]) this.end(conn, CLOSE_SESSION_ENDED, 'session ended')
    }
  }

  /**
   * Forgets the guardian's recent verdicts on a debate's readers (all debates without a slug),
   * so the next event already follows a change of who may read or moderate it. Publishing
   * does it for the changes it knows of; this is for the others (a membership changed by hand).
   */
  refreshAccess(slug?: string): void {
    for (const channel of slug === undefined ? this.channels.values() : [this.channels.get(slug)]) channel?.access.clear()
  }

  /** Errors on an open socket (protocol violations, resets); `ws` closes the socket itself where it should. */
  socketError(err: Error & { code?: string }, socket: WebSocket, log: HubLogger = this.deps.log): void {
    if (err.code?.startsWith('WS_ERR_')) {
      // A peer breaking the protocol (e.g. an oversize frame): ws has already sent the close code.
      log.info({ err: { message: err.message, code: err.code } }, 'live socket closed for a protocol violation')
      return
    }
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
      log.debug({ err: { message: err.message, code: err.code } }, 'live peer went away')
    } else {
      log.warn({ err }, 'live socket failed')
    }
    socket.terminate()
  }

  /** Stops delivering to a socket at once and closes it. */
  private end(conn: LiveConnection, code: number, reason: string): void {
    this.disconnect(conn)
    conn.close(code, reason)
  }

  private disconnect(conn: LiveConnection): void {
    if (!this.connections.delete(conn)) return
    const fromAddress = (this.byAddress.get(conn.address) ?? 1) - 1
    if (fromAddress > 0) this.byAddress.set(conn.address, fromAddress)
    else this.byAddress.delete(conn.address)
    for (const slug of [...conn.subscriptions.keys()]) this.leave(conn, slug)
    if (conn.sessionId) {
      const sockets = this.bySession.get(conn.sessionId)
      sockets?.delete(conn)
      if (sockets?.size === 0) this.bySession.delete(conn.sessionId)
    }
    this.sessionDue.delete(conn)
    for (const limiter of [this.messageLimiter, this.typingLimiter, this.badFrameLimiter]) limiter.reset(conn.key)
    this.deps.log.debug({ socket: conn.serial }, 'live socket closed')
  }

  // Publishing

  /**
   * Delivers committed events, given alone or as the change they announce; `clientId` names
   * the tab whose write caused them. Who may read or moderate a debate follows each change at
   * once: a new visibility or phase and a `member.updated` are noticed on delivery, and a change
   * that shuts readers out beyond what its events say (a member removed) names its debate in
   * `accessChanged`, so the guardian is asked about its readers afresh.
   */
  publish(change: readonly StoredEvent[] | Change<unknown>, clientId: string | null = null): void {
    const { events, accessChanged } = 'events' in change ? change : { events: change, accessChanged: undefined }
    if (accessChanged !== undefined) {
      this.refreshAccess(accessChanged)
      this.deps.bus?.send({ type: 'access', debate: accessChanged })
    }
    const seqs = new Map<string, number[]>()
    for (const event of events) {
      for (const listener of this.listeners) listener(event, clientId)
      this.committed(event.debate, event.seq, { event, clientId })
      seqs.set(event.debate, [...(seqs.get(event.debate) ?? []), event.seq])
    }
    for (const [debate, list] of seqs) this.deps.bus?.send({ type: 'events', debate, seqs: list, clientId })
  }

  /** A message from another app server. */
  private heard(message: BusMessage, node: string): void {
    switch (message.type) {
      case 'events':
        for (const seq of message.seqs) this.announced(message.debate, seq, message.clientId)
        return
      case 'typing': {
        const channel = this.channels.get(message.debate)
        if (channel)
          void this.relayTyping(channel, message).catch((err: unknown) => this.deps.log.warn({ err }, 'live typing relay failed'))
        return
      }
      case 'presence': {
        const channel = this.channels.get(message.debate)
        if (!channel) return
        channel.remote.set(node, { share: message.presence, at: Date.now() })
        this.presenceChanged(channel)
        return
      }
      case 'sessions':
        return this.endSessions(message.ids)
      case 'access':
        return this.refreshAccess(message.debate)
    }
  }

  /**
   * Compares every followed debate's seq with the database's, and delivers what a lost or late
   * notification would have announced.
   */
  private async check(): Promise<void> {
    const followed = [...this.channels.values()].filter((c) => c.seq !== null).map((c) => c.slug)
    if (followed.length === 0) return
    for (const [slug, seq] of await this.deps.debates.seqs(followed)) {
      const channel = this.channels.get(slug)
      if (channel && seq > channel.newest) this.announced(slug, seq)
    }
  }

  /**
   * Another app server committed `seq` in the debate (the bus's notification): it is read from
   * the log and delivered, with whatever else committed before it.
   */
  announced(slug: string, seq: number, clientId: string | null = null): void {
    this.committed(slug, seq, { clientId })
  }

  /** The debates followed here, with the seq their members have been sent (for the bus's periodic check). */
  followedDebates(): Map<string, number> {
    const out = new Map<string, number>()
    for (const channel of this.channels.values()) if (channel.seq !== null) out.set(channel.slug, channel.seq)
    return out
  }

  /** Test seam: observes every published event. */
  onPublish(listener: (event: StoredEvent, clientId: string | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private committed(slug: string, seq: number, known: Known): void {
    const channel = this.channels.get(slug)
    if (channel?.committed(seq, known)) void this.track(channel.run(() => this.advance(channel)))
  }

  /**
   * The delivery task of a channel: everything that has committed beyond what its members were
   * sent, in order, from the events in hand where it has them and from the log for the rest.
   * A failure leaves `seq` where it was, and the next commit, or the bus's periodic check, tries again.
   */
  private async advance(channel: Channel): Promise<void> {
    try {
      while (this.channels.get(channel.slug) === channel && channel.seq !== null && channel.seq < channel.newest) {
        if (channel.members.size === 0) {
          channel.seq = channel.newest
          break
        }
        const debate = await this.deps.debates.bySlug(channel.slug)
        if (!debate) return this.dropChannel(channel)
        await this.catchUp(channel, this.viewOf(debate), channel.newest)
      }
    } catch (err) {
      this.deps.log.warn({ err, debate: channel.slug, seq: channel.seq }, 'live delivery failed')
    } finally {
      if (channel.advanced() && channel.claim()) void this.track(channel.run(() => this.advance(channel)))
    }
  }

  /**
   * Brings a channel's members up to `upTo`, from the events in hand and the log. Should the
   * log no longer hold the events in between, the members are told to refetch instead.
   */
  private async catchUp(channel: Channel, view: DebateView, upTo: number): Promise<void> {
    const from = channel.seq!
    if (upTo <= from) return
    const held: StoredEvent[] = []
    for (let seq = from + 1; seq <= upTo; seq++) {
      const event = channel.known.get(seq)?.event
      if (!event) break
      held.push(event)
    }
    const events = held.length === upTo - from ? held : await this.deps.events.since(view.debate, from, upTo - from)
    if (events[0]?.seq !== from + 1 || events.at(-1)?.seq !== upTo) {
      const reset = encode({ type: 'reset', debate: channel.slug, seq: upTo } satisfies ServerMessage)
      for (const [conn] of await this.readers(channel, view)) conn.send(reset)
      channel.seq = upTo
      return
    }
    await this.deliver(channel, view, events)
  }

  private viewOf(debate: DebateRow): DebateView {
    return new DebateView(debate, this.deps.guardian, this.deps.comments)
  }

  /** Sends events to every member, each as their audience class sees it, serialised once per class. */
  private async deliver(channel: Channel, view: DebateView, events: readonly StoredEvent[]): Promise<void> {
    // A member's new role changes what they may receive from this event on.
    if (events.some((e) => e.type === 'member.updated')) channel.access.clear()
    const readers = await this.readers(channel, view)
    await view.load(events)
    for (const event of events) {
      const clientId = channel.known.get(event.seq)?.clientId ?? null
      for (const [conn, frame] of this.frames(channel, view, readers, event, clientId)) conn.send(frame)
      channel.seq = event.seq
    }
  }

  /**
   * Each reader's frame of one event, built before any is sent: an event that cannot be
   * presented (a malformed payload) must not reach some readers and not others, so everyone
   * is told to refetch instead.
   */
  private frames(channel: Channel, view: DebateView, readers: Reader[], event: StoredEvent, clientId: string | null) {
    const byKey = new Map<string, Buffer>()
    try {
      return readers.map(([conn, viewer]): [LiveConnection, Buffer] => {
        // Only the writing tab is told its own id back: to anyone else a tab id would tie the
        // writer's frames in one debate to theirs in another (an anonymous seminar's pseudonym
        // to a public debate's real name).
        const own = clientId !== null && (conn.clientId === clientId || this.options.clientIdToAll)
        const key = own ? `${view.keyOf(event, viewer)}:own` : view.keyOf(event, viewer)
        let frame = byKey.get(key)
        if (!frame) {
          const shown = view.viewFor(viewer, event)
          frame = encode(shown ? { ...shown, clientId: own ? clientId : null } : skipOf(event))
          byKey.set(key, frame)
        }
        return [conn, frame]
      })
    } catch (err) {
      this.deps.log.warn({ err, debate: channel.slug, seq: event.seq, type: event.type }, 'live event could not be presented')
      const reset = encode({ type: 'reset', debate: channel.slug, seq: event.seq } satisfies ServerMessage)
      return readers.map(([conn]): [LiveConnection, Buffer] => [conn, reset])
    }
  }

  /**
   * The members who may read the debate, each with who they are in it. The guardian's verdict
   * on a user is reused for up to `accessTtlMs` (staggered, so the re-checks spread out) unless
   * the debate's visibility or phase changed: who may read it, and what each member sees of it
   * (a seminar's private phase), follow from those. The verdicts due are asked for in one go.
   * Members who may no longer read it leave the channel.
   */
  private async readers(channel: Channel, view: DebateView, except?: LiveConnection): Promise<Reader[]> {
    const basis = `${view.debate.visibility} ${view.debate.phase} ${view.debate.groups}`
    if (channel.accessBasis !== basis) {
      channel.access.clear()
      channel.accessBasis = basis
    }
    const now = Date.now()
    const due = new Map<number | null, Viewer>()
    for (const conn of channel.members) {
      const key = conn.user?.id ?? null
      const access = channel.access.get(key)
      if (!access || access.until <= now) due.set(key, conn.user)
    }
    if (due.size > 0) {
      const verdicts = await this.deps.guardian.readersOf(view.debate, [...due.values()])
      for (const [key, viewer] of verdicts) {
        channel.access.set(key, { viewer, until: now + this.options.accessTtlMs * (1 + Math.random() / 2) })
      }
    }
    const out: Reader[] = []
    const lost: LiveConnection[] = []
    for (const conn of channel.members) {
      const viewer = channel.access.get(conn.user?.id ?? null)?.viewer ?? null
      if (viewer === null) lost.push(conn)
      else if (conn !== except) out.push([conn, viewer])
    }
    for (const conn of lost) {
      this.leave(conn, channel.slug)
      conn.reply({ type: 'unsubscribed', debate: channel.slug, reason: 'forbidden' })
    }
    // Verdicts on readers who left are dropped once they outnumber the members.
    if (channel.access.size > 2 * channel.members.size + 16) {
      const present = new Set([...channel.members].map((c) => c.user?.id ?? null))
      for (const key of channel.access.keys()) if (!present.has(key)) channel.access.delete(key)
    }
    return out
  }

  private dropChannel(channel: Channel): void {
    for (const conn of [...channel.members, ...channel.joining]) {
      this.leave(conn, channel.slug)
      conn.reply({ type: 'unsubscribed', debate: channel.slug, reason: 'forbidden' })
    }
  }

  // Client messages

  /**
   * One client frame, from the first byte to the reply. Nothing in here may throw: a socket
   * listener that throws takes the whole process down with it, so whatever fails (parsing,
   * validation, the handler, the reply itself) is logged and answered, and a socket whose
   * answer fails too is cut off. A socket's messages are handled one after another, in the
   * order they came.
   */
  private receive(conn: LiveConnection, data: RawData, isBinary: boolean): void {
    conn.alive = true
    if (!this.connections.has(conn)) return
    // Counted as it arrives, answered in its turn.
    const allowed = this.messageLimiter.hit(conn.key).ok
    conn.inbox = this.track(conn.inbox.then(() => this.answer(conn, data, isBinary, allowed)))
  }

  private async answer(conn: LiveConnection, data: RawData, isBinary: boolean, allowed: boolean): Promise<void> {
    let type: string | undefined
    try {
      if (!this.connections.has(conn)) return
      if (!allowed) {
        const { limit, windowMs } = this.options.messages
        return this.refuse(conn, `Too many messages: at most ${limit} per ${windowMs / SECOND} s`)
      }
      const parsed = parseFrame(data, isBinary)
      if (!parsed.ok) return this.refuse(conn, parsed.error)
      type = parsed.message.type
      await this.handle(conn, parsed.message)
    } catch (err) {
      this.deps.log.warn({ err, socket: conn.serial, message: type ?? null }, 'live message failed')
      try {
        conn.reply({ type: 'error', message: 'Something went wrong on our side' })
      } catch {
        conn.socket.terminate()
      }
    }
  }

  /** Answers a bad frame; a socket that keeps sending them is closed with 1008. */
  private refuse(conn: LiveConnection, message: string): void {
    conn.reply({ type: 'error', message })
    this.badFrameLimiter.hit(conn.key)
    if (!this.badFrameLimiter.check(conn.key).ok) this.end(conn, 1008, 'too many bad frames')
  }

  /** Answers a well-formed request that cannot be served; not a bad frame. */
  private decline(conn: LiveConnection, debate: string, message: string): void {
    conn.reply({ type: 'error', debate, message })
  }

  private async handle(conn: LiveConnection, message: ClientMessage): Promise<void> {
    switch (message.type) {
      case 'subscribe':
        return this.subscribe(conn, message.debate, message.since)
      case 'unsubscribe':
        this.leave(conn, message.debate)
        conn.reply({ type: 'unsubscribed', debate: message.debate, reason: 'requested' })
        return
      case 'focus':
        return this.focus(conn, message.debate, message.anchor)
      case 'typing':
        return this.typing(conn, message)
      case 'ping':
        conn.reply({ type: 'pong' })
        return
    }
  }

  /**
   * `subscribed` with the current seq (and a seminar's room as of it), then (given `since`) the
   * missed events or `reset`, then live events. The subscriber is in its channel's `joining`
   * from the start, so nothing that commits from then on escapes the channel; it becomes a
   * member in a task of the channel once it has been sent everything up to the channel's seq:
   * at once, or when its replay has caught up (see `pump`).
   */
  private async subscribe(conn: LiveConnection, slug: string, since: number | undefined): Promise<void> {
    if (!conn.subscriptions.has(slug) && conn.subscriptions.size >= this.options.maxSubscriptions) {
      return this.decline(conn, slug, `A socket follows at most ${this.options.maxSubscriptions} debates`)
    }
    // Subscribing again starts over from the given since; a replay still running is called off.
    this.leave(conn, slug)
    let channel = this.channels.get(slug)
    if (!channel) {
      channel = new Channel(slug)
      this.channels.set(slug, channel)
    }
    channel.joining.add(conn)
    conn.subscriptions.set(slug, { focus: null, replay: null })
    // Where the debate stands, and a seminar's room as of exactly that seq.
    const found = await this.deps.db.snapshot(async (tx) => {
      const debate = await this.deps.debates.bySlug(slug, tx)
      // Always asked afresh: a subscription is where access is granted.
      const viewer = debate ? await this.viewOf(debate).viewerOf(conn.user) : null
      if (!debate || !viewer) return undefined
      const room = debate.phase === null ? undefined : await this.deps.rooms.room(debate, viewer, tx)
      return { debate, viewer, room }
    })
    if (this.channels.get(slug) !== channel || !channel.joining.has(conn)) return
    // The same answer for a private debate as for a missing one, so slugs do not leak.
    if (!found) {
      this.leave(conn, slug)
      return this.decline(conn, slug, `No debate "${slug}"`)
    }
    const { debate, viewer, room } = found
    const seq = debate.seq
    if (!conn.reply(room ? { type: 'subscribed', debate: slug, seq, room } : { type: 'subscribed', debate: slug, seq })) {
      return this.leave(conn, slug)
    }
    const replay = new Replay(conn, slug, seq, this.options.replayHighWaterBytes, this.turns)
    if (since !== undefined && since !== seq) {
      if (this.replayable(debate, since)) replay.sent = since
      else conn.reply({ type: 'reset', debate: slug, seq })
    }
    conn.subscriptions.set(slug, { focus: null, replay })
    if (replay.sent === seq) return this.admit(channel, replay, debate, viewer)
    this.turns.enter(replay)
  }

  /**
   * One step of a replay: the next chunk of the log, as this reader sees it. Exactness rests on
   * the subscriber not being a member while it is replayed: what commits in the meantime is
   * read from the log by a later step, and once the replay has about reached the channel's
   * seq, a task of the channel sends it the rest and lets it in, so nothing comes between. A
   * debate gone or no longer readable ends in `unsubscribed`, a log pruned under the replay in `reset`.
   */
  private async pump(replay: Replay): Promise<void> {
    const { conn, slug } = replay
    const current = () => replay.state === 'running' && replay.current
    if (!current()) return
    try {
      const debate = await this.deps.debates.bySlug(slug)
      const view = debate && this.viewOf(debate)
      const viewer = view ? await view.viewerOf(conn.user) : null
      if (!current()) return
      const channel = this.channels.get(slug)
      if (!debate || !view || !viewer || !channel) {
        this.leave(conn, slug)
        conn.reply({ type: 'unsubscribed', debate: slug, reason: 'forbidden' })
        return
      }
      // Members have been sent everything up to the channel's seq.
      const target = channel.seq ?? debate.seq
      if (target - replay.sent > this.options.maxReplay) this.resetReplay(replay, target)
      else if (target - replay.sent > this.options.replayChunk) {
        if (!(await this.sendChunk(replay, view, viewer, target)) || !current()) return
        return replay.next()
      }
      await this.admit(channel, replay, debate, viewer)
    } catch (err) {
      // Where a replay cannot go on, the client resumes exactly from what it was sent when it reconnects.
      this.deps.log.warn({ err, socket: conn.serial, debate: slug }, 'live replay failed')
      this.end(conn, 1011, 'internal error')
    }
  }

  /** Sends the next events of a replay, up to `target`; false once the socket is no longer open. */
  private async sendChunk(replay: Replay, view: DebateView, viewer: ViewerClass, target: number, all = false): Promise<boolean> {
    const count = all ? target - replay.sent : Math.min(this.options.replayChunk, target - replay.sent)
    if (count <= 0) return true
    const missed = await this.deps.events.since(view.debate, replay.sent, count)
    await view.load(missed)
    // A new subscribe, or the socket going away, calls the replay off while it reads.
    if (!replay.current) return false
    if (missed[0]?.seq !== replay.sent + 1 || missed.at(-1)?.seq !== replay.sent + missed.length || (all && missed.length !== count)) {
      // Pruned under the replay: the rest can no longer be served exactly.
      this.resetReplay(replay, target)
      return true
    }
    let frames: [number, string][]
    try {
      frames = missed.map((event) => {
        const shown = view.viewFor(viewer, event)
        return [event.seq, JSON.stringify(shown ? { ...shown, clientId: null } : skipOf(event))]
      })
    } catch (err) {
      this.deps.log.warn({ err, debate: replay.slug, since: replay.sent }, 'live replay could not be presented')
      this.resetReplay(replay, target)
      return true
    }
    for (const [seq, frame] of frames) {
      if (!replay.send(frame)) return false
      replay.sent = seq
      if (!all && replay.conn.socket.bufferedAmount > this.options.replayHighWaterBytes) break
    }
    return true
  }

  /** The rest of a replay is replaced by `reset`: the client refetches, and live events follow from `seq` on. */
  private resetReplay(replay: Replay, seq: number): void {
    replay.conn.reply({ type: 'reset', debate: replay.slug, seq })
    replay.sent = seq
  }

  /**
   * Lets a subscriber who has been sent everything up to `replay.sent` in, in a task of the
   * channel: a channel without a seq yet starts from there; one whose members are further along
   * sends the subscriber the difference first; one behind brings its members up to the
   * subscriber first.
   */
  private admit(channel: Channel, replay: Replay, debate: DebateRow, viewer: ViewerClass): Promise<void> {
    const { conn, slug } = replay
    return channel.run(async () => {
      if (this.channels.get(slug) !== channel || !channel.joining.has(conn) || !replay.current) return
      const view = this.viewOf(debate)
      // A channel without a seq yet starts where the debate stood when it was read.
      if (channel.seq === null) channel.seq = Math.max(debate.seq, replay.sent)
      else if (channel.seq < replay.sent && channel.members.size === 0) channel.seq = replay.sent
      else if (channel.seq < replay.sent) await this.catchUp(channel, view, replay.sent)
      if (replay.sent < channel.seq) {
        if (!(await this.sendChunk(replay, view, viewer, channel.seq, true))) return
      }
      if (!channel.joining.has(conn) || !replay.current) return
      this.join(channel, conn, viewer)
      // What committed while the channel had no seq yet is delivered now.
      if (channel.newest > channel.seq && channel.claim()) void this.track(channel.run(() => this.advance(channel)))
    })
  }

  /** A subscriber who has been sent every event up to the channel's seq becomes a member. */
  private join(channel: Channel, conn: LiveConnection, viewer: ViewerClass): void {
    channel.access.set(conn.user?.id ?? null, { viewer, until: Date.now() + this.options.accessTtlMs })
    const subscription = conn.subscriptions.get(channel.slug)
    if (subscription?.replay) this.turns.finish(subscription.replay)
    conn.subscriptions.set(channel.slug, { focus: subscription?.focus ?? null, replay: null })
    channel.joining.delete(conn)
    channel.members.add(conn)
    this.presenceChanged(channel)
  }

  /**
   * Whether a replay from `since` is worth starting: not from the future, not too far behind.
   * Whether the log still holds the events is found by the replay's first step (see `sendChunk`).
   */
  private replayable(debate: DebateRow, since: number): boolean {
    return since <= debate.seq && debate.seq - since <= this.options.maxReplay
  }

  /** Ends a subscription: a replay still running is called off, its frames not yet sent dropped. */
  private leave(conn: LiveConnection, slug: string): void {
    const subscription = conn.subscriptions.get(slug)
    if (!subscription) return
    conn.subscriptions.delete(slug)
    if (subscription.replay) this.turns.finish(subscription.replay)
    const channel = this.channels.get(slug)
    if (!channel) return
    channel.joining.delete(conn)
    const wasMember = channel.members.delete(conn)
    if (!channel.empty) {
      if (wasMember) this.presenceChanged(channel)
      return
    }
    if (channel.presenceTimer) clearTimeout(channel.presenceTimer)
    this.channels.delete(slug)
  }

  /**
   * The debate a socket follows, or an error reply. A subscriber still replayed follows it
   * but is not a member of its channel yet.
   */
  private async followed(conn: LiveConnection, slug: string): Promise<{ view: DebateView; channel: Channel | undefined } | undefined> {
    const debate = conn.subscriptions.has(slug) ? await this.deps.debates.bySlug(slug) : undefined
    if (!debate || !conn.subscriptions.has(slug)) {
      this.decline(conn, slug, `Subscribe to "${slug}" first`)
      return undefined
    }
    return { view: this.viewOf(debate), channel: this.channels.get(slug) }
  }

  private async focus(conn: LiveConnection, slug: string, anchor: string | null): Promise<void> {
    const followed = await this.followed(conn, slug)
    if (!followed) return
    if (anchor !== null && !(await this.deps.debates.paragraph(followed.view.debate, anchor))) {
      return this.decline(conn, slug, `No paragraph "${anchor}" in debate "${slug}"`)
    }
    const subscription = conn.subscriptions.get(slug)
    if (!subscription || subscription.focus === anchor) return
    subscription.focus = anchor
    // A subscriber still replayed counts once it joins.
    if (followed.channel?.members.has(conn)) this.presenceChanged(followed.channel)
  }

  /**
   * Tells the debate's other readers that someone is writing; names no one. In a seminar's
   * private phase only the leaders are told: the stance of an argument being written is
   * exactly what participants must not learn of each other yet.
   */
  private async typing(conn: LiveConnection, { debate: slug, anchor, stance }: Extract<ClientMessage, { type: 'typing' }>): Promise<void> {
    if (!conn.user) return this.decline(conn, slug, 'Sign in to write')
    if (!this.typingLimiter.hit(conn.key).ok) return
    const followed = await this.followed(conn, slug)
    if (!followed) return
    if (!(await this.deps.debates.paragraph(followed.view.debate, anchor))) {
      return this.decline(conn, slug, `No paragraph "${anchor}" in debate "${slug}"`)
    }
    // Only someone who could post announces writing (not muted, debate not locked, ...).
    try {
      await this.deps.guardian.participant(followed.view.debate, conn.user)
    } catch (err) {
      if (err instanceof AppError && err.statusCode < 500) return this.decline(conn, slug, err.message)
      throw err
    }
    if (!followed.channel) return
    const group = (await this.deps.guardian.viewerOf(followed.view.debate, conn.user)).group
    const notice = encode({ type: 'typing', debate: slug, anchor, stance, expiresIn: this.options.typingExpiresMs } satisfies ServerMessage)
    for (const [member, viewer] of await this.readers(followed.channel, followed.view, conn)) {
      if (hearsTyping(viewer, group)) member.send(notice)
    }
    this.deps.bus?.send({ type: 'typing', debate: slug, anchor, stance, expiresIn: this.options.typingExpiresMs, group })
  }

  /** Another app server's reader is writing: its notice goes to this server's readers of the debate. */
  private async relayTyping(channel: Channel, message: Extract<BusMessage, { type: 'typing' }>): Promise<void> {
    const debate = await this.deps.debates.bySlug(channel.slug)
    if (!debate) return
    const { anchor, stance, expiresIn, group } = message
    const notice = encode({ type: 'typing', debate: channel.slug, anchor, stance, expiresIn } satisfies ServerMessage)
    for (const [member, viewer] of await this.readers(channel, this.viewOf(debate))) if (hearsTyping(viewer, group)) member.send(notice)
  }

  // Presence

  private presenceChanged(channel: Channel): void {
    if (channel.presenceTimer) return
    const wait = Math.max(0, channel.presenceSentAt + this.options.presenceIntervalMs - Date.now())
    channel.presenceTimer = setTimeout(() => {
      this.track(this.sendPresence(channel)).catch((err: unknown) =>
        this.deps.log.warn({ err, debate: channel.slug }, 'live presence failed'),
      )
    }, wait)
    channel.presenceTimer.unref()
  }

  private async sendPresence(channel: Channel): Promise<void> {
    channel.presenceTimer = null
    if (this.channels.get(channel.slug) !== channel) return
    const debate = await this.deps.debates.bySlug(channel.slug)
    if (!debate) return this.dropChannel(channel)
    const local = presenceOf(channel)
    if (this.deps.bus) this.share(channel, local)
    const now = Date.now()
    const shares = [local]
    for (const [node, { share, at }] of channel.remote) {
      if (at + 3 * this.options.presenceShareMs < now) channel.remote.delete(node)
      else shares.push(share)
    }
    const anchors = new Set(shares.flatMap((s) => Object.keys(s.readers)))
    const frameOf = (within: typeof shares) =>
      encode({
        type: 'presence',
        debate: channel.slug,
        online: count(within),
        readers: Object.fromEntries([...anchors].map((anchor) => [anchor, count(within.flatMap((s) => s.readers[anchor] ?? []))])),
      } satisfies ServerMessage)
    const everyone = frameOf(shares)
    // During group work a participant counts their own group's readers only.
    const groups = debate.groups === 'working' ? await this.deps.groups.memberGroups(debate.id) : null
    const perGroup = new Map<number | null, Buffer>()
    for (const [conn, viewer] of await this.readers(channel, this.viewOf(debate))) {
      if (groups === null || viewer.group === undefined) {
        conn.send(everyone)
        continue
      }
      const group = viewer.group
      let frame = perGroup.get(group)
      if (!frame) perGroup.set(group, (frame = frameOf(shares.map((share) => withinGroup(share, groups, group)))))
      conn.send(frame)
    }
    channel.presenceSentAt = Date.now()
  }

  /**
   * Tells the other app servers who reads the debate here, when that changed since the last
   * share or when `renew` asks for it (shares not renewed are dropped). A share too large for a
   * notification names its signed-in readers by number only: a reader with tabs on two servers
   * may then count twice.
   */
  private share(channel: Channel, local: PresenceShare, renew = false): void {
    let json = JSON.stringify(local)
    if (json === channel.shared && !renew) return
    channel.shared = json
    let share = local
    if (json.length > MAX_PAYLOAD_BYTES - 200) {
      share = {
        users: sizeOf(local.users),
        anonymous: local.anonymous,
        readers: Object.fromEntries(Object.entries(local.readers).map(([a, r]) => [a, { users: sizeOf(r.users), anonymous: r.anonymous }])),
      }
      json = JSON.stringify(share)
      if (json.length > MAX_PAYLOAD_BYTES - 200) share = { users: sizeOf(local.users), anonymous: local.anonymous, readers: {} }
    }
    this.deps.bus?.send({ type: 'presence', debate: channel.slug, presence: share })
  }

  /** Renews this server's presence shares, so the others keep counting its readers. */
  private sharePresence(): void {
    for (const channel of this.channels.values()) if (channel.members.size > 0) this.share(channel, presenceOf(channel), true)
  }

  // Upkeep

  /**
   * One round of the heartbeat, run every `pingIntervalMs`: a socket that has not answered the
   * previous round's ping (nor sent anything since) is cut off, every other one pinged.
   * Test seam: a test runs the rounds itself, each when it is ready for it.
   */
  heartbeat(): void {
    for (const conn of [...this.connections]) {
      if (!conn.alive) {
        this.disconnect(conn)
        conn.socket.terminate()
        continue
      }
      conn.alive = false
      if (conn.open) conn.socket.ping()
    }
  }

  /**
   * Looks up the sessions of the sockets that are due. An open socket counts as use of its
   * session, like any request, and its user is refreshed (a ban or a revoked admin role takes
   * effect here too).
   */
  private async checkSessions(now = Date.now()): Promise<void> {
    const due = new Map<string, LiveConnection[]>()
    for (const [conn, at] of this.sessionDue) {
      if (at > now || !conn.sessionToken) continue
      const sockets = due.get(conn.sessionToken) ?? []
      sockets.push(conn)
      due.set(conn.sessionToken, sockets)
      // Not due again while this round looks the session up.
      this.sessionDue.set(conn, now + this.options.sessionCheckMs)
    }
    for (const [token, sockets] of due) {
      const session = await this.deps.sessions.resolve(token, now)
      for (const conn of sockets) {
        if (!this.connections.has(conn)) continue
        if (!session) {
          this.end(conn, CLOSE_SESSION_ENDED, 'session ended')
          continue
        }
        conn.user = session.user
        this.sessionDue.set(conn, now + this.options.sessionCheckMs)
      }
    }
  }

  /** Drops events beyond the retention limits; clients further behind get `reset`. */
  async prune(now = Date.now()): Promise<number> {
    const { maxAgeMs, maxEvents } = this.options.retention
    const dropped = await this.deps.events.prune(now - maxAgeMs, maxEvents)
    if (dropped > 0) this.deps.log.info({ dropped }, 'pruned the live event log')
    return dropped
  }

  /** Runs `job` every `ms`, never two rounds of it at once. */
  private every(ms: number, job: () => unknown): void {
    let running = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      Promise.resolve()
        .then(job)
        .catch((err: unknown) => this.deps.log.warn({ err }, 'live upkeep failed'))
        .finally(() => {
          running = false
        })
    }, ms)
    timer.unref()
    this.timers.push(timer)
  }

  /**
   * Shutdown: every socket is closed with 1001 (going away) and given a moment to answer, so
   * the close frame reaches the peer before the connections are cut.
   */
  async shutdown(): Promise<void> {
    this.closing = true
    this.stopTimers()
    const sockets = [...this.connections].map((conn) => conn.socket)
    for (const conn of [...this.connections]) this.end(conn, 1001, 'server shutting down')
    const pending = sockets.filter((s) => s.readyState !== s.CLOSED)
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        Promise.all(pending.map((s) => new Promise((resolve) => s.once('close', resolve)))),
        new Promise((resolve) => {
          timer = setTimeout(resolve, this.options.closeGraceMs)
        }),
      ])
      clearTimeout(timer)
    }
    for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate()
  }

  /** Releases the hub's timers and cuts any socket still open; idempotent. */
  close(): void {
    this.closing = true
    this.stopTimers()
    for (const conn of [...this.connections]) {
      this.disconnect(conn)
      conn.socket.terminate()
    }
    for (const channel of this.channels.values()) if (channel.presenceTimer) clearTimeout(channel.presenceTimer)
    this.channels.clear()
  }

  private stopTimers(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer)
    this.turns.stop()
  }
}

/** Stands in for an event the reader may not see, so their seq has no gap. */
function skipOf(event: StoredEvent): ServerMessage {
  return { type: 'skip', debate: event.debate, seq: event.seq }
}

/** Who reads a debate through this server's sockets: a signed-in reader once however many tabs they have open. */
function presenceOf(channel: Channel): PresenceShare {
  const users = new Set<string>()
  let anonymous = 0
  const readers = new Map<string, { users: Set<string>; anonymous: number }>()
  for (const conn of channel.members) {
    if (conn.user) users.add(conn.readerKey)
    else anonymous++
    const anchor = conn.subscriptions.get(channel.slug)?.focus
    if (!anchor) continue
    const on = readers.get(anchor) ?? { users: new Set(), anonymous: 0 }
    if (conn.user) on.users.add(conn.readerKey)
    else on.anonymous++
    readers.set(anchor, on)
  }
  return {
    users: [...users],
    anonymous,
    readers: Object.fromEntries([...readers].map(([anchor, on]) => [anchor, { users: [...on.users], anonymous: on.anonymous }])),
  }
}

const sizeOf = (users: string[] | number) => (typeof users === 'number' ? users : users.length)

/** Whether a reader is told of typing by someone of `group` (undefined: not in group work, or a leader). */
function hearsTyping(viewer: ViewerClass, group: number | null | undefined): boolean {
  if (viewer.hideOthers) return false
  return viewer.group === undefined || (viewer.group !== null && viewer.group === group)
}

/**
 * A presence share cut down to the readers of one group (`groups`: user id to group). A share
 * that names its readers by number only cannot be cut down, and stays out.
 */
function withinGroup(share: PresenceShare, groups: ReadonlyMap<number, number>, group: number | null): PresenceShare {
  const keep = (users: string[] | number) =>
    typeof users === 'number' ? [] : users.filter((key) => group !== null && groups.get(Number(key.slice(1))) === group)
  return {
    users: keep(share.users),
    anonymous: 0,
    readers: Object.fromEntries(Object.entries(share.readers).map(([anchor, r]) => [anchor, { users: keep(r.users), anonymous: 0 }])),
  }
}

/** How many readers the shares of several servers name together, each signed-in reader once. */
function count(shares: { users: string[] | number; anonymous: number }[]): number {
  const users = new Set<string>()
  let total = 0
  for (const share of shares) {
    total += share.anonymous
    if (typeof share.users === 'number') total += share.users
    else for (const key of share.users) users.add(key)
  }
  return total + users.size
}
