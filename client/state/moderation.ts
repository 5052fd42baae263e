/**
 * The moderation slice: the review queue a moderator works through and its size, which the
 * badge shows. The size comes from the queue itself when it is loaded and from the
 * `moderation.queue` live event after that. It also counts `member.updated` events, so the
 * member list reloads when someone's role or mute changes.
 */
import type { QueueItem } from '../services/api.ts'
import type { AppState, Status } from './store.ts'

export interface ModerationState {
  status: Status | 'idle'
  items: readonly QueueItem[]
  /** Open items; null until known. */
  size: number | null
  /** Counts `member.updated` events, so an open member list knows to reload. */
  memberChanges: number
}

export function emptyModeration(): ModerationState {
  return { status: 'idle', items: [], size: null, memberChanges: 0 }
}

export function queueLoading(state: AppState): AppState {
  return { ...state, moderation: { ...state.moderation, status: 'loading' } }
}

export function queueLoaded(state: AppState, items: readonly QueueItem[]): AppState {
  const open = items.filter((i) => i.resolvedAt === null)
  return { ...state, moderation: { ...state.moderation, status: 'ready', items: open, size: open.length } }
}

export function queueFailed(state: AppState): AppState {
  return { ...state, moderation: { ...state.moderation, status: 'error' } }
}

export function setQueueSize(state: AppState, size: number): AppState {
  if (state.moderation.size === size) return state
  return { ...state, moderation: { ...state.moderation, size } }
}

/** A settled item leaves the list at once; the size follows. */
export function queueItemResolved(state: AppState, id: number): AppState {
  const items = state.moderation.items.filter((i) => i.id !== id)
  if (items.length === state.moderation.items.length) return state
  const size = state.moderation.size === null ? items.length : Math.max(0, state.moderation.size - 1)
  return { ...state, moderation: { ...state.moderation, items, size } }
}

export function memberChanged(state: AppState): AppState {
  return { ...state, moderation: { ...state.moderation, memberChanges: state.moderation.memberChanges + 1 } }
}
