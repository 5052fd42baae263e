/** Fired when the reader closes the "while you were away" summary. */
import { RequestEvent } from './request.ts'

export class MgDismissAwayEvent extends RequestEvent {
  static readonly eventName = 'mg-dismiss-away'
  constructor() {
    super(MgDismissAwayEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-dismiss-away': MgDismissAwayEvent
  }
}
