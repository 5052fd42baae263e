/** Fired to end the reader's session. */
import { RequestEvent } from './request.ts'

export class MgSignOutEvent extends RequestEvent {
  static readonly eventName = 'mg-sign-out'
  constructor() {
    super(MgSignOutEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-sign-out': MgSignOutEvent
  }
}
