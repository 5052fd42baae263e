/**
 * The record slice: the open debate's record as last loaded. The record's view loads it and
 * keeps it current; the page only drops it when it is out of date (the live `grades.released`:
 * the marks were released or taken back), after which the view loads it again. A record of
 * another debate is never shown: the view loads its own debate's when the one held is not.
 */
import type { RecordResponse } from '../services/types.ts'

export interface RecordPart {
  /** Absent until loaded, and once out of date (the readers' page never holds one). */
  record?: RecordResponse
}
