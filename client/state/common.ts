/**
 * What several slices share: the status of a request, the threads' part of the state (the
 * threads slice keeps it, and the debate slice clears it when another debate opens, so it
 * lives below both) and the counter that tells a repeated request from the last one. It
 * imports nothing from the state, so that every slice may import it.
 */
import type { Comment } from '../services/types.ts'

export type Status = 'loading' | 'ready' | 'error'

export interface ThreadState {
  status: Status
  /** Every comment of the paragraph, oldest first; the thread element sorts and nests them. */
  comments: readonly Comment[]
}

export type HighlightTarget = { kind: 'paragraph'; anchor: string } | { kind: 'comment'; id: number }
export type Highlight = HighlightTarget & { n: number }

export interface ThreadsPart {
  /** Threads of the current debate by paragraph anchor. */
  threads: Readonly<Record<string, ThreadState>>
  /** Anchors whose thread is open, in the order they were opened. */
  open: readonly string[]
  /** What a deep link or a fresh post asks to bring into view. */
  highlight: Highlight | null
}

let counter = 0
/** A fresh number, so that asking for the same highlight or message twice still changes the state. */
export function nextN(): number {
  return ++counter
}
