/**
 * The store: one immutable `AppState` and its subscribers. Slices (session, debate, threads,
 * live) are pure functions from state to state; the store only holds the current value and
 * tells subscribers when it changed. Components render the state they are given and never
 * patch it themselves.
 */
import type { Comment, DebateInfo, DebateSummary, Essay, User } from '../services/api.ts'
import { emptyModeration, type ModerationState } from './moderation.ts'
import { initialLive, type LiveState } from './live.ts'
import { initialSeminar, type SeminarState } from './seminar.ts'

export type Status = 'loading' | 'ready' | 'error'

export interface ThreadState {
  status: Status
  /** Every comment of the paragraph, oldest first; the thread element sorts and nests them. */
  comments: readonly Comment[]
}

export interface DebateState {
  slug: string
  status: Status
  info: DebateInfo | null
  essay: Essay | null
  /** The newest live event applied (starts at the debate's `seq`). */
  seq: number
}

export type HighlightTarget = { kind: 'paragraph'; anchor: string } | { kind: 'comment'; id: number }
export type Highlight = HighlightTarget & { n: number }

export interface AppState {
  /** The signed-in reader; `undefined` until the server has answered. */
  user: User | null | undefined
  debates: { status: Status | 'idle'; list: readonly DebateSummary[] }
  debate: DebateState | null
  /** Threads of the current debate by paragraph anchor. */
  threads: Readonly<Record<string, ThreadState>>
  /** Anchors whose thread is open, in the order they were opened. */
  open: readonly string[]
  /** What a deep link or a fresh post asks to bring into view. */
  highlight: Highlight | null
  /** The latest status message for screen readers. */
  announcement: { text: string; n: number } | null
  /** The live connection, presence, typing notices and arguments not yet shown. */
  live: LiveState
  /** The review queue, for moderators of the current debate. */
  moderation: ModerationState
  /** The seminar's room, when the debate is a seminar. */
  seminar: SeminarState
}

export function initialState(): AppState {
  return {
    user: undefined,
    debates: { status: 'idle', list: [] },
    debate: null,
    threads: {},
    open: [],
    highlight: null,
    announcement: null,
    live: initialLive(),
    moderation: emptyModeration(),
    seminar: initialSeminar(),
  }
}

export type Listener = (state: AppState) => void

export class Store {
  private current: AppState
  private readonly listeners = new Set<Listener>()

  constructor(state: AppState = initialState()) {
    this.current = state
  }

  get state(): AppState {
    return this.current
  }

  /** Replaces the state with `recipe(state)`; subscribers hear of it only when it changed. */
  update(recipe: (state: AppState) => AppState): void {
    const next = recipe(this.current)
    if (next === this.current) return
    this.current = next
    for (const listener of [...this.listeners]) listener(next)
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

let counter = 0
/** A fresh number, so that asking for the same highlight or message twice still changes the state. */
export function nextN(): number {
  return ++counter
}
