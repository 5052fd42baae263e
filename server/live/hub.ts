/**
 * The live hub: which socket follows which debate, and delivery of each committed event to
 * every socket allowed to see it, exactly once and in `seq` order. Routes publish after their
 * transaction commits; the hub never writes.
 *
 * Exactness rests on one invariant per followed debate (a channel): every member has been
 * sent every event up to `channel.seq`. A subscriber without anything to replay joins in one
 * synchronous step: it reads the debate's current seq, brings the members up to it, and joins;
 * SQLite writes in this process are synchronous, so no event can commit in between. One that
 * resumes from an older `since` is not a member while it is replayed (see replay.ts for the
 * pacing): each step sends it the next chunk of the log, and the step that finds it sent up to
 * `channel.seq` makes it a member, so what commits during the replay reaches it exactly once.
 * A published event at or below `channel.seq` was already delivered; one beyond
 * `channel.seq + 1` means an earlier one is still on its way, and the log fills the gap.
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
import { AppError } from '../errors.ts'
import type { Guardian } from '../policy/guardian.ts'
import { RateLimiter } from '../plugins/app/rate-limiter.ts'
import type { Change } from '../repositories/comments.ts'
import type { DebateRow, DebatesRepository } from '../repositories/debates.ts'
import type { EventsRepository } from '../repositories/events.ts'
import type { SessionsRepository } from '../repositories/sessions.ts'
import { CLOSE_SESSION_ENDED, type ClientMessage, type ServerMessage, type StoredEvent } from '../schemas/live.ts'
import type { Room } from '../schemas/seminars.ts'
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
}

/** What the hub reads: the debates and their log, comment states, sessions, seminar rooms, and the guardian. */
export interface HubDeps {
  debates: DebatesRepository
  events: EventsRepository
  comments: CommentStates
  sessions: SessionsRepository
  rooms: RoomSource
  guardian: Guardian
  log: HubLogger
}

/** Where a seminar's room comes from, as one reader sees it at the debate's current seq. */
export interface RoomSource {
  room(debate: DebateRow, viewer: ViewerClass): Room
}

export interface HubLogger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  debug(obj: object, msg?: string): void
}

interface Access {
  viewer: ViewerClass | null
  until: number
}

/** A debate followed by at least one socket. */
class Channel {
  readonly members = new Set<LiveConnection>()
  /** The guardian's recent verdicts, by user id (null: anonymous), given under the basis below. */
  readonly access = new Map<number | null, Access>()
  /** The debate's visibility and phase when the verdicts were given: a change of either voids them. */
  accessBasis: string | null = null
  presenceTimer: NodeJS.Timeout | null = null
  presenceSentAt = 0

  constructor(
    readonly slug: string,
    /** Every member has been sent every event up to this seq. */
    public seq: number,
  ) {}
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

  constructor(
    private readonly deps: HubDeps,
    options: Partial<LiveOptions> = {},
  ) {
    this.options = { ...DEFAULT_LIVE_OPTIONS, ...options }
    const o = this.options
    this.messageLimiter = new RateLimiter(o.messages.limit, o.messages.windowMs)
    this.typingLimiter = new RateLimiter(o.typing.limit, o.typing.windowMs)
    this.badFrameLimiter = new RateLimiter(o.badFrames.limit, o.badFrames.windowMs)
    this.turns = new ReplayTurns(o.replaysPerAddress, (replay) => this.pump(replay))
    this.every(o.pingIntervalMs, () => this.heartbeat())
    this.every(Math.max(10, o.sessionCheckMs / 5), () => this.checkSessions())
    this.every(o.pruneIntervalMs, () => this.prune())
    this.every(Math.max(o.messages.windowMs, o.typing.windowMs, o.badFrames.windowMs), () => {
      for (const limiter of [this.messageLimiter, this.typingLimiter, this.badFrameLimiter]) limiter.sweep()
    })
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

  /** Closes the sockets of ended sessions (logout, ban). */
  closeSessions(sessionIds: string[]): void {
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
    if (accessChanged !== undefined) this.refreshAccess(accessChanged)
    for (const event of events) {
      for (const listener of this.listeners) listener(event, clientId)
      try {
        this.publishOne(event, clientId)
      } catch (err) {
        // The write has committed and its reply must not fail; the next event's catch-up
        // delivers this one from the log.
        this.deps.log.warn({ err, debate: event.debate, seq: event.seq }, 'live delivery failed')
      }
    }
  }

  /** Test seam: observes every published event. */
  onPublish(listener: (event: StoredEvent, clientId: string | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private publishOne(event: StoredEvent, clientId: string | null): void {
    let channel = this.channels.get(event.debate)
    if (!channel || event.seq <= channel.seq) return
    const debate = this.deps.debates.bySlug(event.debate)
    if (!debate) return this.dropChannel(channel)
    const view = this.viewOf(debate)
    if (event.seq > channel.seq + 1) {
      this.catchUp(channel, view, event.seq - 1)
      // Catching up may have emptied the channel of readers.
      channel = this.channels.get(event.debate)
      if (!channel) return
    }
    this.deliver(channel, view, [event], clientId)
  }

  private viewOf(debate: DebateRow): DebateView {
    return new DebateView(debate, this.deps.guardian, this.deps.comments)
  }

  /** Sends events to every member, each as their audience class sees it, serialised once per class. */
  private deliver(channel: Channel, view: DebateView, events: readonly StoredEvent[], clientId: string | null): void {
    // A member's new role changes what they may receive from this event on.
    if (events.some((e) => e.type === 'member.updated')) channel.access.clear()
    const readers = this.readers(channel, view)
    view.load(events)
    for (const event of events) {
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
   * Brings a channel's members up to `upTo` from the log. Should the log no longer hold the
   * events in between, the members are told to refetch instead.
   */
  private catchUp(channel: Channel, view: DebateView, upTo: number): void {
    if (upTo <= channel.seq) return
    const missed = this.deps.events.since(view.debate, channel.seq, upTo - channel.seq)
    if (missed[0]?.seq !== channel.seq + 1 || missed.at(-1)?.seq !== upTo) {
      const reset = encode({ type: 'reset', debate: channel.slug, seq: upTo } satisfies ServerMessage)
      for (const [conn] of this.readers(channel, view)) conn.send(reset)
      channel.seq = upTo
      return
    }
    this.deliver(channel, view, missed, null)
  }

  /**
   * The members who may read the debate, each with who they are in it. The guardian's verdict
   * on a user is reused for up to `accessTtlMs` (staggered, so the re-checks spread out) unless
   * the debate's visibility or phase changed: who may read it, and what each member sees of it
   * (a seminar's private phase), follow from those. Members who may no longer read it leave the
   * channel.
   */
  private readers(channel: Channel, view: DebateView, except?: LiveConnection): Reader[] {
    const basis = `${view.debate.visibility} ${view.debate.phase}`
    if (channel.accessBasis !== basis) {
      channel.access.clear()
      channel.accessBasis = basis
    }
    const now = Date.now()
    const out: Reader[] = []
    const lost: LiveConnection[] = []
    for (const conn of channel.members) {
      const key = conn.user?.id ?? null
      let access = channel.access.get(key)
      if (!access || access.until <= now) {
        access = { viewer: view.viewerOf(conn.user), until: now + this.options.accessTtlMs * (1 + Math.random() / 2) }
        channel.access.set(key, access)
      }
      if (access.viewer === null) lost.push(conn)
      else if (conn !== except) out.push([conn, access.viewer])
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
    for (const conn of [...channel.members]) {
      this.leave(conn, channel.slug)
      conn.reply({ type: 'unsubscribed', debate: channel.slug, reason: 'forbidden' })
    }
  }

  // Client messages

  /**
   * One client frame, from the first byte to the reply. Nothing in here may throw: a socket
   * listener that throws takes the whole process down with it, so whatever fails (parsing,
   * validation, the handler, the reply itself) is logged and answered, and a socket whose
   * answer fails too is cut off.
   */
  private receive(conn: LiveConnection, data: RawData, isBinary: boolean): void {
    let type: string | undefined
    try {
      conn.alive = true
      if (!this.connections.has(conn)) return
      if (!this.messageLimiter.hit(conn.key).ok) {
        const { limit, windowMs } = this.options.messages
        return this.refuse(conn, `Too many messages: at most ${limit} per ${windowMs / SECOND} s`)
      }
      const parsed = parseFrame(data, isBinary)
      if (!parsed.ok) return this.refuse(conn, parsed.error)
      type = parsed.message.type
      this.handle(conn, parsed.message)
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

  private handle(conn: LiveConnection, message: ClientMessage): void {
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
   * missed events or `reset`, then live events. Without a replay the subscriber joins the
   * channel in this same step; with one it joins when the replay has caught up (see `pump`).
   */
  private subscribe(conn: LiveConnection, slug: string, since: number | undefined): void {
    const debate = this.deps.debates.bySlug(slug)
    const view = debate && this.viewOf(debate)
    // Always asked afresh: a subscription is where access is granted.
    const viewer = view ? view.viewerOf(conn.user) : null
    // The same answer for a private debate as for a missing one, so slugs do not leak.
    if (!debate || !view || !viewer) return this.decline(conn, slug, `No debate "${slug}"`)
    if (!conn.subscriptions.has(slug) && conn.subscriptions.size >= this.options.maxSubscriptions) {
      return this.decline(conn, slug, `A socket follows at most ${this.options.maxSubscriptions} debates`)
    }
    // Subscribing again starts over from the given since; a replay still running is called off.
    this.leave(conn, slug)

    const seq = debate.seq
    const existing = this.channels.get(slug)
    if (existing) this.catchUp(existing, view, seq)
    // A seminar's room is read in this same step, so it is the state as of `seq` exactly.
    const room = debate.phase === null ? undefined : this.deps.rooms.room(debate, viewer)
    if (!conn.reply(room ? { type: 'subscribed', debate: slug, seq, room } : { type: 'subscribed', debate: slug, seq })) return
    const replay = new Replay(conn, slug, seq, this.options.replayHighWaterBytes, this.turns)
    if (since !== undefined && since !== seq) {
      if (this.replayable(debate, since)) replay.sent = since
      else conn.reply({ type: 'reset', debate: slug, seq })
    }
    if (replay.sent === seq) return this.join(conn, slug, debate, viewer)
    conn.subscriptions.set(slug, { focus: null, replay })
    this.turns.enter(replay)
  }

  /**
   * One step of a replay: the next chunk of the log, as this reader sees it. Exactness rests on
   * the subscriber not being a member while it is replayed: what commits in the meantime is
   * read from the log by a later step, and in the step in which the replay has reached the
   * channel's seq the subscriber joins the channel, so nothing comes between. A debate gone or
   * no longer readable ends in `unsubscribed`, a log pruned under the replay in `reset`.
   */
  private pump(replay: Replay): void {
    const { conn, slug } = replay
    if (replay.state !== 'running' || conn.subscriptions.get(slug)?.replay !== replay) return
    try {
      const debate = this.deps.debates.bySlug(slug)
      const view = debate && this.viewOf(debate)
      const viewer = view ? view.viewerOf(conn.user) : null
      if (!debate || !view || !viewer) {
        this.leave(conn, slug)
        conn.reply({ type: 'unsubscribed', debate: slug, reason: 'forbidden' })
        return
      }
      // Members have been sent everything up to the channel's seq; without members, up to the debate's.
      const target = this.channels.get(slug)?.seq ?? debate.seq
      if (target - replay.sent > this.options.maxReplay) this.resetReplay(replay, target)
      else if (replay.sent < target && !this.sendChunk(replay, view, viewer, target)) return
      if (replay.sent >= target) return this.join(conn, slug, debate, viewer)
      replay.next()
    } catch (err) {
      // Where a replay cannot go on, the client resumes exactly from what it was sent when it reconnects.
      this.deps.log.warn({ err, socket: conn.serial, debate: slug }, 'live replay failed')
      this.end(conn, 1011, 'internal error')
    }
  }

  /** Sends the next events of a replay, up to `target`; false once the socket is no longer open. */
  private sendChunk(replay: Replay, view: DebateView, viewer: ViewerClass, target: number): boolean {
    const missed = this.deps.events.since(view.debate, replay.sent, Math.min(this.options.replayChunk, target - replay.sent))
    if (missed[0]?.seq !== replay.sent + 1 || missed.at(-1)?.seq !== replay.sent + missed.length) {
      // Pruned under the replay: the rest can no longer be served exactly.
      this.resetReplay(replay, target)
      return true
    }
    view.load(missed)
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
      if (replay.conn.socket.bufferedAmount > this.options.replayHighWaterBytes) break
    }
    return true
  }

  /** The rest of a replay is replaced by `reset`: the client refetches, and live events follow from `seq` on. */
  private resetReplay(replay: Replay, seq: number): void {
    replay.conn.reply({ type: 'reset', debate: replay.slug, seq })
    replay.sent = seq
  }

  /** A subscriber who has been sent every event up to the channel's seq becomes a member. */
  private join(conn: LiveConnection, slug: string, debate: DebateRow, viewer: ViewerClass): void {
    let channel = this.channels.get(slug)
    if (!channel) {
      channel = new Channel(slug, debate.seq)
      this.channels.set(slug, channel)
    }
    channel.access.set(conn.user?.id ?? null, { viewer, until: Date.now() + this.options.accessTtlMs })
    const replay = conn.subscriptions.get(slug)?.replay
    if (replay) this.turns.finish(replay)
    conn.subscriptions.set(slug, { focus: conn.subscriptions.get(slug)?.focus ?? null, replay: null })
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
    if (!channel?.members.delete(conn)) return
    if (channel.members.size > 0) return this.presenceChanged(channel)
    if (channel.presenceTimer) clearTimeout(channel.presenceTimer)
    this.channels.delete(slug)
  }

  /**
   * The debate a socket follows, or an error reply. Its channel is missing while the
   * subscription is still replayed and no one else follows the debate.
   */
  private followed(conn: LiveConnection, slug: string): { view: DebateView; channel: Channel | undefined } | undefined {
    const debate = conn.subscriptions.has(slug) ? this.deps.debates.bySlug(slug) : undefined
    if (!debate) {
      this.decline(conn, slug, `Subscribe to "${slug}" first`)
      return undefined
    }
    return { view: this.viewOf(debate), channel: this.channels.get(slug) }
  }

  private focus(conn: LiveConnection, slug: string, anchor: string | null): void {
    const followed = this.followed(conn, slug)
    if (!followed) return
    if (anchor !== null && !this.deps.debates.paragraph(followed.view.debate, anchor)) {
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
  private typing(conn: LiveConnection, { debate: slug, anchor, stance }: Extract<ClientMessage, { type: 'typing' }>): void {
    if (!conn.user) return this.decline(conn, slug, 'Sign in to write')
    if (!this.typingLimiter.hit(conn.key).ok) return
    const followed = this.followed(conn, slug)
    if (!followed) return
    if (!this.deps.debates.paragraph(followed.view.debate, anchor)) {
      return this.decline(conn, slug, `No paragraph "${anchor}" in debate "${slug}"`)
    }
    // Only someone who could post announces writing (not muted, debate not locked, ...).
    try {
      this.deps.guardian.participant(followed.view.debate, conn.user)
    } catch (err) {
      if (err instanceof AppError && err.statusCode < 500) return this.decline(conn, slug, err.message)
      throw err
    }
    if (!followed.channel) return
    const notice = encode({ type: 'typing', debate: slug, anchor, stance, expiresIn: this.options.typingExpiresMs } satisfies ServerMessage)
    for (const [member, viewer] of this.readers(followed.channel, followed.view, conn)) if (!viewer.hideOthers) member.send(notice)
  }

  // Presence

  private presenceChanged(channel: Channel): void {
    if (channel.presenceTimer) return
    const wait = Math.max(0, channel.presenceSentAt + this.options.presenceIntervalMs - Date.now())
    channel.presenceTimer = setTimeout(() => this.sendPresence(channel), wait)
    channel.presenceTimer.unref()
  }

  private sendPresence(channel: Channel): void {
    channel.presenceTimer = null
    if (this.channels.get(channel.slug) !== channel) return
    const debate = this.deps.debates.bySlug(channel.slug)
    if (!debate) return this.dropChannel(channel)
    const online = new Set<string>()
    const readers = new Map<string, Set<string>>()
    for (const conn of channel.members) {
      online.add(conn.readerKey)
      const anchor = conn.subscriptions.get(channel.slug)?.focus
      if (!anchor) continue
      const keys = readers.get(anchor) ?? new Set()
      keys.add(conn.readerKey)
      readers.set(anchor, keys)
    }
    const frame = encode({
      type: 'presence',
      debate: channel.slug,
      online: online.size,
      readers: Object.fromEntries([...readers].map(([anchor, keys]) => [anchor, keys.size])),
    } satisfies ServerMessage)
    for (const [conn] of this.readers(channel, this.viewOf(debate))) conn.send(frame)
    channel.presenceSentAt = Date.now()
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
  private checkSessions(now = Date.now()): void {
    const due = new Map<string, LiveConnection[]>()
    for (const [conn, at] of this.sessionDue) {
      if (at > now || !conn.sessionToken) continue
      const sockets = due.get(conn.sessionToken) ?? []
      sockets.push(conn)
      due.set(conn.sessionToken, sockets)
    }
    for (const [token, sockets] of due) {
      const session = this.deps.sessions.resolve(token, now)
      for (const conn of sockets) {
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
  prune(now = Date.now()): number {
    const { maxAgeMs, maxEvents } = this.options.retention
    const dropped = this.deps.events.prune(now - maxAgeMs, maxEvents)
    if (dropped > 0) this.deps.log.info({ dropped }, 'pruned the live event log')
    return dropped
  }

  private every(ms: number, job: () => void): void {
    const timer = setInterval(() => {
      try {
        job()
      } catch (err) {
        this.deps.log.warn({ err }, 'live upkeep failed')
      }
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
