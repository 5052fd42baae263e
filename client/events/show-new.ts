/** Fired by an open thread when the reader asks to see the new arguments held back in it. */
import { RequestEvent } from './request.ts'

export class MgShowNewEvent extends RequestEvent {
  static readonly eventName = 'mg-show-new'
  constructor(readonly anchor: string) {
    super(MgShowNewEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-show-new': MgShowNewEvent
  }
}
