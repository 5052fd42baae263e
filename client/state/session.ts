/** The session slice: who is signed in. Signing out forgets what only that reader could see. */
import type { User } from '../services/api.ts'
import type { AppState } from './store.ts'

export function signedIn(state: AppState, user: User | null): AppState {
  return { ...state, user }
}

export function signedOut(state: AppState): AppState {
  const debate = state.debate
  const essay = debate?.essay
  return {
    ...state,
    user: null,
    debate:
      debate && essay
        ? { ...debate, essay: { ...essay, blocks: essay.blocks.map((b) => (b.myPosition ? { ...b, myPosition: null } : b)) } }
        : debate,
    threads: Object.fromEntries(
      Object.entries(state.threads).map(([anchor, t]) => [
        anchor,
        { ...t, comments: t.comments.map((c) => (c.voted ? { ...c, voted: false } : c)) },
      ]),
    ),
  }
}
