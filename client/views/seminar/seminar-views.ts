/**
 * The views of seminars for their participants (the seminar bar with its poll card and
 * speaker queue), the join page and the form that starts a seminar, gathered as one chunk the
 * page imports only where they appear: readers of ordinary debates never download them.
 */
// First: its messages, which the elements below render with.
import '../../locales/seminar.ts'
import './mg-join/mg-join.ts'
import './mg-leave-dialog/mg-leave-dialog.ts'
import './mg-seminar-bar/mg-seminar-bar.ts'
import './mg-seminar-start/mg-seminar-start.ts'

export { seminarHandlers as handlers } from './handlers.ts'
