/**
 * The base of the events by which the seminar's participant views (join page, seminar bar,
 * the form that starts a seminar) ask for work: each knows its own REST call, what its answer
 * changes in the page's state and what to announce, so that code loads with those views; the
 * page readers of ordinary debates download only answers them (SEMINAR_CALLS in mg-app).
 */
import type { Api } from '../services/api.ts'
import type { AppState } from '../state/store.ts'
import { RespondableEvent } from './respondable.ts'

export abstract class SeminarCallEvent<T> extends RespondableEvent<T> {
  /** Makes the call; `debate` is the open debate's slug ('' on pages without one). */
  abstract send(api: Api, debate: string): Promise<T>

  /** What the answer changes in the state. */
  apply(state: AppState, _result: T): AppState {
    return state
  }

  /** What to tell a screen reader once it is done; null: nothing. */
  announcement(_result: T): string | null {
    return null
  }

  /** The page to open next; null: stay. */
  destination(_result: T): string | null {
    return null
  }
}
