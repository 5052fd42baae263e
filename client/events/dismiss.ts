/** Fired when the reader cancels a reply composer (its draft is kept) or a dialog. */
export class MgDismissEvent extends Event {
  static readonly eventName = 'mg-dismiss'
  constructor() {
    super(MgDismissEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-dismiss': MgDismissEvent
  }
}
