/**
 * The live slice: applies the debate log's events (`comment.created|updated|deleted|voted`,
 * `position.changed`) to the state. Comments merge by id and counts are taken as sent, so an
 * event that echoes the tab's own change, or arrives twice, changes nothing further.
 */
import type { Comment, Counts, Positions } from '../services/api.ts'
import { setCounts, setPositions } from './debate.ts'
import type { AppState } from './store.ts'
import { changeComment, upsertComment } from './threads.ts'

export interface LiveEvent {
  type: string
  debate: string
  seq: number
  anchor?: string
  comment?: Comment
  counts?: Counts
  positions?: Positions
  commentId?: number
  votes?: number
  clientId?: string | null
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
      if (event.comment) next = upsertComment(next, event.comment).state
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
  }
  return next
}
