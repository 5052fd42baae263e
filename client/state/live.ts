/**
 * The live slice: what the live connection says about the room (connection state, presence,
 * typing notices), new arguments by others in an open thread, held back as "unseen" until the
 * reader asks for them so that nothing moves under their eyes, and what happened while the
 * reader was away. The debate log's events reach the other slices through events.ts.
 */
import type { Connection } from '../services/live.ts'
import type { Comment, Stance } from '../services/types.ts'
import type { ThreadsPart } from './common.ts'
import type { DebatePart } from './debate.ts'

/** A paragraph's arguments and replies, counted or new. */
export interface Tally {
  arguments: number
  replies: number
}

/** New arguments and replies per paragraph since the reader was last here. */
export type AwaySummary = Readonly<Record<string, Tally>>

export interface LiveState {
  connection: Connection
  /** This tab's id, carried by events caused by its own writes. */
  clientId: string
  /** Readers of the debate, as the server last counted them (`null`: not yet known). */
  online: number | null
  /** Readers per paragraph anchor. */
  readers: Readonly<Record<string, number>>
  /** Someone is writing an argument of this stance under the paragraph. */
  typing: Readonly<Record<string, Stance>>
  /** Ids of new arguments per open thread, not yet shown. */
  unseen: Readonly<Record<string, readonly number[]>>
  /** What happened while the reader was away, until dismissed. */
  away: AwaySummary | null
}

export interface LivePart {
  /** The live connection, presence, typing notices and arguments not yet shown. */
  live: LiveState
}

export function initialLive(clientId = ''): LiveState {
  return { connection: 'offline', clientId, online: null, readers: {}, typing: {}, unseen: {}, away: null }
}

function withLive<S extends LivePart>(state: S, change: Partial<LiveState>): S {
  return { ...state, live: { ...state.live, ...change } }
}

/** A new argument by someone else, in a thread the reader has open, waits to be shown. */
export function holdBack<S extends LivePart & ThreadsPart>(state: S, comment: Comment, clientId: string | null | undefined): S {
  const own = clientId !== null && clientId !== undefined && clientId === state.live.clientId
  if (own || comment.parentId !== null || !state.open.includes(comment.anchor)) return state
  const ids = state.live.unseen[comment.anchor] ?? []
  return withLive(state, { unseen: { ...state.live.unseen, [comment.anchor]: [...ids, comment.id] } })
}

/** The reader asked to see the thread's new arguments. */
export function showUnseen<S extends LivePart>(state: S, anchor: string): S {
  if (!state.live.unseen[anchor]) return state
  const { [anchor]: _shown, ...rest } = state.live.unseen
  return withLive(state, { unseen: rest })
}

export function setConnection<S extends LivePart>(state: S, connection: Connection): S {
  return state.live.connection === connection ? state : withLive(state, { connection })
}

export function setPresence<S extends LivePart & DebatePart>(state: S, debate: string, online: number, readers: Record<string, number>): S {
  if (state.debate?.slug !== debate) return state
  return withLive(state, { online, readers })
}

export function setTyping<S extends LivePart>(state: S, anchor: string, stance: Stance | null): S {
  if ((state.live.typing[anchor] ?? null) === stance) return state
  const { [anchor]: _old, ...rest } = state.live.typing
  return withLive(state, { typing: stance ? { ...rest, [anchor]: stance } : rest })
}

export function setAway<S extends LivePart>(state: S, away: AwaySummary | null): S {
  return withLive(state, { away })
}

/** Arguments and replies per paragraph, to compare after an absence. */
export function snapshotCounts(state: DebatePart): Record<string, Tally> {
  const out: Record<string, Tally> = {}
  for (const b of state.debate?.essay?.blocks ?? []) {
    // `comments` counts replies too; the stances only the paragraph's own arguments.
    const { comments, pro, contra, neutral } = b.counts
    out[b.anchor] = { arguments: pro + contra + neutral, replies: comments - pro - contra - neutral }
  }
  return out
}

/** Paragraphs with new arguments or replies since `before`; null when there are none. */
export function awaySummary(before: Record<string, Tally>, state: DebatePart): AwaySummary | null {
  const out: Record<string, Tally> = {}
  const now = snapshotCounts(state)
  for (const [anchor, was] of Object.entries(before)) {
    const is = now[anchor]
    if (!is) continue
    const change = { arguments: Math.max(0, is.arguments - was.arguments), replies: Math.max(0, is.replies - was.replies) }
    if (change.arguments || change.replies) out[anchor] = change
  }
  return Object.keys(out).length ? out : null
}
