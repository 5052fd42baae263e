/** Fired to end the reader's session. */
export class MgSignOutEvent extends Event {
  static readonly eventName = 'mg-sign-out'
  constructor() {
    super(MgSignOutEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-sign-out': MgSignOutEvent
  }
}
