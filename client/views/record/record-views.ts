/**
 * The seminar record's view — the leaders' and moderators' minutes, participation, grading and
 * downloads, and a participant's own summary — gathered as one chunk that the page imports
 * only where `/d/<debate>/record` is opened: readers of the essay never download it.
 */
// First: its messages, which the elements below render with.
import '../../locales/record.ts'
import './mg-record/mg-record.ts'

export { recordHandlers as handlers } from './handlers.ts'
