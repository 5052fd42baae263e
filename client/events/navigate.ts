/** Fired to go to another page of the application without reloading (e.g. the join page for a code). */
export class MgNavigateEvent extends Event {
  static readonly eventName = 'mg-navigate'
  constructor(readonly path: string) {
    super(MgNavigateEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-navigate': MgNavigateEvent
  }
}
