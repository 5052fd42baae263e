/**
 * A debate followed by at least one socket of this process, and the order in which things
 * happen to it. Everything that sends a debate's events or lets a subscriber in (a delivery, a
 * subscriber joining, a replay's last step) is a task of its channel, run one at a time in the
 * order they were handed in; between tasks the channel's invariant holds: every member has
 * been sent every event up to `seq`.
 *
 * The channel learns which events have committed from its process's own writes (`publish`,
 * with the events in hand) and from the other app servers' (the bus: only the seq); what it
 * does not hold it reads from the log.
 */
import type { StoredEvent } from '../schemas/live.ts'
import type { PresenceShare } from './bus.ts'
import type { LiveConnection } from './connection.ts'
import type { ViewerClass } from './visibility.ts'

export interface Access {
  viewer: ViewerClass | null
  until: number
}

/** A committed event this process knows of but has not delivered yet. */
export interface Known {
  /** The event, when it was written here; read from the log otherwise. */
  event?: StoredEvent
  /** The tab whose write caused it, if any. */
  clientId: string | null
}

export class Channel {
  readonly members = new Set<LiveConnection>()
  /** Subscribers who are not members yet: being told where they start, or replayed. */
  readonly joining = new Set<LiveConnection>()
  /** The guardian's recent verdicts, by user id (null: anonymous), given under the basis below. */
  readonly access = new Map<number | null, Access>()
  /** The debate's visibility and phase when the verdicts were given: a change of either voids them. */
  accessBasis: string | null = null
  presenceTimer: NodeJS.Timeout | null = null
  presenceSentAt = 0
  /** Who reads the debate through the other app servers, as each last shared it. */
  readonly remote = new Map<string, { share: PresenceShare; at: number }>()
  /** What this server last shared of its own readers (JSON), so an unchanged share is not sent again. */
  shared: string | null = null
  /**
   * Every member has been sent every event up to this seq; null until the first subscriber has
   * read where the debate stands.
   */
  seq: number | null = null
  /** The newest seq known to have committed. */
  newest = 0
  /** Committed events beyond `seq` that this process knows of, by seq. */
  readonly known = new Map<number, Known>()
  private work: Promise<void> = Promise.resolve()
  private advancing = false

  constructor(readonly slug: string) {}

  get empty(): boolean {
    return this.members.size === 0 && this.joining.size === 0
  }

  /** Runs `task` after every task handed in before it. */
  run(task: () => Promise<void>): Promise<void> {
    const next = this.work.then(task)
    this.work = next.catch(() => undefined)
    return next
  }

  /** Notes that `seq` has committed; true when a delivery should be started for it. */
  committed(seq: number, known: Known): boolean {
    if (this.seq !== null && seq <= this.seq) return false
    this.known.set(seq, known)
    if (seq > this.newest) this.newest = seq
    if (this.advancing) return false
    this.advancing = true
    return true
  }

  /** Called by the delivery task when it is done; true when more has committed meanwhile. */
  advanced(): boolean {
    if (this.seq !== null) for (const seq of this.known.keys()) if (seq <= this.seq) this.known.delete(seq)
    this.advancing = false
    return this.seq !== null && this.newest > this.seq
  }

  /** Starts a delivery when none is under way. */
  claim(): boolean {
    if (this.advancing) return false
    this.advancing = true
    return true
  }
}
