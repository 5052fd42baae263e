/** Fired by the join page to join a seminar with its code; answered with the seminar joined, which then opens. */
import { join, type Joined } from '../services/seminar-api.ts'
import type { Api } from '../services/api.ts'
import { signedIn } from '../state/session.ts'
import type { AppState } from '../state/store.ts'
import { SeminarCallEvent } from './seminar-call.ts'

export class MgJoinEvent extends SeminarCallEvent<Joined> {
  static readonly eventName = 'mg-join'
  constructor(
    readonly code: string,
    /** The name a guest goes by; absent when signed in. */
    readonly displayName?: string,
  ) {
    super(MgJoinEvent.eventName)
  }

  send(api: Api): Promise<Joined> {
    return join(api, this.code, this.displayName)
  }

  /** A guest is signed in as the new guest; an account stays who it was. */
  override apply(state: AppState, joined: Joined): AppState {
    return signedIn(state, joined.user)
  }

  override destination(joined: Joined): string {
    return `/d/${joined.debate.slug}`
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-join': MgJoinEvent
  }
}
