/**
 * The store: one immutable `AppState` and its subscribers. `AppState` is composed here, and
 * only here, from the parts the slices (session, debate, threads, live, moderation, members,
 * seminar, record) declare; the slices are pure functions over any state that has their parts, so
 * none of them imports this module. The store only holds the current value and tells
 * subscribers when it changed. Components render the state they are given and never patch
 * it themselves.
 */
import type { DebateSummary } from '../services/types.ts'
import type { Status, ThreadsPart } from './common.ts'
import type { DebatePart } from './debate.ts'
import { initialLive, type LivePart } from './live.ts'
import { emptyMembers, type MembersPart } from './members.ts'
import { emptyModeration, type ModerationPart } from './moderation.ts'
import type { RecordPart } from './record.ts'
import { initialSeminar, type SeminarPart } from './seminar.ts'
import type { SessionPart } from './session.ts'

export interface AppState extends SessionPart, DebatePart, ThreadsPart, LivePart, ModerationPart, MembersPart, SeminarPart, RecordPart {
  debates: { status: Status | 'idle'; list: readonly DebateSummary[] }
  /** The latest status message for screen readers. */
  announcement: { text: string; n: number } | null
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
    members: emptyMembers(),
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
