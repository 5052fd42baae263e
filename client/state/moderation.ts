/**
 * The moderation slice: the review queue a moderator works through and its size, which the
 * badge shows. The size comes from the queue itself when it is loaded and from the
 * `moderation.queue` live event after that. The reducers only the moderators' views apply
 * (loading the queue, settling an item) are in moderation-queue.ts, which loads with them.
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

/** The slice with `change` applied. */
export function withModeration<S extends ModerationPart>(state: S, change: Partial<ModerationState>): S {
  return { ...state, moderation: { ...state.moderation, ...change } }
}

export function setQueueSize<S extends ModerationPart>(state: S, size: number): S {
  if (state.moderation.size === size) return state
  return withModeration(state, { size })
}
