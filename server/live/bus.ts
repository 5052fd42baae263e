/**
 * What one app server tells the others that share its Postgres database, through Postgres'
 * own notifications (NOTIFY/LISTEN on one channel): that events committed, that someone is
 * writing, who is reading, which sessions ended and whose access changed. On SQLite there is
 * one process and no bus.
 *
 * The log stays the truth: a notification only says "seq n of this debate has committed";
 * each server reads what it lacks from the log (see hub.ts). A notification that is lost (the
 * listening connection dropped) or late is healed by the next one, or by the periodic check
 * that compares every followed debate's seq with the database's.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { DB } from '../../db/client.ts'
import { isPostgres } from '../../db/postgres.ts'
import type { ClientMessage } from '../schemas/live.ts'
import type { HubLogger } from './hub.ts'

const CHANNEL = 'marginalia_live'
/** Postgres refuses notification payloads of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7_900

/** Who reads a debate on one server: signed-in readers by key, and how many anonymous sockets. */
export interface PresenceShare {
  /** Signed-in readers (`u<id>`) online, or, where the list would not fit, just how many. */
  users: string[] | number
  anonymous: number
  /** Per paragraph: the signed-in readers on it (or how many), and anonymous sockets on it. */
  readers: Record<string, { users: string[] | number; anonymous: number }>
}

export type BusMessage =
  | { type: 'events'; debate: string; seqs: number[]; clientId: string | null }
  | {
      type: 'typing'
      debate: string
      anchor: string
      stance: Extract<ClientMessage, { type: 'typing' }>['stance']
      expiresIn: number
      /** The writer's group during group work (undefined: not in group work, or a leader). */
      group?: number | null
    }
  | { type: 'presence'; debate: string; presence: PresenceShare }
  | { type: 'sessions'; ids: string[] }
  | { type: 'access'; debate: string }

export interface BusListener {
  (message: BusMessage, node: string): void
}

export interface Bus {
  /** This server's id among the others. */
  readonly node: string
  send(message: BusMessage): void
  /** Starts listening; `listener` gets every other server's messages, `reconnected` runs after a lost connection came back. */
  start(listener: BusListener, reconnected: () => void): Promise<void>
  close(): Promise<void>
}

/** The bus the database offers: Postgres' notifications, or none for SQLite's single process. */
export function busFor(db: DB, log: HubLogger): Bus | null {
  return isPostgres(db) ? new PostgresBus(db.pool, db.url, log) : null
}

/** The bus over a Postgres database's notifications. */
export class PostgresBus implements Bus {
  readonly node = randomBytes(6).toString('base64url')
  private client: pg.Client | null = null
  private closed = false
  private retry: NodeJS.Timeout | null = null
  private listener: BusListener = () => undefined
  private reconnected: () => void = () => undefined

  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    private readonly log: HubLogger,
  ) {}

  async start(listener: BusListener, reconnected: () => void): Promise<void> {
    this.listener = listener
    this.reconnected = reconnected
    await this.listen()
  }

  /** Sends after the caller's commit; a message that cannot be sent is healed by the periodic check. */
  send(message: BusMessage): void {
    if (this.closed) return
    const payload = JSON.stringify({ node: this.node, ...message })
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      this.log.warn({ type: message.type, bytes: Buffer.byteLength(payload) }, 'live bus message too large; not sent')
      return
    }
    this.pool.query('select pg_notify($1, $2)', [CHANNEL, payload]).catch((err: unknown) => {
      if (!this.closed) this.log.warn({ err }, 'live bus could not notify')
    })
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.retry) clearTimeout(this.retry)
    const client = this.client
    this.client = null
    await client?.end().catch(() => undefined)
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString })
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return
      let parsed: BusMessage & { node?: string }
      try {
        parsed = JSON.parse(n.payload) as BusMessage & { node?: string }
      } catch {
        return
      }
      if (parsed.node === this.node || typeof parsed.node !== 'string') return
      try {
        this.listener(parsed, parsed.node)
      } catch (err) {
        this.log.warn({ err, type: parsed.type }, 'live bus message failed')
      }
    })
    client.on('error', (err) => {
      this.log.warn({ err }, 'live bus connection failed')
      this.lost(client)
    })
    client.on('end', () => this.lost(client))
    await client.connect()
    await client.query(`listen ${CHANNEL}`)
    this.client = client
  }

  /** The listening connection dropped: it is opened again, and what was missed meanwhile is caught up. */
  private lost(client: pg.Client): void {
    if (this.client !== client || this.closed) return
    this.client = null
    const again = (delay: number) => {
      this.retry = setTimeout(() => {
        this.listen()
          .then(() => this.reconnected())
          .catch(() => again(Math.min(delay * 2, 5_000)))
      }, delay)
      this.retry.unref()
    }
    again(100)
  }
}
