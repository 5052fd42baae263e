/**
 * The views only moderators use, their bar with the review queue first, gathered as one chunk
 * the page imports for a debate's moderators: readers never download them, and moderators
 * fetch them in one request.
 */
// First: its messages, which the elements below render with.
import '../../locales/moderator.ts'
import './mg-debate-settings/mg-debate-settings.ts'
import './mg-members/mg-members.ts'
import './mg-moderation-bar/mg-moderation-bar.ts'
import './mg-moderation-menu/mg-moderation-menu.ts'
import './mg-moderator-tools/mg-moderator-tools.ts'
import './mg-mod-log/mg-mod-log.ts'
import './mg-paragraph-lock/mg-paragraph-lock.ts'
import './mg-queue/mg-queue.ts'
import './mg-watched-words/mg-watched-words.ts'

export { moderatorHandlers as handlers } from './handlers.ts'
