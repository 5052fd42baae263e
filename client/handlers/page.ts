/**
 * The handlers of the requests every debate page makes: threads, arguments and replies, votes,
 * positions, flags, signing in and out. Optimistic changes (votes, positions) are undone when
 * the server refuses them; failures a form shows are thrown back to it. The requests only the
 * lazy views make (the moderators' queue, following the seminar's leader) are handled by those
 * views' own.
 */
import { msg, str } from '@lit/localize'
import { ApiError } from '../services/api.ts'
import { errorMessage } from '../services/errors.ts'
import { choosePosition, setPositions } from '../state/debate.ts'
import { setAway, showUnseen } from '../state/live.ts'
import { signedIn, signedOut } from '../state/session.ts'
import { changeComment, countNewComment, findComment, highlight, upsertComment } from '../state/threads.ts'
import { announce, openDebate, type Handlers } from './context.ts'
import { loadOpenThreads, loadThread, refreshTallies, toggleThread } from './debate.ts'

export const pageHandlers: Handlers = {
  'mg-toggle-thread': async (e, context) => {
    const loading = toggleThread(context, e.anchor, e.open)
    context.live?.reading()
    await loading
  },
  'mg-view-paragraph': (e, context) => context.live?.reading(e.anchor),
  'mg-show-new': (e, { store }) => store.update((s) => showUnseen(s, e.anchor)),
  'mg-dismiss-away': (_e, { store }) => store.update((s) => setAway(s, null)),
  'mg-typing': (e, context) => context.live?.typing(e.anchor, e.stance),
  'mg-load-thread': (e, context) => loadThread(context, e.anchor),

  'mg-post-comment': async (e, context) => {
    const comment = await context.api.post(openDebate(context), e.anchor, e.input)
    context.store.update((s) => {
      const { state, added } = upsertComment(s, comment, false)
      return highlight(added ? countNewComment(state, comment) : state, { kind: 'comment', id: comment.id })
    })
    announce(context, e.input.parentId ? msg('Your reply was posted.') : msg('Your argument was posted.'))
    return comment
  },

  'mg-edit-comment': async (e, context) => {
    const comment = await context.api.edit(e.commentId, e.body)
    context.store.update((s) => upsertComment(s, comment, false).state)
    announce(context, msg('Your comment was changed.'))
    return comment
  },

  'mg-delete-comment': async (e, context) => {
    const id = e.commentId
    await context.api.remove(id)
    const anchor = findComment(context.store.state, id)?.anchor
    context.store.update((s) => changeComment(s, id, (c) => ({ ...c, deleted: true, body: null })))
    announce(context, msg('Your comment was deleted.'))
    // The counts of a paragraph exclude deleted comments; only the server knows them for sure.
    if (anchor) await refreshTallies(context)
  },

  'mg-vote': async (e, context) => {
    const { store, api } = context
    const { commentId: id, value } = e
    const before = findComment(store.state, id)
    if (!before || (before.voted ? 1 : 0) === value) return
    store.update((s) => changeComment(s, id, (c) => ({ ...c, voted: value === 1, votes: Math.max(0, c.votes + (value === 1 ? 1 : -1)) })))
    try {
      const votes = await api.vote(id, value)
      store.update((s) => changeComment(s, id, (c) => ({ ...c, votes })))
      announce(context, value === 1 ? msg(str`Vote counted: ${votes} votes.`) : msg(str`Vote taken back: ${votes} votes.`))
    } catch (err) {
      store.update((s) => changeComment(s, id, (c) => ({ ...c, voted: before.voted, votes: before.votes })))
      announce(context, errorMessage(err))
    }
  },

  'mg-set-position': async (e, context) => {
    const { store, api } = context
    const { anchor, stance } = e
    const slug = openDebate(context)
    const before = store.state.debate?.essay?.blocks.find((b) => b.anchor === anchor)
    if (!before) return
    store.update((s) => choosePosition(s, anchor, stance))
    try {
      const positions = await api.position(slug, anchor, stance)
      store.update((s) => setPositions(s, anchor, positions, stance))
      announce(context, msg('Your position was saved.'))
    } catch (err) {
      store.update((s) => setPositions(s, anchor, before.positions, before.myPosition))
      announce(context, errorMessage(err))
    }
  },

  'mg-flag': async (e, context) => {
    await context.api.flag(e.commentId, e.reason, e.note)
    announce(context, msg('Thank you: the moderators will look at the comment.'))
  },

  'mg-authenticate': async (e, context) => {
    const { api, store } = context
    const user = e.mode === 'login' ? await api.login(e.username, e.password) : await api.register(e.username, e.password)
    store.update((s) => signedIn(s, user))
    announce(context, msg(str`Signed in as ${user.username}.`))
    // The reader's own positions, votes and moderation rights.
    await refreshTallies(context)
    await loadOpenThreads(context)
    return user
  },

  'mg-sign-out': async (_e, context) => {
    try {
      await context.api.logout()
    } catch (err) {
      // A session the server no longer knows is as good as ended.
      if (!(err instanceof ApiError && err.status === 401)) {
        announce(context, errorMessage(err))
        return
      }
    }
    context.store.update(signedOut)
    announce(context, msg('Signed out.'))
  },
}
