/**
 * The handlers of the moderators' views: the actions on a comment, the review queue and its
 * decisions, the debate's settings and paragraph locks, watched words, members and the
 * moderation log. They load with those views.
 */
import { msg } from '@lit/localize'
import { announce, openDebate, type Context, type Handlers } from '../../handlers/context.ts'
import { refreshTallies } from '../../handlers/debate.ts'
import type { CommentModeration } from '../../services/types.ts'
import {
  lockParagraph,
  members,
  moderate,
  moderationLog,
  queue,
  resolve,
  unwatchWord,
  updateSettings,
  watchedWords,
  watchWord,
} from '../../services/moderation-api.ts'
import { updateBlock } from '../../state/debate.ts'
import { queueFailed, queueItemResolved, queueLoaded, queueLoading } from '../../state/moderation-queue.ts'
import { changeComment, upsertComment } from '../../state/threads.ts'
import { loadMembers, memberHandlers } from '../members-shared/handlers.ts'

/** The review queue, for moderators; does nothing for anyone else. */
async function loadQueue({ store, api }: Context): Promise<void> {
  const info = store.state.debate?.info
  if (!info || (info.role !== 'owner' && info.role !== 'moderator')) return
  store.update(queueLoading)
  try {
    const items = await queue(api, info.slug)
    if (store.state.debate?.slug === info.slug) store.update((s) => queueLoaded(s, items))
  } catch {
    store.update(queueFailed)
  }
}

export const moderatorHandlers: Handlers = {
  ...memberHandlers,

  'mg-load-queue': (_e, context) => loadQueue(context),

  'mg-moderate': async (e, context) => {
    const { commentId: id, action } = e
    const comment = await moderate(context.api, id, action, e.reason)
    if (comment) context.store.update((s) => upsertComment(s, comment).state)
    else context.store.update((s) => changeComment(s, id, (c) => ({ ...c, deleted: true, body: null })))
    const done: Record<CommentModeration, string> = {
      hide: msg('The comment is hidden.'),
      unhide: msg('The comment is shown again.'),
      pin: msg('The argument is pinned.'),
      unpin: msg('The argument is no longer pinned.'),
      delete: msg('The comment was deleted.'),
      remove: msg('The comment was removed for good.'),
    }
    announce(context, done[action])
    await refreshTallies(context)
  },

  'mg-resolve-queue-item': async (e, context) => {
    const resolved = await resolve(context.api, e.itemId, e.action, e.reason, e.anchor)
    context.store.update((s) => upsertComment(queueItemResolved(s, e.itemId), resolved.comment).state)
    announce(context, msg('Done; the item left the queue.'))
  },

  'mg-update-settings': async (e, context) => {
    const slug = openDebate(context)
    const settings = await updateSettings(context.api, slug, e.patch)
    context.store.update((s) => {
      const info = s.debate?.info
      if (!s.debate || !info || s.debate.slug !== slug) return s
      return { ...s, debate: { ...s.debate, info: { ...info, settings, state: settings.locked ? 'locked' : 'open' } } }
    })
    announce(context, msg('The settings were saved.'))
  },

  'mg-lock-paragraph': async (e, context) => {
    const slug = openDebate(context)
    const locked = await lockParagraph(context.api, slug, e.anchor, e.locked)
    // The page's own socket is not sent its change back: the store takes it here.
    context.store.update((s) => (s.debate?.slug === slug ? updateBlock(s, e.anchor, (b) => ({ ...b, locked })) : s))
    announce(context, locked ? msg('The thread is locked: it can be read, not answered.') : msg('The thread is open again.'))
  },

  'mg-load-log': (e, context) => moderationLog(context.api, openDebate(context), e.action || undefined),
  'mg-load-members': (_e, context) => loadMembers(context, 'members', (slug) => members(context.api, slug)),
  'mg-load-watched-words': (_e, context) => watchedWords(context.api, openDebate(context)),
  'mg-watch-word': (e, context) => watchWord(context.api, openDebate(context), e.pattern, e.action),
  'mg-unwatch-word': (e, context) => unwatchWord(context.api, openDebate(context), e.wordId),
}
