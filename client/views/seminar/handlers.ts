/**
 * The handlers of the seminar's participant views: joining with a code, starting a seminar,
 * following the leader or not, the round before an open poll, voting in a poll, raising or
 * lowering a hand, and a guest's signing out. They load with those views.
 */
import { msg } from '@lit/localize'
import { announce, openDebate, type Handlers } from '../../handlers/context.ts'
import { ApiError } from '../../services/api.ts'
import { createSeminar, join, joinPreview, lowerHand, poll, raiseHand, vote } from '../../services/seminar-api.ts'
import { pollUpdated, queueChanged, setFollowLeader, setPrevious } from '../../state/seminar.ts'
import { signedIn, signedOut } from '../../state/session.ts'
import { saveFollowLeader } from './follow.ts'
import { joinCodeOf, rememberJoinCode } from './joined.ts'

export const seminarHandlers: Handlers = {
  'mg-load-join-preview': (e, context) => joinPreview(context.api, e.code),

  'mg-join': async (e, context) => {
    const joined = await join(context.api, e.code, e.displayName)
    // A guest is signed in as the new guest; an account stays who it was.
    context.store.update((s) => signedIn(s, joined.user))
    rememberJoinCode(joined.debate.slug, e.code)
    context.navigate(`/d/${joined.debate.slug}`)
    return joined
  },

  'mg-create-seminar': async (e, context) => {
    const created = await createSeminar(context.api, e.input)
    context.navigate(`/d/${created.debate.slug}`)
    return created
  },

  'mg-follow-leader': (e, context) => {
    saveFollowLeader(e.follow)
    context.store.update((s) => setFollowLeader(s, e.follow))
    announce(context, e.follow ? msg('You follow the leader again.') : msg('You no longer follow the leader.'))
  },

  'mg-load-previous-poll': async (e, { store, api }) => {
    try {
      const previous = await poll(api, e.pollId)
      if (store.state.seminar.room?.poll?.before === previous.id) store.update((s) => setPrevious(s, previous))
    } catch {
      // Without it the reason field is simply not offered.
    }
  },

  'mg-poll-vote': async (e, context) => {
    const poll = await vote(context.api, e.pollId, e.stance, e.reason)
    context.store.update((s) => pollUpdated(s, poll))
    announce(context, e.reason ? msg('Your reason was sent.') : msg('Your vote was counted.'))
    return poll
  },

  'mg-raise-hand': async (e, context) => {
    const raised = await raiseHand(context.api, openDebate(context), e.anchor, e.kind)
    context.store.update((s) => queueChanged(s, raised.queue, raised.speaker))
    announce(context, msg('Your hand is raised.'))
    return raised
  },

  'mg-lower-hand': async (_e, context) => {
    await lowerHand(context.api, openDebate(context))
    context.store.update((s) => {
      const room = s.seminar.room
      const me = s.user?.id
      return room
        ? queueChanged(
            s,
            room.queue.filter((entry) => entry.user.id !== me),
            room.speaker,
          )
        : s
    })
    announce(context, msg('Your hand is lowered.'))
  },

  'mg-leave-seminar': async (_e, context) => {
    const slug = context.store.state.debate?.slug
    try {
      await context.api.logout()
    } catch (err) {
      // A session the server no longer knows is as good as ended.
      if (!(err instanceof ApiError && err.status === 401)) throw err
    }
    context.store.update(signedOut)
    announce(context, msg('Signed out.'))
    // A guest cannot sign in again: the join page tells them how to come back.
    const code = slug ? joinCodeOf(slug) : null
    context.navigate(code ? `/join/${code}?left` : '/')
  },
}
