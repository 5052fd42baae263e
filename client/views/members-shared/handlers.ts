/**
 * The handler both the moderators' member list and the seminar leaders' roster fire to: a
 * change of a member's role, mute or ban. Each of the two chunks registers it; the page
 * registers it once.
 */
import { changeMember } from '../../services/moderation-api.ts'
import { openDebate, type Handlers } from '../../handlers/context.ts'

export const memberHandlers: Handlers = {
  'mg-change-member': (e, context) => changeMember(context.api, openDebate(context), e.username, e.change, e.until),
}
