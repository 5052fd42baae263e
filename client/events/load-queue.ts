/** Fired when a moderator opens the review queue, to fetch its current items. */
export class MgLoadQueueEvent extends Event {
  static readonly eventName = 'mg-load-queue'
  constructor() {
    super(MgLoadQueueEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-queue': MgLoadQueueEvent
  }
}
