/**
 * The moderation slice's reducers that only the moderators' views apply: the review queue
 * loading, loaded or failed, and an item settled. Apart from moderation.ts, which the page's
 * live reader needs for the queue's size, so that they load with those views.
 */
import type { QueueItem } from '../services/types.ts'
import { withModeration, type ModerationPart } from './moderation.ts'

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

/** A settled item leaves the list at once; the size follows. */
export function queueItemResolved<S extends ModerationPart>(state: S, id: number): S {
  const items = state.moderation.items.filter((i) => i.id !== id)
  if (items.length === state.moderation.items.length) return state
  const size = state.moderation.size === null ? items.length : Math.max(0, state.moderation.size - 1)
  return withModeration(state, { items, size })
}
