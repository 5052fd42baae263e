/**
 * What the moderators' member list and the seminar leaders' roster share: the handler of a
 * change of a member's role, mute or ban, and the loading of either list into the store.
 * Each of the two chunks registers the handler; the page registers it once.
 */
import { changeMember } from '../../services/moderation-api.ts'
import { openDebate, type Context, type Handlers } from '../../handlers/context.ts'
import { membersLoaded, membersStale, type MemberListName, type MembersState } from '../../state/members.ts'

export const memberHandlers: Handlers = {
  'mg-change-member': async (e, context) => {
    await changeMember(context.api, openDebate(context), e.username, e.change, e.until)
    context.store.update((s) => membersStale(s, 'members', 'roster'))
  },
}

type Entry<K extends MemberListName> = NonNullable<MembersState[K]['list']>[number]

/** Loads list `which` of the open debate into the store, unless another debate opened meanwhile, and returns it. */
export async function loadMembers<K extends MemberListName, M extends Entry<K>>(
  context: Context,
  which: K,
  load: (slug: string) => Promise<M[]>,
): Promise<M[]> {
  const slug = openDebate(context)
  const list = await load(slug)
  if (context.store.state.debate?.slug === slug) context.store.update((s) => membersLoaded(s, which, list))
  return list
}
