/** The session slice: who is signed in. Signing out forgets what only that reader could see. */
import type { User } from '../services/types.ts'
import type { ThreadsPart } from './common.ts'
import type { DebatePart } from './debate.ts'

export interface SessionPart {
  /** The signed-in reader; `undefined` until the server has answered. */
  user: User | null | undefined
}

export function signedIn<S extends SessionPart>(state: S, user: User | null): S {
  return { ...state, user }
}

export function signedOut<S extends SessionPart & DebatePart & ThreadsPart>(state: S): S {
  const debate = state.debate
  const essay = debate?.essay
  const forgotten: SessionPart & DebatePart & Pick<ThreadsPart, 'threads'> = {
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
  return { ...state, ...forgotten }
}
