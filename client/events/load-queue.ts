/** Fired when a moderator opens the review queue, to fetch its current items. */
import { RequestEvent } from './request.ts'

export class MgLoadQueueEvent extends RequestEvent {
  static readonly eventName = 'mg-load-queue'
  constructor() {
    super(MgLoadQueueEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-queue': MgLoadQueueEvent
  }
}
