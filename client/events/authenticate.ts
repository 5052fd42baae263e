/** Fired by the sign-in dialog to log in or register; the outcome is the signed-in user. */
import type { User } from '../services/types.ts'
import type { AuthMode } from './request-sign-in.ts'
import { RequestEvent } from './request.ts'

export class MgAuthenticateEvent extends RequestEvent<User> {
  static readonly eventName = 'mg-authenticate'
  constructor(
    readonly mode: AuthMode,
    readonly username: string,
    readonly password: string,
  ) {
    super(MgAuthenticateEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-authenticate': MgAuthenticateEvent
  }
}
