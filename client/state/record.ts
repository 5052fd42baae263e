/**
 * The record slice: the open debate's record as last loaded. The record's view loads it and
 * keeps it current; the page only drops it when it is out of date (the live `grades.released`:
 * the marks were released or taken back), after which the view loads it again, and an answer
 * that was under way meanwhile is not kept. A record of
 * another debate is never shown: the view loads its own debate's when the one held is not.
 */
import type { RecordResponse } from '../services/types.ts'

export interface RecordPart {
  /** Absent until loaded, and once out of date (the readers' page never holds one). */
  record?: RecordResponse
  /** How often the record went out of date: an answer to a load begun before the last time is out of date too. */
  recordChanges?: number
}

/** The record held is out of date: its view loads it again. */
export function recordOutdated<S extends RecordPart>(state: S): S {
  return { ...state, record: undefined, recordChanges: (state.recordChanges ?? 0) + 1 }
}
