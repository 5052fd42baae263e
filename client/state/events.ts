/**
 * The debate log's events (`comment.created|updated|deleted|voted`, `position.changed`, the
 * moderation and seminar events), applied to the state through the slices they concern. It
 * sits above the slices and beside the store, since one event may change several slices.
 * Comments merge by id and counts are taken as sent, so an event that echoes the tab's own
 * change, or arrives twice, changes nothing further.
 */
import type { Comment, Counts, DebateSettings, Positions } from '../services/types.ts'
import { setCounts, setPositions, updateBlock } from './debate.ts'
import { holdBack } from './live.ts'
import { membersStale } from './members.ts'
import { setQueueSize } from './moderation.ts'
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
        if (event.type === 'comment.created' && result.added && !known) next = holdBack(next, event.comment, event.clientId)
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
    // Someone's role or mute changed, or someone joined: the lists showing them load again.
    case 'member.updated':
      next = membersStale(next, 'members', 'roster')
      break
    case 'member.joined':
      next = membersStale(applySeminarEvent(next, event), 'roster')
      break
    default:
      // The seminar's events: phase, spotlight, polls, the speaker queue, the timer, members.
      next = applySeminarEvent(next, event)
  }
  return next
}
