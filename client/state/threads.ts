/**
 * The threads slice: each open paragraph's comments, merged by id so that a REST answer, a
 * retried post and a live event about the same comment never show it twice. Also the
 * arrangement a thread is read in: arguments sorted and filtered, replies nested under
 * their parent.
 */
import type { Comment, Stance, ThreadSort } from '../services/types.ts'
import { nextN, type Highlight, type HighlightTarget, type ThreadState, type ThreadsPart } from './common.ts'
import { updateBlock, type DebatePart } from './debate.ts'

function withThread<S extends ThreadsPart>(state: S, anchor: string, thread: ThreadState): S {
  return { ...state, threads: { ...state.threads, [anchor]: thread } }
}

export function threadLoading<S extends ThreadsPart>(state: S, anchor: string): S {
  const existing = state.threads[anchor]
  const thread: ThreadState = existing
    ? { ...existing, status: existing.status === 'ready' ? 'ready' : 'loading' }
    : { status: 'loading', comments: [] }
  return withThread(state, anchor, thread)
}

export function threadLoaded<S extends ThreadsPart>(state: S, anchor: string, comments: readonly Comment[]): S {
  // Live events that arrived while the request was under way are newer than its answer.
  const pending = state.threads[anchor]?.comments ?? []
  let merged = comments
  for (const c of pending) if (!comments.some((x) => x.id === c.id)) merged = [...merged, c]
  return withThread(state, anchor, { status: 'ready', comments: merged })
}

export function threadFailed<S extends ThreadsPart>(state: S, anchor: string): S {
  const existing = state.threads[anchor]
  return withThread(state, anchor, { status: 'error', comments: existing?.comments ?? [] })
}

/**
 * Adds a comment or replaces the one with its id. `voted` is the reader's own flag, which
 * events sent to everyone do not know, so it is kept unless `keepVoted` is false.
 * Returns the new state and whether the comment was new to it.
 */
export function upsertComment<S extends ThreadsPart>(state: S, comment: Comment, keepVoted = true): { state: S; added: boolean } {
  const thread = state.threads[comment.anchor]
  if (!thread) return { state, added: false }
  const index = thread.comments.findIndex((c) => c.id === comment.id)
  const comments = thread.comments.slice()
  if (index === -1) comments.push(comment)
  else {
    const old = comments[index]!
    comments[index] = keepVoted ? { ...comment, voted: old.voted } : comment
  }
  return { state: withThread(state, comment.anchor, { ...thread, comments }), added: index === -1 }
}

/** Counts a comment the reader just posted, when no event has counted it yet. */
export function countNewComment<S extends DebatePart>(state: S, comment: Comment): S {
  return updateBlock(state, comment.anchor, (b) => {
    const counts = { ...b.counts, comments: b.counts.comments + 1 }
    if (comment.parentId === null) counts[comment.stance] += 1
    return { ...b, counts }
  })
}

export function changeComment<S extends ThreadsPart>(state: S, id: number, change: (c: Comment) => Comment): S {
  for (const [anchor, thread] of Object.entries(state.threads)) {
    const index = thread.comments.findIndex((c) => c.id === id)
    if (index === -1) continue
    const comments = thread.comments.slice()
    comments[index] = change(comments[index]!)
    return withThread(state, anchor, { ...thread, comments })
  }
  return state
}

export function findComment(state: ThreadsPart, id: number): Comment | undefined {
  for (const thread of Object.values(state.threads)) {
    const found = thread.comments.find((c) => c.id === id)
    if (found) return found
  }
  return undefined
}

export function setOpen<S extends ThreadsPart>(state: S, anchor: string, open: boolean): S {
  const isOpen = state.open.includes(anchor)
  if (isOpen === open) return state
  const next: readonly string[] = open ? [...state.open, anchor] : state.open.filter((a) => a !== anchor)
  return { ...state, open: next }
}

export function highlight<S extends ThreadsPart>(state: S, target: HighlightTarget): S {
  const next: Highlight = { ...target, n: nextN() }
  return { ...state, highlight: next }
}

const byGroup = new WeakMap<object, { group: number; threads: Record<string, ThreadState> }>()

/** The threads with only the arguments and replies of one group (null: all), as a leader switches between groups. */
export function groupThreads(threads: Readonly<Record<string, ThreadState>>, group: number | null): Readonly<Record<string, ThreadState>> {
  if (group === null) return threads
  const known = byGroup.get(threads)
  if (known?.group === group) return known.threads
  const shown: Record<string, ThreadState> = {}
  for (const [anchor, t] of Object.entries(threads)) shown[anchor] = { ...t, comments: t.comments.filter((c) => c.group?.id === group) }
  byGroup.set(threads, { group, threads: shown })
  return shown
}

export interface ThreadNode {
  comment: Comment
  replies: ThreadNode[]
}

/**
 * The thread as it is read: pinned arguments first, then by `sort` (newest first, or most votes first), only
 * those of `stance` when given; each followed by its replies, oldest first (strongest first
 * when sorting by strength), at any depth. Mirrors the server's own arrangement.
 */
export function arrangeThread(comments: readonly Comment[], sort: ThreadSort, stance: Stance | null): ThreadNode[] {
  const nodes = new Map<number, ThreadNode>()
  for (const c of comments) nodes.set(c.id, { comment: c, replies: [] })
  const roots: ThreadNode[] = []
  for (const node of nodes.values()) {
    const parent = node.comment.parentId === null ? undefined : nodes.get(node.comment.parentId)
    if (parent) parent.replies.push(node)
    else if (node.comment.parentId === null) roots.push(node)
  }
  // ISO timestamps in UTC sort as strings; `localeCompare` would be needlessly slow here.
  const newest = (a: ThreadNode, b: ThreadNode) =>
    a.comment.createdAt < b.comment.createdAt ? 1 : a.comment.createdAt > b.comment.createdAt ? -1 : b.comment.id - a.comment.id
  const strongest = (a: ThreadNode, b: ThreadNode) => b.comment.votes - a.comment.votes || newest(a, b)
  const oldest = (a: ThreadNode, b: ThreadNode) => -newest(a, b)
  const replyOrder = sort === 'top' ? strongest : oldest
  const sortReplies = (node: ThreadNode) => {
    node.replies.sort(replyOrder)
    node.replies.forEach(sortReplies)
  }
  const shown = stance ? roots.filter((n) => n.comment.stance === stance) : roots
  const order = sort === 'top' ? strongest : newest
  // Pinned arguments lead, as moderators intend.
  shown.sort((a, b) => Number(b.comment.pinned ?? false) - Number(a.comment.pinned ?? false) || order(a, b))
  shown.forEach(sortReplies)
  return shown
}
