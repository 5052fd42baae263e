/**
 * The seminar record's view — the leaders' and moderators' minutes, participation, grading and
 * downloads, and a participant's own summary — gathered as one chunk that the page imports
 * only where `/d/<debate>/record` is opened: readers of the essay never download it.
 */
// First: its messages, which the elements below render with.
import '../../locales/record.ts'
import './mg-record/mg-record.ts'

export { recordHandlers as handlers } from './handlers.ts'
// Unused by the page: with it this chunk takes in every module of the chunk that the other
// views share with the readers' page (the one with person-marks.ts), which the bundler would
// otherwise split in two, one more file on every reader's page.
export { room } from '../../services/seminar-room.ts'
