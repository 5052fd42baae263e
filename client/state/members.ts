/**
 * The members slice: the debate's member list, which its moderators manage, and the
 * seminar's roster, which its leaders manage, each as last loaded and whether a change since
 * (a live `member.updated` or `member.joined`, or the reader's own change) calls for loading
 * it again. The views' handlers load the lists; the page only marks them stale, and forgets
 * them when another debate opens.
 */
import type { Member, RosterMember } from '../services/types.ts'

export interface MemberList<M extends Member> {
  /** The list as last loaded; null until it is. */
  list: readonly M[] | null
  /** Something changed since it loaded: the view showing it loads it again. */
  stale: boolean
}

export interface MembersState {
  /** The debate's members, as its moderators see them. */
  members: MemberList<Member>
  /** The seminar's members, as its leaders see them. */
  roster: MemberList<RosterMember>
}

export type MemberListName = keyof MembersState

export interface MembersPart {
  /** The member lists of the current debate. */
  members: MembersState
}

/** Not loaded, not asked for: shared by every empty list, which nothing ever changes in place. */
const EMPTY: MemberList<never> = { list: null, stale: false }

export function emptyMembers(): MembersState {
  return { members: EMPTY, roster: EMPTY }
}

export function membersLoaded<S extends MembersPart, K extends MemberListName>(
  state: S,
  which: K,
  list: NonNullable<MembersState[K]['list']>,
): S {
  return { ...state, members: { ...state.members, [which]: { list, stale: false } } }
}

/** The lists named changed; one already stale stays as it is, so its view asks only once. */
export function membersStale<S extends MembersPart>(state: S, ...which: MemberListName[]): S {
  let members = state.members
  for (const name of which) if (!members[name].stale) members = { ...members, [name]: { ...members[name], stale: true } }
  return members === state.members ? state : { ...state, members }
}

/** Another debate opens (a new state in any case): nothing of the last one's lists stays. */
export function membersReset<S extends MembersPart>(state: S): S {
  return { ...state, members: emptyMembers() }
}
