/**
 * The record slice: the open debate's record as last loaded, and whether a change since (the
 * live `grades.released`) calls for loading it again. The record's view loads it and keeps it
 * current; the page only marks it stale. A record of another debate is never shown: the view
 * loads its own debate's when the one held is not.
 */
import type { RecordResponse } from '../services/types.ts'

export interface RecordState {
  /** The record as last loaded; null until it is. */
  data: RecordResponse | null
  /** Something changed since it loaded: the view showing it loads it again. */
  stale: boolean
}

export interface RecordPart {
  record: RecordState
}

/** The marks were released or taken back: who sees the record reads it again. */
export function recordStale<S extends RecordPart>(state: S): S {
  return state.record.stale ? state : { ...state, record: { ...state.record, stale: true } }
}
