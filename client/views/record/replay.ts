/**
 * The seminar as it stood at any moment, rebuilt from its event log: each paragraph's tallies
 * (arguments by stance, readers' positions) and lock, the phase, the spotlight, who had the
 * floor, the open poll, and every comment as it was then. Tallies are taken as the events sent
 * them, so a log whose first events were pruned still shows the right numbers from the first
 * one it holds; comments merge by id, as on the live page.
 *
 * Scrubbing back and forth folds the log again only from the nearest checkpoint, one per
 * `CHECKPOINT` events, so a moment of a long seminar is never more than that many steps away.
 */
import type { Comment, Counts, LoggedEvent, Phase, Positions } from '../../services/types.ts'

export interface ReplayParagraph {
  counts: Counts
  positions: Positions
  locked: boolean
}

export interface Moment {
  /** How many of the log's events have happened. */
  applied: number
  phase: Phase | null
  spotlight: string | null
  /** Who had the floor, by the name the leaders see. */
  speaker: string | null
  /** The open poll's paragraph (null: the essay as a whole), or undefined while none is open. */
  poll: string | null | undefined
  paragraphs: Readonly<Record<string, ReplayParagraph>>
  /** Every comment written by then, as it was then. */
  comments: ReadonlyMap<number, Comment>
}

const CHECKPOINT = 200

/** A comment everyone could read at that moment. */
export function visible(c: Comment): boolean {
  return !c.deleted && !c.removed && !c.hidden && (c.status ?? 'published') === 'published'
}

function start(anchors: readonly string[]): Moment {
  const paragraphs: Record<string, ReplayParagraph> = {}
  for (const anchor of anchors) {
    paragraphs[anchor] = {
      counts: { comments: 0, pro: 0, contra: 0, neutral: 0 },
      positions: { pro: 0, contra: 0, undecided: 0 },
      locked: false,
    }
  }
  return { applied: 0, phase: null, spotlight: null, speaker: null, poll: undefined, paragraphs, comments: new Map() }
}

/** A moment that the next events may change in place, apart from the one it was copied from. */
function copy(m: Moment): Moment & { paragraphs: Record<string, ReplayParagraph>; comments: Map<number, Comment> } {
  return { ...m, paragraphs: { ...m.paragraphs }, comments: new Map(m.comments) }
}

type Working = ReturnType<typeof copy>

function setParagraph(m: Working, anchor: string, change: Partial<ReplayParagraph>) {
  const p = m.paragraphs[anchor]
  // A paragraph the essay no longer has is not shown.
  if (p) m.paragraphs[anchor] = { ...p, ...change }
}

function apply(m: Working, event: LoggedEvent['event']) {
  switch (event.type) {
    case 'comment.created':
    case 'comment.updated':
    case 'comment.deleted':
    case 'comment.hidden':
    case 'comment.unhidden':
      m.comments.set(event.comment.id, event.comment)
      if (event.counts) setParagraph(m, event.anchor, { counts: event.counts })
      if (event.type === 'comment.updated' && event.from) setParagraph(m, event.from.anchor, { counts: event.from.counts })
      break
    case 'comment.voted': {
      const c = m.comments.get(event.commentId)
      if (c) m.comments.set(c.id, { ...c, votes: event.votes })
      break
    }
    case 'comment.pinned': {
      const c = m.comments.get(event.commentId)
      if (c) m.comments.set(c.id, { ...c, pinned: event.pinned })
      break
    }
    case 'position.changed':
      if (event.positions) setParagraph(m, event.anchor, { positions: event.positions })
      break
    case 'paragraph.locked':
      setParagraph(m, event.anchor, { locked: event.locked })
      break
    case 'phase.changed':
      m.phase = event.phase
      break
    case 'spotlight.changed':
      m.spotlight = event.anchor
      break
    case 'queue.changed':
      m.speaker = event.speaker?.user.name ?? null
      break
    case 'poll.opened':
      m.poll = event.poll.anchor
      break
    case 'poll.closed':
      m.poll = undefined
      break
    default:
      break
  }
}

/** A seminar's log, replayed to any moment. */
export class Replay {
  readonly events: readonly LoggedEvent[]
  /** When each event happened, in milliseconds. */
  readonly times: readonly number[]
  private readonly checkpoints: Moment[]
  private last: Moment

  constructor(events: readonly LoggedEvent[], anchors: readonly string[]) {
    this.events = events
    this.times = events.map((e) => Date.parse(e.at))
    this.last = start(anchors)
    this.checkpoints = [this.last]
  }

  get first(): number {
    return this.times[0] ?? 0
  }

  get end(): number {
    return this.times.at(-1) ?? 0
  }

  /** The seq the log begins at: above 1 when its first events were pruned before it was kept. */
  get firstSeq(): number {
    return this.events[0]?.event.seq ?? 1
  }

  /** How many events had happened by `time` (milliseconds). */
  countAt(time: number): number {
    let lo = 0
    let hi = this.times.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.times[mid]! <= time) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The seminar after its first `applied` events. */
  moment(applied: number): Moment {
    const n = Math.max(0, Math.min(applied, this.events.length))
    if (n === this.last.applied) return this.last
    const checkpoint = this.checkpoints[Math.min(Math.floor(n / CHECKPOINT), this.checkpoints.length - 1)]!
    const from = this.last.applied < n && this.last.applied >= checkpoint.applied ? this.last : checkpoint
    const m = copy(from)
    for (let i = from.applied; i < n; i++) {
      apply(m, this.events[i]!.event)
      m.applied = i + 1
      if (m.applied % CHECKPOINT === 0 && this.checkpoints.length === m.applied / CHECKPOINT) this.checkpoints.push(copy(m))
    }
    this.last = m
    return m
  }
}
