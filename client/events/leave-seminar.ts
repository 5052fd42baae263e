/** Fired when a guest, warned that they cannot sign in again, signs out of the seminar. */
import { RequestEvent } from './request.ts'

export class MgLeaveSeminarEvent extends RequestEvent {
  static readonly eventName = 'mg-leave-seminar'
  constructor() {
    super(MgLeaveSeminarEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-leave-seminar': MgLeaveSeminarEvent
  }
}
