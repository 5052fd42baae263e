/**
 * The moderation slice: the review queue a moderator works through and its size, which the
 * badge shows. The size comes from the queue itself when it is loaded and from the
 * `moderation.queue` live event after that.
 */
import type { QueueItem } from '../services/types.ts'
import type { Status } from './common.ts'

export interface ModerationState {
  status: Status | 'idle'
  items: readonly QueueItem[]
  /** Open items; null until known. */
  size: number | null
}

export interface ModerationPart {
  /** The review queue, for moderators of the current debate. */
  moderation: ModerationState
}

export function emptyModeration(): ModerationState {
  return { status: 'idle', items: [], size: null }
}

function withModeration<S extends ModerationPart>(state: S, change: Partial<ModerationState>): S {
  return { ...state, moderation: { ...state.moderation, ...change } }
}

export function queueLoading<S extends ModerationPart>(state: S): S {
  return withModeration(state, { status: 'loading' })
}

export function queueLoaded<S extends ModerationPart>(state: S, items: readonly QueueItem[]): S {
  const open = items.filter((i) => i.resolvedAt === null)
  return withModeration(state, { status: 'ready', items: open, size: open.length })
}

export function queueFailed<S extends ModerationPart>(state: S): S {
  return withModeration(state, { status: 'error' })
}

export function setQueueSize<S extends ModerationPart>(state: S, size: number): S {
  if (state.moderation.size === size) return state
  return withModeration(state, { size })
}

/** A settled item leaves the list at once; the size follows. */
export function queueItemResolved<S extends ModerationPart>(state: S, id: number): S {
  const items = state.moderation.items.filter((i) => i.id !== id)
  if (items.length === state.moderation.items.length) return state
  const size = state.moderation.size === null ? items.length : Math.max(0, state.moderation.size - 1)
  return withModeration(state, { items, size })
}
