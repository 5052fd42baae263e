/** Fired where an action needs an account: asks the page to open the sign-in dialog. */
export type AuthMode = 'login' | 'register'

export class MgRequestSignInEvent extends Event {
  static readonly eventName = 'mg-request-sign-in'
  constructor(readonly mode: AuthMode = 'login') {
    super(MgRequestSignInEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-request-sign-in': MgRequestSignInEvent
  }
}
