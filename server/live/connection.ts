/**
 * One live socket and what the hub keeps about it: who is on the other end (user, session,
 * the tab's client id), which debates it follows and which paragraph it reads in each, and
 * whether it still answers pings. Sending goes through here so that a socket whose peer
 * stopped reading is cut off instead of buffering without bound.
 */
import { WebSocket } from 'ws'
import type { UserRow } from '../repositories/users.ts'
import type { ServerFrame, ServerMessage } from '../schemas/live.ts'
import type { Replay } from './replay.ts'

export interface Identity {
  user: UserRow | null
  sessionId: string | null
  /** The session cookie's token, kept to re-check the session while the socket is open. */
  sessionToken: string | null
  clientId: string | null
  /** The peer's address as the app sees it (`request.ip`), for the per-address limits. */
  address: string
}

export interface Subscription {
  /** The paragraph the reader has in view, for presence; null when none. */
  focus: string | null
  /** While the subscriber is sent what it missed: not yet a member of the debate's channel. */
  replay: Replay | null
}

export class LiveConnection {
  user: UserRow | null
  readonly sessionId: string | null
  readonly sessionToken: string | null
  readonly clientId: string | null
  readonly address: string
  /** The debates this socket follows, by slug. */
  readonly subscriptions = new Map<string, Subscription>()
  /** Cleared when a ping goes out, set again by the pong; still clear at the next ping: dead. */
  alive = true
  /** The key for per-socket rate limits. */
  readonly key: string
  /** The socket's messages are handled in order: each waits for the one before. */
  inbox: Promise<void> = Promise.resolve()

  constructor(
    readonly socket: WebSocket,
    identity: Identity,
    readonly serial: number,
    private readonly maxBufferedBytes: number,
  ) {
    this.user = identity.user
    this.sessionId = identity.sessionId
    this.sessionToken = identity.sessionToken
    this.clientId = identity.clientId
    this.address = identity.address
    this.key = String(serial)
  }

  /** Whom presence counts: a signed-in reader once however many tabs they have open. */
  get readerKey(): string {
    return this.user ? `u${this.user.id}` : `s${this.serial}`
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN
  }

  /**
   * Sends a frame. A peer that let more than the limit pile up unsent is terminated rather
   * than buffered for without bound: it resumes from its last seq when it reconnects.
   * `checked: false` is for the frames of a replay, which paces itself (see replay.ts);
   * `onWritten` is called once the frame went out to the network.
   */
  send(frame: Buffer | string, checked = true, onWritten?: (err?: Error) => void): boolean {
    if (!this.open) return false
    if (checked && this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.socket.terminate()
      return false
    }
    this.socket.send(frame, { binary: false }, onWritten)
    return true
  }

  /** Sends a message meant for this socket alone. */
  reply(message: ServerMessage, checked = true): boolean {
    return this.send(JSON.stringify(message), checked)
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.CONNECTING || this.open) this.socket.close(code, reason)
  }
}

/** Serialises a frame once, as the bytes every socket of its audience is sent. */
export function encode(message: ServerFrame): Buffer {
  return Buffer.from(JSON.stringify(message))
}
