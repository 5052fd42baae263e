/** Fired by an open thread when the reader asks to see the new arguments held back in it. */
export class MgShowNewEvent extends Event {
  static readonly eventName = 'mg-show-new'
  constructor(readonly anchor: string) {
    super(MgShowNewEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-show-new': MgShowNewEvent
  }
}
