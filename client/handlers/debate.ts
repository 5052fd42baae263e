/**
 * Loading what a page shows: the reader's session, the list of debates, a debate with its
 * open threads and a seminar's room (the review queue loads with the moderators' views). The
 * root element calls these when a route opens; the handlers and the live reader call them
 * when what they show has changed beyond what an event carries.
 */
import { msg } from '@lit/localize'
import * as seminarRoom from '../services/seminar-room.ts'
import type { Room } from '../services/types.ts'
import { debateFailed, debateLoaded, debateLoading } from '../state/debate.ts'
import { membersReset } from '../state/members.ts'
import { roomLoaded, seminarReset } from '../state/seminar.ts'
import { signedIn } from '../state/session.ts'
import { findComment, highlight, setOpen, threadFailed, threadLoaded, threadLoading } from '../state/threads.ts'
import { showUnseen } from '../state/live.ts'
import { announce, type Context } from './context.ts'

export async function loadSession(context: Context): Promise<void> {
  const user = await context.api.me().catch(() => null)
  context.store.update((s) => signedIn(s, user))
}

export async function loadDebates({ store, api }: Context): Promise<void> {
  store.update((s) => ({ ...s, debates: { ...s.debates, status: 'loading' } }))
  try {
    const list = await api.debates()
    store.update((s) => ({ ...s, debates: { status: 'ready', list } }))
  } catch {
    store.update((s) => ({ ...s, debates: { ...s.debates, status: 'error' } }))
  }
}

export async function loadDebate(context: Context, slug: string): Promise<void> {
  const { store, api } = context
  store.update((s) => debateLoading(s.debate?.slug === slug ? s : membersReset(seminarReset(s)), slug))
  try {
    const { debate, essay } = await api.debate(slug)
    store.update((s) => debateLoaded(s, debate, essay))
  } catch {
    store.update((s) => debateFailed(s, slug))
    return
  }
  await loadRoom(context)
}

/** The debate and its open threads again, when what changed is more than an event says. */
export async function refetch(context: Context): Promise<void> {
  const slug = context.store.state.debate?.slug
  if (!slug) return
  await loadDebate(context, slug)
  await loadOpenThreads(context)
}

/** The tallies again (the reader's own positions and votes included); the threads stay. */
export async function refreshTallies({ store, api }: Context): Promise<void> {
  const slug = store.state.debate?.slug
  if (!slug) return
  try {
    const { debate, essay } = await api.debate(slug)
    store.update((s) => debateLoaded(s, debate, essay))
  } catch {
    // The tallies shown stay as they were; the next reload corrects them.
  }
}

export async function loadThread({ store, api }: Context, anchor: string): Promise<void> {
  const slug = store.state.debate?.slug
  if (!slug) return
  store.update((s) => threadLoading(s, anchor))
  try {
    const comments = await api.thread(slug, anchor)
    if (store.state.debate?.slug === slug) store.update((s) => threadLoaded(s, anchor, comments))
  } catch {
    store.update((s) => threadFailed(s, anchor))
  }
}

export async function loadOpenThreads(context: Context): Promise<void> {
  await Promise.all(context.store.state.open.map((anchor) => loadThread(context, anchor)))
}

export async function toggleThread(context: Context, anchor: string, open: boolean): Promise<void> {
  // A closed thread holds nothing back: reopened, it shows everything.
  context.store.update((s) => (open ? setOpen(s, anchor, open) : showUnseen(setOpen(s, anchor, open), anchor)))
  const thread = context.store.state.threads[anchor]
  if (open && thread?.status !== 'ready') await loadThread(context, anchor)
}

/** The seminar's room, for a seminar; nothing for an ordinary debate. */
export async function loadRoom(context: Context): Promise<void> {
  const slug = context.store.state.debate?.slug
  if (!slug || !context.store.state.debate?.info?.seminar) return
  try {
    const room = await seminarRoom.room(context.api, slug)
    if (context.store.state.debate?.slug === slug) receiveRoom(context, room)
  } catch {
    // The live connection's `subscribed` brings the room as well.
  }
}

/** A whole room, from `GET /room` or the live connection's `subscribed`. */
export function receiveRoom(context: Context, room: Room): void {
  context.store.update((s) => roomLoaded(s, room))
}

/**
 * Follows a deep link: `#p-<anchor>` brings a paragraph into view, `#c-<id>` opens the
 * comment's thread and brings the comment into view.
 */
export async function followHash(context: Context, hash: string): Promise<void> {
  const commentId = /^#c-(\d{1,15})$/.exec(hash)?.[1]
  if (commentId) {
    await revealComment(context, Number(commentId))
    return
  }
  const target = /^#((?:p|h)-[A-Za-z0-9-]+)$/.exec(hash)?.[1]
  const blocks = context.store.state.debate?.essay?.blocks ?? []
  const block = blocks.find((b) => b.anchor === target) ?? blocks.find((b) => `p-${b.anchor}` === target)
  if (block) context.store.update((s) => highlight(s, { kind: 'paragraph', anchor: block.anchor }))
}

async function revealComment(context: Context, id: number): Promise<void> {
  const { store, api } = context
  let comment = findComment(store.state, id)
  if (!comment) {
    try {
      const found = await api.comment(id)
      if (found.debate !== store.state.debate?.slug) return
      comment = found.comment
    } catch {
      announce(context, msg('That comment could not be found.'))
      return
    }
  }
  await toggleThread(context, comment.anchor, true)
  store.update((s) => highlight(s, { kind: 'comment', id }))
}
