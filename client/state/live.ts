/**
 * The live slice: applies the debate log's events (`comment.created|updated|deleted|voted`,
 * `position.changed`, the moderation events) to the state, and keeps what the live
 * connection says about the room (connection state, presence, typing notices). Comments
 * merge by id and counts are taken as sent, so an event that echoes the tab's own change,
 * or arrives twice, changes nothing further. New arguments by others in an open thread are
 * held back as "unseen" until the reader asks for them, so nothing moves under their eyes.
 */
import type { Comment, Counts, DebateSettings, Positions, Stance } from '../services/api.ts'
import { setCounts, setPositions, updateBlock } from './debate.ts'
import { memberChanged, setQueueSize } from './moderation.ts'
import { applySeminarEvent, type SeminarEventFields } from './seminar.ts'
import type { AppState } from './store.ts'
import { changeComment, findComment, upsertComment } from './threads.ts'

export interface LiveEvent extends SeminarEventFields {
  type: string
  debate: string
  seq: number
  /** The paragraph; `spotlight.changed` sends null when the spotlight is off. */
  anchor?: string | null
  comment?: Comment
  counts?: Counts
  positions?: Positions
  commentId?: number
  votes?: number
  clientId?: string | null
  /** Moderation: `comment.pinned`, `paragraph.locked`, `debate.settings`, `moderation.queue`. */
  pinned?: boolean
  locked?: boolean
  settings?: DebateSettings
  size?: number
  /** `member.updated`: whose role or mute changed. */
  user?: { id: number; username: string }
}

export type Connection = 'connecting' | 'online' | 'offline'

/** New arguments per paragraph since the reader was last here. */
export type AwaySummary = Readonly<Record<string, { pro: number; contra: number }>>

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

export function initialLive(clientId = ''): LiveState {
  return { connection: 'offline', clientId, online: null, readers: {}, typing: {}, unseen: {}, away: null }
}

function withLive(state: AppState, change: Partial<LiveState>): AppState {
  return { ...state, live: { ...state.live, ...change } }
}

export function applyLiveEvent(state: AppState, event: LiveEvent): AppState {
  const debate = state.debate
  if (!debate || event.debate !== debate.slug) return state
  // Events the state already reflects (a resumed socket replays from its last seq).
  if (event.seq <= debate.seq) return state
  let next: AppState = { ...state, debate: { ...debate, seq: event.seq } }
  switch (event.type) {
    case 'comment.created':
    case 'comment.updated':
    case 'comment.deleted':
      if (event.comment) {
        const known = findComment(next, event.comment.id) !== undefined
        const result = upsertComment(next, event.comment)
        next = result.state
        if (event.type === 'comment.created' && result.added && !known) next = holdBack(next, event)
      }
      if (event.anchor && event.counts) next = setCounts(next, event.anchor, event.counts)
      break
    case 'comment.voted':
      if (event.commentId !== undefined && event.votes !== undefined) {
        const votes = event.votes
        next = changeComment(next, event.commentId, (c) => (c.votes === votes ? c : { ...c, votes }))
      }
      break
    case 'position.changed':
      if (event.anchor && event.positions) next = setPositions(next, event.anchor, event.positions)
      break
    case 'comment.hidden':
    case 'comment.unhidden':
      if (event.comment) next = upsertComment(next, event.comment).state
      if (event.anchor && event.counts) next = setCounts(next, event.anchor, event.counts)
      break
    case 'comment.pinned':
      if (event.commentId !== undefined && event.pinned !== undefined) {
        const pinned = event.pinned
        next = changeComment(next, event.commentId, (c) => ({ ...c, pinned }))
      }
      break
    case 'debate.settings':
      if (event.settings && next.debate?.info) {
        const settings = event.settings
        const info = { ...next.debate.info, settings, state: settings.locked ? ('locked' as const) : ('open' as const) }
        next = { ...next, debate: { ...next.debate, info } }
      }
      break
    case 'paragraph.locked':
      if (event.anchor && event.locked !== undefined) {
        const locked = event.locked
        next = updateBlock(next, event.anchor, (b) => ({ ...b, locked }))
      }
      break
    case 'moderation.queue':
      if (event.size !== undefined) next = setQueueSize(next, event.size)
      break
    case 'member.updated':
      next = memberChanged(next)
      break
    default:
      // The seminar's events: phase, spotlight, polls, the speaker queue, the timer, members.
      next = applySeminarEvent(next, event)
  }
  return next
}

/** A new argument by someone else, in a thread the reader has open, waits to be shown. */
function holdBack(state: AppState, event: LiveEvent): AppState {
  const c = event.comment!
  const own = event.clientId !== null && event.clientId !== undefined && event.clientId === state.live.clientId
  if (own || c.parentId !== null || !state.open.includes(c.anchor)) return state
  const ids = state.live.unseen[c.anchor] ?? []
  return withLive(state, { unseen: { ...state.live.unseen, [c.anchor]: [...ids, c.id] } })
}

/** The reader asked to see the thread's new arguments. */
export function showUnseen(state: AppState, anchor: string): AppState {
  if (!state.live.unseen[anchor]) return state
  const { [anchor]: _shown, ...rest } = state.live.unseen
  return withLive(state, { unseen: rest })
}

export function setConnection(state: AppState, connection: Connection): AppState {
  return state.live.connection === connection ? state : withLive(state, { connection })
}

export function setPresence(state: AppState, debate: string, online: number, readers: Record<string, number>): AppState {
  if (state.debate?.slug !== debate) return state
  return withLive(state, { online, readers })
}

export function setTyping(state: AppState, anchor: string, stance: Stance | null): AppState {
  if ((state.live.typing[anchor] ?? null) === stance) return state
  const { [anchor]: _old, ...rest } = state.live.typing
  return withLive(state, { typing: stance ? { ...rest, [anchor]: stance } : rest })
}

export function setAway(state: AppState, away: AwaySummary | null): AppState {
  return withLive(state, { away })
}

/** Argument counts per paragraph, to compare after an absence. */
export function snapshotCounts(state: AppState): Record<string, { pro: number; contra: number }> {
  const out: Record<string, { pro: number; contra: number }> = {}
  for (const b of state.debate?.essay?.blocks ?? []) out[b.anchor] = { pro: b.counts.pro, contra: b.counts.contra }
  return out
}

/** Paragraphs with new pro or contra arguments since `before`; null when there are none. */
export function awaySummary(before: Record<string, { pro: number; contra: number }>, state: AppState): AwaySummary | null {
  const out: Record<string, { pro: number; contra: number }> = {}
  for (const b of state.debate?.essay?.blocks ?? []) {
    const was = before[b.anchor]
    if (!was) continue
    const pro = Math.max(0, b.counts.pro - was.pro)
    const contra = Math.max(0, b.counts.contra - was.contra)
    if (pro || contra) out[b.anchor] = { pro, contra }
  }
  return Object.keys(out).length ? out : null
}
