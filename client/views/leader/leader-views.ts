/**
 * The views only a seminar's leaders use — the leader's panel with its overview and roster,
 * and the projector view with its QR code — gathered as one chunk that the page imports
 * when a leader opens a seminar: participants and readers never download it.
 */
// First: its messages, which the elements below render with.
import '../../locales/leader.ts'
import './mg-leader-panel/mg-leader-panel.ts'
import './mg-projector/mg-projector.ts'

export { leaderHandlers as handlers } from './handlers.ts'
