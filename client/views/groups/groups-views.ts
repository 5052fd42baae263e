/**
 * The views of a seminar's small groups — the leaders' groups panel and the projector's
 * comparison of the groups — gathered as one chunk that the page imports when a leader opens
 * the groups or the projector shows them (`mg-want-groups`); no one else downloads it.
 */
// First: its messages, which the elements below render with.
import '../../locales/groups.ts'
import './mg-groups-panel/mg-groups-panel.ts'
import './mg-group-comparison/mg-group-comparison.ts'

export { groupHandlers as handlers } from './handlers.ts'
