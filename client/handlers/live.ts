/**
 * The live reader: the one place that decides what each live message means for the page.
 * The connection (services/live.ts) hands it every frame; it applies the debate log's events
 * to the store through the slices and starts what an event causes beyond its own fields:
 * the debate loaded anew after `reset`, `essay.updated`, a change of the reader's own role,
 * or a phase that reveals or hides arguments; the room on `subscribed`. It also keeps the
 * connection following the debate the store has open, expires typing notices, and tells a
 * reader back from any absence (a hidden tab, a lost connection) what they missed, once the
 * replay is in.
 */
import { msg, str } from '@lit/localize'
import { paragraphNumber } from '../services/essay.ts'
import { awayLine } from '../services/format.ts'
import type { Connection, LiveConnection, LiveListener } from '../services/live.ts'
import type { LiveEvent, ServerFrame, SkipMessage, Stance } from '../services/types.ts'
import { applyLiveEvent } from '../state/events.ts'
import { awaySummary, setAway, setConnection, setPresence, setTyping, snapshotCounts, type AwaySummary, type Tally } from '../state/live.ts'
import { currentPhase } from '../state/seminar.ts'
import type { AppState } from '../state/store.ts'
import { announce, type Context, type Presence } from './context.ts'
import { receiveRoom, refetch } from './debate.ts'

export class LiveReader implements LiveListener, Presence {
  private live: LiveConnection | null = null
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>()
  /** The signed-in reader's id the socket was opened with (`undefined`: not known yet). */
  private user: number | null | undefined = undefined
  /** The paragraph in the middle of the screen. */
  private viewing: string | null = null
  /** The counts when the reader went away. */
  private away: { counts: Record<string, Tally>; debate: string } | null = null
  private summaryDue = false
  private unsubscribe: (() => void) | null = null

  constructor(private readonly context: Context) {}

  /** What the connection should follow: the debate once loaded, from the last seq applied. */
  readonly following = (): { debate: string; since: number } | null => {
    const debate = this.context.store.state.debate
    return debate && debate.status === 'ready' ? { debate: debate.slug, since: debate.seq } : null
  }

  /** Starts reading `connection`, and keeps it following the store's debate and reader. */
  start(connection: LiveConnection): void {
    this.live = connection
    const { store } = this.context
    this.user = userOf(store.state)
    this.unsubscribe = store.subscribe((state) => {
      const user = userOf(state)
      const before = this.user
      this.user = user
      if (before !== undefined && user !== before) connection.restart()
      else connection.follow()
    })
    connection.start()
  }

  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = null
    this.live?.stop()
    for (const t of this.typingTimers.values()) clearTimeout(t)
    this.typingTimers.clear()
  }

  /** The page was hidden (`true`) or shown again: what happened meanwhile is summed up. */
  setHidden(hidden: boolean): void {
    if (hidden) this.markAway()
    else {
      this.summaryDue = true
      this.live?.check()
    }
  }

  typing(anchor: string, stance: Stance): void {
    this.live?.typing(anchor, stance)
  }

  /** Presence follows what is being read: the thread opened last, else the paragraph in view. */
  reading(viewing?: string | null): void {
    if (viewing !== undefined) this.viewing = viewing
    this.live?.focus(this.context.store.state.open.at(-1) ?? this.viewing)
  }

  connection(connection: Connection): void {
    const { store } = this.context
    if (connection !== 'offline') {
      store.update((s) => setConnection(s, connection))
      return
    }
    this.markAway()
    // Typing notices of a connection that is gone would stand forever.
    for (const t of this.typingTimers.values()) clearTimeout(t)
    this.typingTimers.clear()
    const lost = store.state.live.connection === 'online'
    store.update((s) => setConnection({ ...s, live: { ...s.live, typing: {} } }, 'offline'))
    if (lost) announce(this.context, msg('Offline, reconnecting…'))
  }

  message(frame: ServerFrame): void {
    const { store } = this.context
    switch (frame.type) {
      case 'pong':
        if (this.summaryDue) this.summarise()
        return
      case 'subscribed':
        // A seminar's room comes whole with the subscription, current at once after a reconnect.
        if (frame.room && frame.debate === store.state.debate?.slug) receiveRoom(this.context, frame.room)
        this.summaryDue = this.away !== null
        return
      case 'reset':
        void this.reset(frame.debate, frame.seq)
        return
      case 'presence': {
        const { debate, online, readers } = frame
        store.update((s) => setPresence(s, debate, online, readers))
        return
      }
      case 'typing':
        this.typingNotice(frame.anchor, frame.stance, frame.expiresIn)
        return
      case 'unsubscribed':
      case 'error':
        return
      default:
        // The log's events, and `skip` for one this reader may not see: each advances the seq.
        this.apply(frame)
    }
  }

  /** An event of the debate log: into the store, then what it causes beyond its own fields. */
  private apply(event: LiveEvent | SkipMessage): void {
    const { store } = this.context
    const before = store.state
    store.update((s) => applyLiveEvent(s, event))
    const state = store.state
    const me = state.user
    const phase = currentPhase(before)
    const now = currentPhase(state)
    const spotlight = state.seminar.room?.spotlight
    switch (event.type) {
      // A new version of the essay changes paragraphs, not just tallies: load it whole.
      case 'essay.updated':
        if (event.debate === state.debate?.slug) void refetch(this.context)
        return
      // The reader's own role or mute changed: the debate tells what the page now offers them.
      case 'member.updated':
        if (me && event.user.id === me.id) void refetch(this.context)
        return
      // Revealing (or closing) changes what the reader may see: the counts and threads come anew.
      case 'phase.changed':
        if (now !== phase && (now === 'open' || now === 'closed' || phase === 'private')) void refetch(this.context)
        return
      // Group work starting or ending changes whose arguments and tallies the reader sees.
      case 'groups.changed':
        if ((before.seminar.room?.groups.state === 'working') !== (event.state === 'working')) void refetch(this.context)
        return
      case 'spotlight.changed':
        if (spotlight && spotlight !== before.seminar.room?.spotlight) {
          const n = paragraphNumber(state.debate?.essay?.blocks ?? [], spotlight)
          if (n > 0) announce(this.context, msg(str`The leader is spotlighting paragraph ${n}.`))
        }
        return
    }
  }

  /** The server could not replay what was missed: its log starts over from this seq, and the page loads anew. */
  private async reset(debate: string, seq: number): Promise<void> {
    const { store } = this.context
    const slug = store.state.debate?.slug
    if (!slug || debate !== slug) return
    store.update((s) => (s.debate ? { ...s, debate: { ...s.debate, seq } } : s))
    // What was missed comes with the reload, not the replay: the summary waits for it.
    const due = this.summaryDue
    this.summaryDue = false
    await refetch(this.context)
    if (due) this.summarise()
  }

  /** Someone writes an argument of `stance` under `anchor`; the notice stands for `expiresIn` ms unless repeated. */
  private typingNotice(anchor: string, stance: Stance, expiresIn: number): void {
    const { store } = this.context
    store.update((s) => setTyping(s, anchor, stance))
    clearTimeout(this.typingTimers.get(anchor))
    this.typingTimers.set(
      anchor,
      setTimeout(() => {
        this.typingTimers.delete(anchor)
        store.update((s) => setTyping(s, anchor, null))
      }, expiresIn),
    )
  }

  private markAway(): void {
    const state = this.context.store.state
    if (this.away || !state.debate?.essay) return
    this.away = { counts: snapshotCounts(state), debate: state.debate.slug }
  }

  private summarise(): void {
    this.summaryDue = false
    const away = this.away
    if (!away || (typeof document !== 'undefined' && document.visibilityState === 'hidden')) return
    this.away = null
    const { store } = this.context
    const state = store.state
    if (state.debate?.slug !== away.debate) return
    const summary = awaySummary(away.counts, state)
    if (!summary) return
    store.update((s) => setAway(s, summary))
    announce(this.context, describeAway(summary, state))
  }
}

function userOf(state: AppState): number | null | undefined {
  return state.user === undefined ? undefined : (state.user?.id ?? null)
}

/** "While you were away: Paragraph 3: 2 new arguments. Paragraph 5: 1 new reply." */
export function describeAway(summary: AwaySummary, state: AppState): string {
  const blocks = state.debate?.essay?.blocks ?? []
  const lines = Object.entries(summary).map(([anchor, change]) => `${awayLine(paragraphNumber(blocks, anchor), change)}.`)
  return [msg('While you were away:'), ...lines].join(' ')
}
