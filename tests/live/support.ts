/**
 * Live tests run the real app on an ephemeral port and talk to it over real sockets. This
 * builds the app with tests/helper.ts's `buildApp` (which closes it after each test), with hub
 * options of the test's choosing, listens, and cuts the test's sockets after each test.
 * `LiveClient` records every frame it receives.
 */
import type { FastifyInstance } from 'fastify'
import { EventEmitter } from 'node:events'
import type { AddressInfo } from 'node:net'
import { Compile } from 'typebox/compile'
import { afterEach, expect } from 'vitest'
import WebSocket from 'ws'
import type { DB } from '../../db/client.ts'
import type { LiveOptions } from '../../server/live/hub.ts'
import { Comment } from '../../server/schemas/comments.ts'
import { DebateSettings } from '../../server/schemas/debates.ts'
import { ServerFrame } from '../../server/schemas/live.ts'
import { Person, Poll, QueueEntry, Room, Timer } from '../../server/schemas/seminars.ts'
import { WAIT_MS, Waiters } from '../../torture/waiters.ts'
import { buildApp, ORIGIN } from '../helper.ts'

const clients = new Set<LiveClient>()
/** The apps `startLive` started and that are not closed yet, for `settle`. */
const running = new Set<FastifyInstance>()

/** Every frame a socket receives, checked against the protocol's schema (server/schemas/live.ts). */
const protocol = Compile({ Comment, DebateSettings, Person, Poll, QueueEntry, Room, Timer }, ServerFrame)
/** Frames off the protocol, with what was wrong; a test that received one fails. */
const offProtocol: unknown[] = []

// Runs before helper.ts closes the apps (hooks run in reverse), so no shutdown waits on a test's socket.
afterEach(() => {
  for (const client of clients) client.close()
  clients.clear()
  running.clear()
  const received = offProtocol.splice(0)
  expect(received, 'frames the protocol does not describe').toEqual([])
})

export interface Live {
  app: FastifyInstance
  url: string
}

/** The app with the default debate, listening on 127.0.0.1 at an ephemeral port. */
export async function startLive(options: { live?: Partial<LiveOptions>; db?: DB } = {}): Promise<Live> {
  const app = await buildApp(options)
  running.add(app)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  return { app, url: `ws://127.0.0.1:${port}/api/live` }
}

// Frames are checked field by field in the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = Record<string, any>

export class LiveClient {
  readonly frames: Frame[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private readonly waiters = new Waiters()
  /** The typing notices standing, by debate and paragraph (see `typing`). */
  private readonly notices = new Map<string, { debate: string; anchor: string; stance: string; expiry: NodeJS.Timeout }>()

  private constructor(readonly socket: WebSocket) {
    clients.add(this)
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame
      if (!protocol.Check(frame)) offProtocol.push({ frame, problems: [...protocol.Errors(frame)].slice(0, 3) })
      this.frames.push(frame)
      if (frame.type === 'typing') this.noticed(frame)
      this.waiters.notify()
    })
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    })
    socket.on('error', () => {})
  }

  /** Opens a socket as a browser tab would: from the app's origin, with the user's cookie. */
  static open(
    live: Live,
    options: { cookie?: string; clientId?: string; origin?: string; ws?: WebSocket.ClientOptions } = {},
  ): Promise<LiveClient> {
    const url = options.clientId ? `${live.url}?clientId=${options.clientId}` : live.url
    const socket = new WebSocket(url, {
      origin: options.origin ?? ORIGIN,
      headers: options.cookie ? { cookie: options.cookie } : {},
      ...options.ws,
    })
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new LiveClient(socket)))
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)))
      socket.once('error', reject)
    })
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  /** The first frame, received so far or later, that matches. */
  async waitFor(match: (frame: Frame) => boolean, what = 'a matching frame'): Promise<Frame> {
    await this.until(() => this.frames.some(match), what)
    return this.frames.find(match)!
  }

  /** Resolves once the frames received satisfy the condition. */
  until(condition: () => boolean, what: string): Promise<void> {
    return this.waiters.until(condition, what, () => `received ${JSON.stringify(this.frames).slice(0, 2000)}`)
  }

  /** Subscribes and waits for the confirmation. */
  async subscribe(debate = 'sora', since?: number): Promise<Frame> {
    const from = this.frames.length
    this.send(since === undefined ? { type: 'subscribe', debate } : { type: 'subscribe', debate, since })
    return this.waitFor((f) => this.frames.indexOf(f) >= from && f.type === 'subscribed' && f.debate === debate, `subscribed to ${debate}`)
  }

  /**
   * Once the server has no work under way (see `LiveHub.idle`; a replay included), a round trip:
   * every frame the server sent before answering this ping has arrived once it resolves, so what
   * was not received by then was not sent.
   */
  async sync(): Promise<void> {
    for (const app of running) await app.hub.idle()
    const pongs = this.frames.filter((f) => f.type === 'pong').length
    this.send({ type: 'ping' })
    await this.until(() => this.frames.filter((f) => f.type === 'pong').length > pongs, 'pong')
  }

  /** The sequenced events received for a debate, in arrival order. */
  events(debate = 'sora'): Frame[] {
    return this.frames.filter((f) => f.debate === debate && typeof f.seq === 'number' && f.type.includes('.'))
  }

  /** The seqs received for a debate: its events, and the skips standing in for events not shown. */
  seqs(debate = 'sora'): number[] {
    return this.frames
      .filter((f) => f.debate === debate && typeof f.seq === 'number' && (f.type === 'skip' || f.type.includes('.')))
      .map((f) => f.seq as number)
  }

  /**
   * Who is writing in a debate as this reader can tell, paragraph by paragraph: the typing
   * notices standing, each for its `expiresIn` unless repeated, as a client keeps them.
   */
  typing(debate = 'sora'): Record<string, string> {
    return Object.fromEntries([...this.notices.values()].filter((n) => n.debate === debate).map((n) => [n.anchor, n.stance]))
  }

  /** Cuts the socket and drops the notices still standing. */
  close(): void {
    this.socket.terminate()
    for (const notice of this.notices.values()) clearTimeout(notice.expiry)
    this.notices.clear()
  }

  private noticed({ debate, anchor, stance, expiresIn }: Frame): void {
    const key = `${debate} ${anchor}`
    clearTimeout(this.notices.get(key)?.expiry)
    const expiry = setTimeout(() => {
      this.notices.delete(key)
      this.waiters.notify()
    }, expiresIn)
    this.notices.set(key, { debate, anchor, stance, expiry })
  }
}

/** Waits until the condition holds (for state on the server side), or fails naming it. */
export async function eventually(condition: () => boolean, what: string): Promise<void> {
  const giveUp = Date.now() + WAIT_MS
  while (!condition()) {
    if (Date.now() > giveUp) throw new Error(`${what} did not happen within ${WAIT_MS} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i)

/**
 * A socket handed straight to the hub (`hub.connect`), whose network the test plays: frames
 * the hub sends are recorded at once, but while the socket is stalled they count as unsent
 * (`bufferedAmount`) until `drain()` lets them out. For pacing that real sockets only show
 * under load. Its peer's frames go in with `receive`.
 */
export class FakeSocket extends EventEmitter {
  readonly frames: Frame[] = []
  readyState: number = WebSocket.OPEN
  bufferedAmount = 0
  /** The close code the hub ended it with (1006: terminated). */
  closeCode: number | null = null
  private unsent: ((err?: Error) => void)[] = []

  constructor(public stalled = false) {
    super()
  }

  /** Connects a fake socket to the hub as an anonymous reader from `address`. */
  static connect(live: Live, address = '192.0.2.1', stalled = true): FakeSocket {
    const fake = new FakeSocket(stalled)
    live.app.hub.connect(fake as unknown as WebSocket, { user: null, sessionId: null, sessionToken: null, clientId: null, address })
    fakes.add(fake)
    return fake
  }

  send(data: Buffer | string, _options: unknown, written?: (err?: Error) => void): void {
    const frame = JSON.parse(data.toString()) as Frame
    this.frames.push(frame)
    this.emit('frame', frame)
    const done = written ?? (() => {})
    if (!this.stalled) return void setImmediate(done)
    this.bufferedAmount += Buffer.byteLength(data)
    this.unsent.push(done)
  }

  /**
   * The next frame the hub sends, as soon as it is sent: what the hub does after a yield to
   * the event loop (a replay's steps) has not happened yet when this resolves.
   */
  nextFrame(): Promise<Frame> {
    return new Promise((resolve) => this.once('frame', resolve))
  }

  /** Lets every frame sent so far out to the network. */
  drain(): void {
    this.bufferedAmount = 0
    for (const written of this.unsent.splice(0)) written()
  }

  /** A frame from the peer. */
  receive(message: unknown): void {
    this.emit('message', Buffer.from(JSON.stringify(message)), false)
  }

  ping(): void {}

  close(code = 1005): void {
    this.end(code)
  }

  terminate(): void {
    this.end(1006)
  }

  /** The sequenced frames received for a debate (events, skips), by seq. */
  seqs(debate = 'sora'): number[] {
    return this.frames
      .filter((f) => f.debate === debate && typeof f.seq === 'number' && (f.type === 'skip' || f.type.includes('.')))
      .map((f) => f.seq as number)
  }

  private end(code: number): void {
    if (this.readyState === WebSocket.CLOSED) return
    this.readyState = WebSocket.CLOSED
    this.closeCode = code
    for (const written of this.unsent.splice(0)) written(new Error('closed'))
    this.emit('close', code, Buffer.alloc(0))
  }
}

const fakes = new Set<FakeSocket>()
afterEach(() => {
  for (const fake of fakes) fake.terminate()
  fakes.clear()
})

/**
 * Lets the steps already due run: immediates and what they schedule in turn, twenty deep, each
 * time also until the running apps' hubs have no work under way (on Postgres a step waits for
 * the database's answers).
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    for (const app of running) await app.hub.idle()
  }
}
