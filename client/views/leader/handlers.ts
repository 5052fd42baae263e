/**
 * The handlers of the seminar leaders' views: steering the phase, the spotlight, polls, the
 * speaker queue, the timer and the join code, loading the overview and the roster, and
 * renaming and removing members, after which the roster loads again. The room changes these
 * cause come back as live events. They load with those views.
 */
import { openDebate, type Handlers } from '../../handlers/context.ts'
import * as seminar from '../../services/seminar-api.ts'
import { membersStale } from '../../state/members.ts'
import { loadMembers, memberHandlers } from '../members-shared/handlers.ts'

export const leaderHandlers: Handlers = {
  ...memberHandlers,
  'mg-set-phase': (e, c) => seminar.setPhase(c.api, openDebate(c), e.phase),
  'mg-set-spotlight': (e, c) => seminar.setSpotlight(c.api, openDebate(c), e.anchor),
  'mg-open-poll': (e, c) => seminar.openPoll(c.api, openDebate(c), e.options),
  'mg-close-poll': (e, c) => seminar.closePoll(c.api, e.pollId),
  'mg-next-speaker': (e, c) => seminar.nextSpeaker(c.api, openDebate(c), e.seconds),
  'mg-remove-hand': (e, c) => seminar.removeHand(c.api, openDebate(c), e.entryId),
  'mg-set-timer': (e, c) => seminar.setTimer(c.api, openDebate(c), e.seconds),
  'mg-rotate-join-code': (_e, c) => seminar.rotateJoinCode(c.api, openDebate(c)),
  'mg-revoke-join-code': (_e, c) => seminar.revokeJoinCode(c.api, openDebate(c)),
  'mg-load-overview': (_e, c) => seminar.overview(c.api, openDebate(c)),
  'mg-load-roster': (_e, c) => loadMembers(c, 'roster', (slug) => seminar.roster(c.api, slug)),
  'mg-rename-member': async (e, c) => {
    await seminar.renameMember(c.api, openDebate(c), e.userId, e.displayName)
    c.store.update((s) => membersStale(s, 'roster'))
  },
  'mg-remove-member': async (e, c) => {
    await seminar.removeMember(c.api, openDebate(c), e.userId)
    c.store.update((s) => membersStale(s, 'members', 'roster'))
  },
}
