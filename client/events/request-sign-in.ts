/** Fired where an action needs an account: asks the page to open the sign-in dialog. */
import { RequestEvent } from './request.ts'

export type AuthMode = 'login' | 'register'

export class MgRequestSignInEvent extends RequestEvent {
  static readonly eventName = 'mg-request-sign-in'
  constructor(readonly mode: AuthMode = 'login') {
    super(MgRequestSignInEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-request-sign-in': MgRequestSignInEvent
  }
}
